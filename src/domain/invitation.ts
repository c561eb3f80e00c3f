import { phrase, type Phrase } from './phrases.ts';
export type InvitationType = 'single' | 'group';
export const LOCALES = ['en', 'da'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * What staff did with the invitation. The status a person sees is derived from this and from
 * facts (redemptions left, expiry, the clock): see `invitationStatus`.
 */
export type Lifecycle = 'draft' | 'pending-approval' | 'rejected' | 'sent' | 'revoked';

export const STATUSES = ['draft', 'pending-approval', 'rejected', 'sent', 'redeemed', 'expired', 'revoked'] as const;
export type InvitationStatus = (typeof STATUSES)[number];

/** The invitation (Dynamics: adx_invitation). Invited and redeemed contacts are kept beside it in the store. */
export type Invitation = {
  id: string;
  name: string;
  type: InvitationType;
  /** Staff member the mail is sent on behalf of. */
  ownerId: string | null;
  /** HMAC of the code; the code itself is never stored. */
  codeLookupKey: string;
  /** Encrypted copy of the code, for resending. */
  codeSealed: string;
  expiresAt: Date | null;
  /** Contact shown as the person who invites. */
  inviterContactId: string | null;
  assignToAccountId: string | null;
  workflow: string | null;
  webRoleIds: string[];
  maxRedemptions: number;
  /** Redemptions still allowed; `maxRedemptions - remaining` have happened. */
  remaining: number;
  invitedCount: number;
  locale: Locale;
  redirectUrl: string | null;
  lifecycle: Lifecycle;
  decidedBy: string | null;
  decisionReason: string | null;
  createdBy: string;
  /** The batch (`invite many`) the invitation was made in; absent for one made on its own. Decided with its batch. */
  batchId?: string;
  /** Days before its expiry that an unredeemed invitation is reminded of (see domain/reminders.ts); absent: no reminder. */
  reminderDays?: number;
  /** A draft's send time: the worker sends it then (see services/sendDraft.ts); absent for a draft sent by hand. */
  sendAt?: Date;
  createdAt: Date;
  updatedAt: Date;
  /** Bumped by every write; conditional writes compare it. */
  version: number;
};

export function redemptionCount(invitation: Pick<Invitation, 'maxRedemptions' | 'remaining'>): number {
  return invitation.maxRedemptions - invitation.remaining;
}

/** The one expiry rule: an invitation is expired from its `expiresAt` on (none: never). */
export function isExpired(invitation: Pick<Invitation, 'expiresAt'>, now: Date): boolean {
  return invitation.expiresAt !== null && invitation.expiresAt.getTime() <= now.getTime();
}

/** Why an expiry cannot be given to an invitation now (a new one or an extension), or null when it can. */
export function expiryProblem(expiresAt: Date | null, now: Date): Phrase | null {
  if (expiresAt === null) return null;
  if (Number.isNaN(expiresAt.getTime())) return phrase('expiry.notADate');
  return isExpired({ expiresAt }, now) ? phrase('expiry.past') : null;
}

export function invitationStatus(invitation: Pick<Invitation, 'lifecycle' | 'remaining' | 'expiresAt'>, now: Date): InvitationStatus {
  if (invitation.lifecycle === 'revoked' || invitation.lifecycle === 'rejected') return invitation.lifecycle;
  if (invitation.remaining <= 0) return 'redeemed';
  if (isExpired(invitation, now)) return 'expired';
  return invitation.lifecycle;
}

/**
 * A status filter as plain conditions on stored fields, so that every store adapter can evaluate
 * it in its own query language without knowing the status rules.
 */
export type StatusCondition = {
  lifecycles: Lifecycle[];
  remaining?: 'none' | 'some';
  expiry?: 'past' | 'future-or-none';
  now: Date;
};

export function statusCondition(status: InvitationStatus, now: Date): StatusCondition {
  switch (status) {
    case 'revoked':
    case 'rejected':
      return { lifecycles: [status], now };
    case 'redeemed':
      return { lifecycles: ['sent'], remaining: 'none', now };
    case 'expired':
      return { lifecycles: ['draft', 'pending-approval', 'sent'], remaining: 'some', expiry: 'past', now };
    case 'draft':
    case 'pending-approval':
    case 'sent':
      return { lifecycles: [status], remaining: 'some', expiry: 'future-or-none', now };
  }
}

export function isStatus(value: string): value is InvitationStatus {
  return (STATUSES as readonly string[]).includes(value);
}

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}
