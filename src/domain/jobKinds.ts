/** The kinds of job the workers know how to run. */
export const JOB_KINDS = {
  /** Fans an invitation out into one mail job per invited contact. */
  invitationSend: 'invitation.send',
  invitationMail: 'invitation.mail',
  redemptionMail: 'redemption.mail',
  passwordResetMail: 'password-reset.mail',
  /** A link that proves a visitor controls an address (see services/emailProofs.ts). */
  emailConfirmationMail: 'email-confirmation.mail',
  workflow: 'workflow',
  notice: 'notice',
  /** One admin's summary of the jobs that died in an hour, unreachable staff first (services/notices/deadLetters.ts). */
  deadLetterSummary: 'notice.dead-letter-summary',
} as const;
