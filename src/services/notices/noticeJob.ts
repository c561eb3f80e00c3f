import type { Invitation } from '../../domain/invitation.ts';
import { newJob, type Job } from '../../domain/job.ts';
import { JOB_KINDS } from '../../jobs/kinds.ts';

export const NOTICE_COLORS = ['Default', 'Good', 'Warning', 'Attention'] as const;
export type NoticeColor = (typeof NOTICE_COLORS)[number];

/** What a `notice` job carries: whom to tell in Teams (a staff object id) and the card's title and text. */
export type Notice = { to: string; title: string; text: string; color: NoticeColor };

const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The Entra object id in an actor or owner field, or null for `cli`, `system` and the like. */
export function staffObjectId(value: string | null | undefined): string | null {
  const id = value?.trim().toLowerCase();
  return id && OBJECT_ID.test(id) ? id : null;
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

export function isNoticeColor(value: unknown): value is NoticeColor {
  return (NOTICE_COLORS as readonly unknown[]).includes(value);
}

/** `2026-06-01 12:00 UTC`: how the bot shows times. */
export function utcMinute(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
