import { displayName, type Contact } from '../../domain/contact.ts';
import type { Invitation } from '../../domain/invitation.ts';
import type { Job } from '../../domain/job.ts';
import { inviterOf, noticeJob } from './noticeJob.ts';

/**
 * The notice that tells the inviter their invitation was redeemed, to be queued in the redemption's
 * own atomic step; null when no staff member made it (made from the CLI without an owner). The
 * redemption's activity is in the id (a contact may redeem again after a reset), the contact last.
 */
export function redeemedNotice(invitation: Pick<Invitation, 'id' | 'name' | 'type' | 'createdBy' | 'ownerId'>, contact: Pick<Contact, 'id' | 'firstName' | 'lastName' | 'primaryEmail'>, activityId: string, now: Date): Job | null {
  const to = inviterOf(invitation);
  if (!to) return null;
  const what = invitation.type === 'group' ? 'the group invitation' : 'the invitation';
  return noticeJob(`notice:redeemed:${invitation.id}:${activityId}:${contact.id}`, {
    to, title: 'Invitation redeemed', text: `${displayName(contact)} redeemed ${what} "${invitation.name}".`, color: 'Good',
    message: { key: invitation.type === 'group' ? 'redeemedGroup' : 'redeemed', values: { contact: displayName(contact), name: invitation.name } },
  }, invitation.id, now);
}
