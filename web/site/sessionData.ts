import type { SiteLocale } from './i18n.ts';

/** What a visitor's session holds. */
declare module 'express-session' {
  interface SessionData {
    contactId?: string;
    locale?: SiteLocale;
    /** A code waiting for "Sign in with Microsoft" to come back. */
    pendingCode?: string;
    pendingRedirect?: string;
    /** A message key to show once on the next page (why an accepted sign-in did not redeem). */
    notice?: string;
    oidc?: { state: string; nonce: string; verifier: string };
  }
}
export {};
