import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Workflow webhook signatures: `X-InviteDesk-Signature: sha256=<hex HMAC-SHA256 of the raw body>`
 * under the workflow's secret. Receivers recompute it over the exact bytes they received.
 */
export const SIGNATURE_HEADER = 'X-InviteDesk-Signature';

export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

export function verifySignature(secret: string, body: string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(secret, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}
