import { isNoticeColor, type Notify } from '../../domain/notice.ts';
import { PermanentJobError } from '../../domain/jobOutcomes.ts';
import type { JobHandler } from '../worker.ts';
import { payloadString } from './deps.ts';

/** Delivers a notice job: a card to one staff member in their personal chat with the bot. */
export function noticeHandler(notify: Notify | undefined): JobHandler {
  return async (job) => {
    if (!notify) throw new PermanentJobError('Teams notices cannot be delivered: the bot is not enabled in the process that runs jobs.');
    const color = isNoticeColor(job.payload.color) ? job.payload.color : 'Default';
    await notify(payloadString(job.payload, 'to'), payloadString(job.payload, 'title'), payloadString(job.payload, 'text'), color);
  };
}
