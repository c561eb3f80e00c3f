import { isApprovalCardNotice, isNoticeColor, isNoticeMessage, type ApprovalCards, type Notify } from '../../domain/notice.ts';
import { PermanentJobError } from '../../domain/jobOutcomes.ts';
import type { JobHandler } from '../worker.ts';
import { payloadString } from './deps.ts';

/**
 * Delivers a notice job: a card to one staff member in their personal chat with the bot. A job
 * with an `approvalCard` posts or updates an approval card instead; a person it cannot reach that
 * way gets the job's text notice.
 */
export function noticeHandler(notify: Notify | undefined, approvalCards?: ApprovalCards): JobHandler {
  return async (job) => {
    if (!notify) throw new PermanentJobError('Teams notices cannot be delivered: the bot is not enabled in the process that runs jobs.');
    const card = job.payload.approvalCard;
    if (card !== undefined) {
      if (!isApprovalCardNotice(card)) throw new PermanentJobError('the approval card notice is malformed');
      if (card.action !== 'post' && !approvalCards) throw new PermanentJobError('approval cards cannot be posted: this process has no bot to post them.');
      if (card.action === 'update') return approvalCards!.update(card);
      if (card.action === 'post-shared') return void await approvalCards!.post(card);
      if (approvalCards && await approvalCards.post(card)) return;
    }
    const color = isNoticeColor(job.payload.color) ? job.payload.color : 'Default';
    const message = isNoticeMessage(job.payload.message) ? job.payload.message : undefined;
    await notify(payloadString(job.payload, 'to'), payloadString(job.payload, 'title'), payloadString(job.payload, 'text'), color, message);
  };
}
