import { displayName, type Contact } from '../../domain/contact.ts';
import type { Invitation } from '../../domain/invitation.ts';
import type { Job } from '../../domain/job.ts';
import { inviterOf, noticeJob } from './noticeJob.ts';

/**
 * Tells the inviter that a redemption of their invitation was reset, and why; null when no staff
 * member made the invitation or when the inviter reset it themselves (their answer says so). Queued
 * in the reset's own atomic step; the reset's id makes the notice's.
 */
export function redemptionResetNotice(
  invitation: Pick<Invitation, 'id' | 'name' | 'createdBy' | 'ownerId'>, contact: Pick<Contact, 'firstName' | 'lastName' | 'primaryEmail'>,
  reset: { id: string; actor: string; actorName: string; reason: string | null; reissued: boolean }, now: Date,
): Job | null {
  const to = inviterOf(invitation);
  if (!to || to === reset.actor.toLowerCase()) return null;
  const why = reset.reason ? `: ${reset.reason}` : '.';
  const reissued = reset.reissued ? ' The invitation has a new code, mailed to the invited contact.' : '';
  return noticeJob(`notice:redemption-reset:${invitation.id}:${reset.id}`, {
    to, title: 'Redemption reset',
    text: `${reset.actorName} reset the redemption of "${invitation.name}" by ${displayName(contact)}${why}${reissued}`,
    color: 'Warning',
    message: {
      key: reset.reissued ? 'redemptionResetReissued' : 'redemptionReset',
      values: { actor: reset.actorName, name: invitation.name, contact: displayName(contact), why },
    },
  }, invitation.id, now);
}
