import type { Identity } from './contact.ts';

/** What one redemption did, written in the same atomic step as the redemption itself. */
export type RedemptionActivity = {
  /** Absent as stored: every activity without a kind is a redemption. */
  kind?: 'redemption';
  id: string;
  invitationId: string;
  contactId: string;
  at: Date;
  ip: string | null;
  userAgent: string | null;
  accountId: string | null;
  webRoleIds: string[];
  workflow: string | null;
};

/**
 * A redemption given back by staff (reset), written in the same step as the reset: who, why, and
 * what the contact lost. `accountId` and `webRoleIds` are what was taken away (a grant the contact
 * also held from staff or another redemption stays and is not listed).
 */
export type RedemptionResetActivity = {
  kind: 'redemption-reset';
  id: string;
  invitationId: string;
  contactId: string;
  at: Date;
  actor: string;
  reason: string | null;
  /** The activity of the redemption that was reset. */
  redemptionActivityId: string;
  accountId: string | null;
  webRoleIds: string[];
  identities: Identity[];
  localAccountRemoved: boolean;
  /** The invitation got a new code in the same step (the old one stopped working). */
  reissued: boolean;
};

/** What the activity list of an invitation holds, newest first. */
export type InvitationActivity = RedemptionActivity | RedemptionResetActivity;

export function isReset(activity: InvitationActivity): activity is RedemptionResetActivity {
  return activity.kind === 'redemption-reset';
}

/** The redemptions in `activities` that no reset in them has undone. */
export function standingRedemptions(activities: readonly InvitationActivity[]): RedemptionActivity[] {
  const undone = new Set(activities.filter(isReset).map((reset) => reset.redemptionActivityId));
  return activities.filter((a): a is RedemptionActivity => !isReset(a) && !undone.has(a.id));
}
