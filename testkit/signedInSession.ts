import { createHmac, randomBytes } from 'node:crypto';
import type { EphemeralStore } from '../src/store/port.ts';
import { SESSION_COOKIE } from '../web/site/index.ts';

const MAX_AGE_MS = 8 * 60 * 60_000;

/**
 * A signed-in site session for a contact, written to the store as the site's sign-in writes it
 * (contact id and CSRF token in the session record): the Cookie header value that carries it and
 * the CSRF token its forms must send. Signing in through the form is left out on purpose: its
 * scrypt password hash is meant to be slow.
 */
export async function writeSignedInSession(records: EphemeralStore, contactId: string, sessionSecret: string): Promise<{ cookie: string; csrfToken: string }> {
  const sid = randomBytes(24).toString('base64url');
  const csrfToken = randomBytes(32).toString('hex');
  const expires = new Date(Date.now() + MAX_AGE_MS);
  await records.put('session', sid, {
    cookie: { originalMaxAge: MAX_AGE_MS, expires: expires.toISOString(), secure: false, httpOnly: true, path: '/', sameSite: 'lax' },
    contactId,
    sessionGeneration: 0,
    csrfToken,
  }, expires);
  return { cookie: `${SESSION_COOKIE}=${encodeURIComponent(signedSessionId(sid, sessionSecret))}`, csrfToken };
}

/** The cookie value express-session sets: `s:` + id + `.` + its HMAC-SHA256 (cookie-signature's format). */
function signedSessionId(sid: string, secret: string): string {
  return `s:${sid}.${createHmac('sha256', secret).update(sid).digest('base64').replace(/=+$/, '')}`;
}
