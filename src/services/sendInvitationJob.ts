import { newJob, type Job } from '../domain/job.ts';
import { JOB_KINDS } from '../domain/jobKinds.ts';

/**
 * The job that mails an invitation to its contacts: one per invitation and round, whoever queues
 * it. Round 0 is the first send; each resend is a new round.
 */
export function sendInvitationJob(invitationId: string, now: Date, round = 0): Job {
  return newJob({
    id: round ? `send:${invitationId}:${round}` : `send:${invitationId}`, kind: JOB_KINDS.invitationSend, subjectId: invitationId,
    payload: round ? { invitationId, round } : { invitationId },
  }, now);
}
