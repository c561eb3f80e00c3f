import type { Job } from '../../domain/job.ts';
import { hasRole } from '../../domain/staff.ts';
import type { Store } from '../../store/port.ts';
import { noticeJob, staffObjectId } from './noticeJob.ts';

/** A batch of invitations made at once (`invite many`), as its approvers and requester hear of it. */
export type BatchRequest = { id: string; requestedBy: string; count: number };

/** Tells every approver but the requester, once for the whole batch, that its invitations wait for them. */
export async function batchApprovalNotices(store: Store, batch: BatchRequest, now: Date): Promise<Job[]> {
  const requester = staffObjectId(batch.requestedBy);
  const approvers = new Set<string>();
  for (let after: string | null = null, first = true; first || after; first = false) {
    const page = await store.staff.list({ limit: 100, after });
    for (const member of page.items) if (hasRole(member, 'approver') && member.id !== requester) approvers.add(member.id);
    after = page.next;
  }
  const requesterName = requester ? (await store.staff.get(requester))?.displayName ?? 'A colleague' : 'An admin';
  return [...approvers].map((to) => noticeJob(`notice:batch-approval:${batch.id}:${to}`, {
    to, title: 'A list of invitations waits for your approval',
    text: `${requesterName} asks to invite ${batch.count} contact(s), one invitation each. One decision approves or rejects all of them.`,
    color: 'Default',
  }, batch.id, now));
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
  }, batch.id, now)];
}
