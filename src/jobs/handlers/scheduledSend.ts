import type { Logger } from '../../logger.ts';
import type { JobHandler } from '../worker.ts';
import { payloadString } from './deps.ts';

/**
 * Sends a draft at its send time. The rule (is it still a draft, is it due, does it need approval)
 * is the services' (`sendScheduled`, injected): jobs do not import services.
 */
export function scheduledSendHandler(sendScheduled: (invitationId: string) => Promise<boolean>, logger: Logger): JobHandler {
  return async (job) => {
    const invitationId = payloadString(job.payload, 'invitationId');
    if (!(await sendScheduled(invitationId))) logger.info({ jobId: job.id, invitationId }, 'scheduled send skipped: the invitation is no longer a due draft');
  };
}
