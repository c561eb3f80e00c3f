import type { Notice, Notify } from '../../domain/notice.ts';
import { PermanentJobError } from '../../domain/jobOutcomes.ts';
import type { JobHandler } from '../worker.ts';
import { payloadString } from './deps.ts';

/**
 * Delivers a notice whose text is written when it runs, not when it was queued (the admins'
 * summary of an hour's dead letters, which grows until the hour ends): `summarise(window)` gives
 * it, or null when there is nothing to tell.
 */
export function noticeSummaryHandler(notify: Notify | undefined, summarise: (window: string) => Promise<Omit<Notice, 'to'> | null>): JobHandler {
  return async (job) => {
    if (!notify) throw new PermanentJobError('Teams notices cannot be delivered: the bot is not enabled in the process that runs jobs.');
    const summary = await summarise(payloadString(job.payload, 'window'));
    if (summary) await notify(payloadString(job.payload, 'to'), summary.title, summary.text, summary.color, summary.message);
  };
}
