import { newJob, type Job } from '../domain/job.ts';
import { JOB_KINDS } from '../jobs/kinds.ts';

/** The job that mails an invitation to its contacts; one per invitation, whoever queues it. */
export function sendInvitationJob(invitationId: string, now: Date): Job {
  return newJob({ id: `send:${invitationId}`, kind: JOB_KINDS.invitationSend, subjectId: invitationId, payload: { invitationId } }, now);
}
