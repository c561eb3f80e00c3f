import { isGuid } from '../../domain/guid.ts';
import type { Invitation } from '../../domain/invitation.ts';
import { newJob, type Job } from '../../domain/job.ts';
import { JOB_KINDS } from '../../domain/jobKinds.ts';
import type { ApprovalCardNotice, Notice } from '../../domain/notice.ts';

/** The Entra object id in an actor or owner field, or null for `cli`, `system` and the like. */
export function staffObjectId(value: string | null | undefined): string | null {
  const id = value?.trim().toLowerCase();
  return id && isGuid(id) ? id : null;
}

/** Who hears about an invitation: the staff member who made it, else the one it is sent on behalf of. */
export function inviterOf(invitation: Pick<Invitation, 'createdBy' | 'ownerId'>): string | null {
  return staffObjectId(invitation.createdBy) ?? staffObjectId(invitation.ownerId);
}

/**
 * A notice job. Its id is chosen by the caller so that the same event always makes the same id:
 * queuing it twice then tells the person once.
 */
export function noticeJob(id: string, notice: Notice, subjectId: string | null, now: Date): Job {
  return newJob({ id, kind: JOB_KINDS.notice, subjectId, payload: { ...notice } }, now);
}

/**
 * A notice job that posts or updates an approval card (see ApprovalCardNotice); `fallback` is the
 * text notice for a person the card cannot reach.
 */
export function approvalCardJob(id: string, card: ApprovalCardNotice, fallback: Notice | null, subjectId: string, now: Date): Job {
  return newJob({ id, kind: JOB_KINDS.notice, subjectId, payload: { ...fallback, approvalCard: card } }, now);
}
