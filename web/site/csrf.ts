import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CookieOptions, Request, RequestHandler } from 'express';
import { csrfSync } from 'csrf-sync';
import { holdsSession } from './sessionStore.ts';
import { readCookie } from './cookies.ts';

/**
 * CSRF protection for every form of the site (csrf-sync), without storing anything for a visitor
 * who has no session yet: a page view must not write a session (a brute-force run once left one
 * per guess). A visitor with a session keeps the token in it (synchronizer token). A visitor
 * without one gets it in an HttpOnly, SameSite=Lax cookie, signed with the site's secret and
 * `__Host-` over https (so no other host can set it), and the form must carry the same token
 * (signed double submit). Either way a post without a token this site gave to that browser is
 * refused with 403.
 */
export function siteCsrf(options: { secret: string; secure: boolean; maxAgeMs: number }): { protection: RequestHandler; token(req: Request): string } {
  const cookieName = options.secure ? '__Host-invitedesk.csrf' : 'invitedesk.csrf';
  const cookie: CookieOptions = { httpOnly: true, sameSite: 'lax', secure: options.secure, path: '/', maxAge: options.maxAgeMs };
  const signature = (token: string) => createHmac('sha256', options.secret).update(`csrf:${token}`).digest('base64url');
  const fromCookie = (req: Request) => {
    const [token, signed] = (readCookie(req, cookieName) ?? '').split('.');
    if (!token || !signed) return undefined;
    const expected = Buffer.from(signature(token));
    const given = Buffer.from(signed);
    return expected.length === given.length && timingSafeEqual(expected, given) ? token : undefined;
  };
  /** A token made during this request, not yet readable from the request's cookies. */
  const made = new WeakMap<Request, string>();
  const { csrfSynchronisedProtection, generateToken } = csrfSync({
    size: 32,
    getTokenFromRequest: (req) => (req.body as Record<string, unknown> | undefined)?._csrf as string | undefined,
    getTokenFromState: (req) => req.session?.csrfToken ?? made.get(req) ?? fromCookie(req),
    storeTokenInState: (req, token) => {
      if (!token) return;
      if (holdsSession(req)) {
        req.session.csrfToken = token;
        return;
      }
      made.set(req, token);
      req.res?.cookie(cookieName, `${token}.${signature(token)}`, cookie);
    },
  });
  return { protection: csrfSynchronisedProtection, token: (req) => generateToken(req) };
}
