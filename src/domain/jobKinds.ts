/** The kinds of job the workers know how to run. */
export const JOB_KINDS = {
  /** Fans an invitation out into one mail job per invited contact. */
  invitationSend: 'invitation.send',
  invitationMail: 'invitation.mail',
  /** Fans a due reminder out into one reminder mail per invited contact who has not redeemed (domain/reminders.ts). */
  invitationReminder: 'invitation.reminder',
  invitationReminderMail: 'invitation.reminder-mail',
  /** Sends a draft at its send time (services/sendDraft.ts). */
  invitationScheduledSend: 'invitation.scheduled-send',
  redemptionMail: 'redemption.mail',
  passwordResetMail: 'password-reset.mail',
  /** A link that proves a visitor controls an address (see services/emailProofs.ts). */
  emailConfirmationMail: 'email-confirmation.mail',
  workflow: 'workflow',
  notice: 'notice',
  /** One admin's summary of the jobs that died in an hour, unreachable staff first (services/notices/deadLetters.ts). */
  deadLetterSummary: 'notice.dead-letter-summary',
  /** An invitation event: fans out into one delivery per subscription that wants it (src/jobs/handlers/webhookEvent.ts). */
  webhookEvent: 'webhook.event',
  /** One event POSTed to one subscription, signed; its outcome is kept in the delivery log. */
  webhookDelivery: 'webhook.delivery',
} as const;
