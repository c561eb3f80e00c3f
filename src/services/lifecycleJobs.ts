import type { Invitation } from '../domain/invitation.ts';
import { newJob, type Job } from '../domain/job.ts';
import { JOB_KINDS } from '../domain/jobKinds.ts';
import { reminderToPlan } from '../domain/reminders.ts';

/** The id of the reminder for one expiry of an invitation: queued however often, it is one job, so at most one reminder per expiry. */
export const reminderJobId = (invitationId: string, expiresAt: Date) => `reminder:${invitationId}:${expiresAt.getTime()}`;

/**
 * The reminder job to queue as the invitation goes out at `now` (with the expiry it then has): none
 * without reminder days or expiry, or when the reminder would be due already.
 */
export function reminderJobs(invitation: Pick<Invitation, 'id' | 'expiresAt' | 'reminderDays'>, now: Date): Job[] {
  const due = reminderToPlan(invitation, now);
  if (!due || !invitation.expiresAt) return [];
  return [newJob({
    id: reminderJobId(invitation.id, invitation.expiresAt), kind: JOB_KINDS.invitationReminder, subjectId: invitation.id, runAt: due,
    payload: { invitationId: invitation.id, expiresAt: invitation.expiresAt.toISOString() },
  }, now)];
}

/** The job that sends a draft at its send time. */
export function scheduledSendJob(invitationId: string, sendAt: Date, now: Date): Job {
  return newJob({ id: `scheduled-send:${invitationId}`, kind: JOB_KINDS.invitationScheduledSend, subjectId: invitationId, runAt: sendAt, payload: { invitationId } }, now);
}
