import { createCipheriv, createDecipheriv, createHmac, createSecretKey, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import { normaliseCode } from './inviteCode.ts';

/**
 * Keeps codes out of the database in any usable form. `lookupKey` is an HMAC-SHA256 of the
 * canonical code under a key derived from CODE_SECRET: a leaked database cannot be turned back into
 * codes without the secret. `seal`/`open` keep an AES-256-GCM copy so staff can resend the mail.
 */
export type CodeVault = {
  lookupKey(code: string): string;
  seal(code: string): string;
  open(sealed: string): string;
};

const TAG_LENGTH = 16;

export function createCodeVault(secret: string): CodeVault {
  if (Buffer.byteLength(secret) < 32) throw new Error('CODE_SECRET must be at least 32 characters');
  const hmacKey = derive(secret, 'invite-desk/code-lookup');
  const sealKey = derive(secret, 'invite-desk/code-seal');

  return {
    lookupKey(code) {
      return createHmac('sha256', hmacKey).update(normaliseCode(code)).digest('base64url');
    },
    seal(code) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', sealKey, iv, { authTagLength: TAG_LENGTH });
      const body = Buffer.concat([cipher.update(normaliseCode(code), 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
    },
    open(sealed) {
      const [version, iv, body, tag] = sealed.split('.');
      if (version !== 'v1' || !iv || !body || !tag) throw new Error('sealed code has an unknown format');
      // The full 16-byte tag only: without authTagLength, GCM would also accept a tag cut to 4 bytes.
      const decipher = createDecipheriv('aes-256-gcm', sealKey, Buffer.from(iv, 'base64url'), { authTagLength: TAG_LENGTH });
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

/** A KeyObject, made once: Node turns a Buffer key into one on every use (7 × slower HMACs). */
function derive(secret: string, purpose: string): KeyObject {
  return createSecretKey(Buffer.from(hkdfSync('sha256', secret, 'invite-desk', purpose, 32)));
}
