import { PermanentJobError } from '../../domain/jobOutcomes.ts';
import { newJob } from '../../domain/job.ts';
import { JOB_KINDS } from '../../domain/jobKinds.ts';
import type { JobHandler } from '../worker.ts';
import { payloadString, type HandlerDeps } from './deps.ts';
import { fanOutToInvitedContacts } from './fanOut.ts';


/**
 * The id of the mail job for one invited contact: the same on every run of one send, so a re-run
 * adds nothing; a resend (`round` > 0) gets new ones.
 */
export const invitationMailJobId = (invitationId: string, contactId: string, round = 0) =>
  round ? `mail:${invitationId}:${contactId}:${round}` : `mail:${invitationId}:${contactId}`;

/**
 * Fans an invitation out into one mail job per invited contact, a page at a time, so that a group
 * of any size is queued without holding all its contacts in memory.
 */
export function sendInvitationHandler(deps: HandlerDeps): JobHandler {
  return async (job) => {
    const invitationId = payloadString(job.payload, 'invitationId');
    const round = typeof job.payload.round === 'number' ? job.payload.round : 0;
    if (!(await deps.store.invitations.get(invitationId))) throw new PermanentJobError(`Invitation ${invitationId} no longer exists.`);
    const queued = await fanOutToInvitedContacts(deps, invitationId, (contactId, now) => newJob({
      id: invitationMailJobId(invitationId, contactId, round), kind: JOB_KINDS.invitationMail, subjectId: invitationId,
      payload: { invitationId, contactId },
    }, now));
    deps.logger.info({ invitationId, queued }, 'invitation mail queued');
  };
}
