import type { Invitation } from '../../domain/invitation.ts';
import type { Job } from '../../domain/job.ts';
import type { Store } from '../../store/port.ts';
import { approversConversation, approversOf } from '../approvers.ts';
import { approvalCardJob, inviterOf, noticeJob } from './noticeJob.ts';

/**
 * Pushes the approval card of an invitation that waits for a decision: into the personal chat of
 * every approver but the requester (each sees Approve / Reject), of the requester (to follow it),
 * and into the approvers' conversation when an admin set one. Someone the bot cannot reach in
 * Teams gets the text instead. Queued in the same write that creates the invitation.
 */
export async function approvalRequestNotices(store: Store, invitation: Invitation, now: Date): Promise<Job[]> {
  const requester = inviterOf(invitation);
  const approvers = await approversOf(store, invitation);
  const requesterName = requester ? (await store.staff.get(requester))?.displayName ?? 'A colleague' : 'An admin';
  const requesterVariant = requesterWording(requester, requesterName);
  const post = (to: string) => ({ action: 'post' as const, invitationId: invitation.id, viewer: to, to });
  const jobs = approvers.map((to) => approvalCardJob(`notice:approval:${invitation.id}:${to}`, post(to), {
    to, title: 'An invitation waits for your approval',
    text: `${requesterName} asks to invite ${invitation.invitedCount} contact(s) with "${invitation.name}". Type "approvals" to approve or reject it.`,
    color: 'Default',
    message: { key: `approvalRequest${requesterVariant}`, values: { requester: requesterName, count: String(invitation.invitedCount), name: invitation.name } },
  }, invitation.id, now));
  if (requester) {
    jobs.push(approvalCardJob(`notice:approval-requested:${invitation.id}`, post(requester), {
      to: requester, title: 'Your invitation waits for approval', text: `"${invitation.name}" is sent once an approver approves it.`, color: 'Default',
      message: { key: 'approvalRequested', values: { name: invitation.name } },
    }, invitation.id, now));
  }
  const shared = await approversConversation(store);
  const viewer = requester ?? approvers[0];
  if (shared && viewer) {
    jobs.push(approvalCardJob(`notice:approval:${invitation.id}:approvers-conversation`, {
      action: 'post-shared', invitationId: invitation.id, viewer, conversation: shared.reference,
    }, null, invitation.id, now));
  }
  return jobs;
}

/** Brings every posted copy of the invitation's approval card up to date with its decision. */
export function approvalCardUpdate(invitation: Pick<Invitation, 'id'>, decider: string, now: Date): Job {
  return approvalCardJob(`notice:approval-update:${invitation.id}`, {
    action: 'update', invitationId: invitation.id, viewer: decider, decidedAt: now.toISOString(),
  }, null, invitation.id, now);
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
    message: { key: reason ? 'rejected' : 'approved', values: { decider: deciderName, name: invitation.name, reason: reason ?? '' } },
  }, invitation.id, now)];
}

/** Which wording names the requester: by name, or (no name kept) a colleague, or (no staff member) an admin. */
export function requesterWording(requester: string | null, name: string): '' | 'ByColleague' | 'ByAdmin' {
  if (!requester) return 'ByAdmin';
  return name === 'A colleague' ? 'ByColleague' : '';
}
