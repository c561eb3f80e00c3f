import { JOB_KINDS } from '../../domain/jobKinds.ts';
import type { ApprovalCards, Notify } from '../../domain/notice.ts';
import type { JobHandler } from '../worker.ts';
import type { HandlerDeps } from './deps.ts';
import { emailConfirmationMailHandler } from './emailConfirmationMail.ts';
import { invitationMailHandler } from './invitationMail.ts';
import { noticeHandler } from './notice.ts';
import { passwordResetMailHandler } from './passwordResetMail.ts';
import { redemptionMailHandler } from './redemptionMail.ts';
import { reminderHandler } from './reminder.ts';
import { reminderMailHandler } from './reminderMail.ts';
import { sendInvitationHandler } from './sendInvitation.ts';
import { workflowHandler } from './workflow.ts';
import { webhookDeliveryHandler } from './webhookDelivery.ts';
import { webhookEventHandler } from './webhookEvent.ts';

export function jobHandlers(deps: HandlerDeps, notify?: Notify, approvalCards?: ApprovalCards): Record<string, JobHandler> {
  return {
    [JOB_KINDS.invitationSend]: sendInvitationHandler(deps),
    [JOB_KINDS.invitationMail]: invitationMailHandler(deps),
    [JOB_KINDS.invitationReminder]: reminderHandler(deps),
    [JOB_KINDS.invitationReminderMail]: reminderMailHandler(deps),
    [JOB_KINDS.redemptionMail]: redemptionMailHandler(deps),
    [JOB_KINDS.passwordResetMail]: passwordResetMailHandler(deps),
    [JOB_KINDS.emailConfirmationMail]: emailConfirmationMailHandler(deps),
    [JOB_KINDS.workflow]: workflowHandler(deps),
    [JOB_KINDS.notice]: noticeHandler(notify, approvalCards),
    [JOB_KINDS.webhookEvent]: webhookEventHandler(deps),
    [JOB_KINDS.webhookDelivery]: webhookDeliveryHandler(deps),
  };
}
