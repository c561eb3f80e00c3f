import type { Job } from '../../domain/job.ts';
import type { Store } from '../../store/port.ts';
import { approversConversation, approversOf } from '../approvers.ts';
import { requesterWording } from './approvals.ts';
import { approvalCardJob, noticeJob, staffObjectId } from './noticeJob.ts';

/** A batch of invitations made at once (`invite many`), as its approvers and requester hear of it. */
export type BatchRequest = { id: string; requestedBy: string; count: number };

/**
 * Pushes the batch's one approval card (the same mechanism as a single invitation's, see
 * approvals.ts) into the personal chat of every approver but the requester, and into the approvers'
 * conversation when an admin set one. Someone the bot cannot reach in Teams gets the text instead.
 */
export async function batchApprovalNotices(store: Store, batch: BatchRequest, now: Date): Promise<Job[]> {
  const requester = staffObjectId(batch.requestedBy);
  const approvers = await approversOf(store, { createdBy: batch.requestedBy, ownerId: null });
  const requesterName = requester ? (await store.staff.get(requester))?.displayName ?? 'A colleague' : 'An admin';
  const jobs = approvers.map((to) => approvalCardJob(`notice:batch-approval:${batch.id}:${to}`, { action: 'post', invitationId: batch.id, viewer: to, to, batch: true }, {
    to, title: 'A list of invitations waits for your approval',
    text: `${requesterName} asks to invite ${batch.count} contact(s), one invitation each. One decision approves or rejects all of them.`,
    color: 'Default',
    message: { key: `batchApprovalRequest${requesterWording(requester, requesterName)}`, values: { requester: requesterName, count: String(batch.count) } },
  }, batch.id, now));
  const shared = await approversConversation(store);
  const viewer = requester ?? approvers[0];
  if (shared && viewer) {
    jobs.push(approvalCardJob(`notice:batch-approval:${batch.id}:approvers-conversation`, {
      action: 'post-shared', invitationId: batch.id, viewer, conversation: shared.reference, batch: true,
    }, null, batch.id, now));
  }
  return jobs;
}

/** Brings every posted copy of the batch's approval card up to date with its decision. */
export function batchApprovalCardUpdate(batchId: string, decider: string, now: Date): Job {
  return approvalCardJob(`notice:batch-approval-update:${batchId}`, {
    action: 'update', invitationId: batchId, viewer: decider, decidedAt: now.toISOString(), batch: true,
  }, null, batchId, now);
}

/** Tells the requester, once for the batch, how it was decided. */
export function batchDecisionNotice(batch: BatchRequest, deciderName: string, reason: string | null, decided: number, now: Date): Job[] {
  const requester = staffObjectId(batch.requestedBy);
  if (!requester) return [];
  return [noticeJob(`notice:batch-decision:${batch.id}`, {
    to: requester,
    title: reason ? 'Your list of invitations was not approved' : 'Your list of invitations was approved',
    text: reason ? `${deciderName} rejected your ${decided} invitation(s): ${reason}` : `${deciderName} approved your ${decided} invitation(s); the mails are on their way.`,
    color: reason ? 'Attention' : 'Good',
    message: { key: reason ? 'batchRejected' : 'batchApproved', values: { decider: deciderName, count: String(decided), reason: reason ?? '' } },
  }, batch.id, now)];
}
