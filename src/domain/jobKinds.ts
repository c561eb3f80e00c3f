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
} as const;
