import type { SiteLocale } from './i18n.ts';

/** What a visitor's session holds. */
declare module 'express-session' {
  interface SessionData {
    contactId?: string;
    /** The contact's session generation at sign-in; a session made under an older one signs nobody in. */
    sessionGeneration?: number;
    /** The invitation whose code alone vouched for the method this session signed in with (see AccessOutcome). */
    signedInVia?: string;
    locale?: SiteLocale;
    /** The invitation (its code checked) waiting for "Sign in with Microsoft" to come back; codes are never kept in the clear. */
    pendingInvitationId?: string;
    /** A Microsoft identity that came back without an e-mail address, waiting for the visitor to type one. */
    pendingIdentity?: { issuer: string; subject: string; firstName: string; lastName: string };
    /** This session's secret for mailed links (see sessionNonce in siteContext.ts). */
    proofNonce?: string;
    pendingRedirect?: string;
    /** A message key to show once on the next page (why an accepted sign-in did not redeem). */
    notice?: string;
    oidc?: { state: string; nonce: string; verifier: string };
  }
}
export {};
