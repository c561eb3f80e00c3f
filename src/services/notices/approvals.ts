import type { Invitation } from '../../domain/invitation.ts';
import type { Job } from '../../domain/job.ts';
import { hasRole } from '../../domain/staff.ts';
import type { Store } from '../../store/port.ts';
import { inviterOf, noticeJob } from './noticeJob.ts';

/**
 * Tells every approver but the requester that an invitation waits for them; they decide on its
 * approval card (`approvals` in the bot). Queued in the same write that creates the invitation.
 */
export async function approvalRequestNotices(store: Store, invitation: Invitation, now: Date): Promise<Job[]> {
  const requester = inviterOf(invitation);
  const approvers = new Set<string>();
  for (let after: string | null = null, first = true; first || after; first = false) {
    const page = await store.staff.list({ limit: 100, after });
    for (const member of page.items) if (hasRole(member, 'approver') && member.id !== requester) approvers.add(member.id);
    after = page.next;
  }
  const requesterName = requester ? (await store.staff.get(requester))?.displayName ?? 'A colleague' : 'An admin';
  return [...approvers].map((to) => noticeJob(`notice:approval:${invitation.id}:${to}`, {
    to, title: 'An invitation waits for your approval',
    text: `${requesterName} asks to invite ${invitation.invitedCount} contact(s) with "${invitation.name}". Type "approvals" to approve or reject it.`,
    color: 'Default',
  }, invitation.id, now));
}

/** Tells the requester how their invitation was decided, and why when it was rejected. */
export function decisionNotice(invitation: Invitation, deciderName: string, reason: string | null, now: Date): Job[] {
  const requester = inviterOf(invitation);
  if (!requester) return [];
  return [noticeJob(`notice:decision:${invitation.id}`, {
    to: requester,
    title: reason ? 'Your invitation was not approved' : 'Your invitation was approved',
    text: reason ? `${deciderName} rejected "${invitation.name}": ${reason}` : `${deciderName} approved "${invitation.name}"; the mail is on its way.`,
    color: reason ? 'Attention' : 'Good',
  }, invitation.id, now)];
}
