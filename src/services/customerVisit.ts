import type { Contact, Identity } from '../domain/contact.ts';
import type { Invitation, Locale } from '../domain/invitation.ts';
import { isLocale } from '../domain/invitation.ts';
import type { ClientInfo } from './redeemInvitation.ts';

/** Where the visitor is asking from: the browser session's secret, its language, where to go afterwards. */
export type VisitContext = ClientInfo & { sessionNonce?: string | null; locale?: string | null; redirect?: string | null };

/**
 * How a customer's request ended: signed in (and perhaps redeemed), or waiting for a mailed link.
 * `via`: the invitation whose code alone vouched for the sign-in method used, if any; the session
 * keeps it, so that a method added from that session carries the same provenance.
 */
export type AccessOutcome =
  | { kind: 'signed-in'; contact: Contact; via: string | null }
  | { kind: 'redeemed'; contact: Contact; invitation: Invitation; via: string | null }
  | { kind: 'check-mail'; email: string }
  | { kind: 'need-email' };

/** An external identity as the sign-in returned it, with the claims we read (and never trust to bind). */
export type ArrivingIdentity = Identity & { email: string | null; emailVerified: boolean; firstName: string; lastName: string };

export function localeOf(visit: VisitContext): Locale {
  return typeof visit.locale === 'string' && isLocale(visit.locale) ? visit.locale : 'en';
}

/** The browser session's secret; an edge that asks for a mailed link without one is a programming error. */
export function nonceOf(visit: VisitContext): string {
  if (typeof visit.sessionNonce !== 'string' || visit.sessionNonce.length < 16) throw new Error('a mailed-link request needs the browser session\'s nonce');
  return visit.sessionNonce;
}

export function redirectOf(visit: VisitContext): string | null {
  return typeof visit.redirect === 'string' && visit.redirect ? visit.redirect.slice(0, 2000) : null;
}

export function clientOf(visit: VisitContext): ClientInfo {
  return { ip: visit.ip, userAgent: visit.userAgent };
}
