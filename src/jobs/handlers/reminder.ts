import { newJob } from '../../domain/job.ts';
import { JOB_KINDS } from '../../domain/jobKinds.ts';
import { invitationStatus, type Invitation } from '../../domain/invitation.ts';
import type { JobHandler } from '../worker.ts';
import { payloadString, type HandlerDeps } from './deps.ts';
import { fanOutToInvitedContacts } from './fanOut.ts';


/** The reminder mail of one invited contact for one expiry: the same id on every run, so it is queued once and sent once (beyond a crash mid-send). */
export const reminderMailJobId = (invitationId: string, contactId: string, expiresAt: string) =>
  `reminder-mail:${invitationId}:${contactId}:${Date.parse(expiresAt)}`;

/**
 * Whether the reminder for `expiresAt` may still go: the invitation is out and open (not revoked,
 * redeemed, expired, or waiting), and still has that expiry (an extension plans its own reminder).
 */
export function reminderStillDue(invitation: Invitation | null, expiresAt: string, now: Date): invitation is Invitation {
  return invitation !== null && invitationStatus(invitation, now) === 'sent' && invitation.expiresAt?.toISOString() === expiresAt;
}

/** Fans a due reminder out into one reminder mail job per invited contact, a page at a time. */
export function reminderHandler(deps: HandlerDeps): JobHandler {
  return async (job) => {
    const invitationId = payloadString(job.payload, 'invitationId');
    const expiresAt = payloadString(job.payload, 'expiresAt');
    const invitation = await deps.store.invitations.get(invitationId);
    if (!reminderStillDue(invitation, expiresAt, deps.clock())) {
      deps.logger.info({ jobId: job.id, invitationId }, 'reminder not sent: the invitation is closed or has another expiry');
      return;
    }
    const queued = await fanOutToInvitedContacts(deps, invitationId, (contactId, now) => newJob({
      id: reminderMailJobId(invitationId, contactId, expiresAt), kind: JOB_KINDS.invitationReminderMail, subjectId: invitationId,
      payload: { invitationId, contactId, expiresAt },
    }, now));
    deps.logger.info({ invitationId, queued }, 'reminder mail queued');
  };
}
