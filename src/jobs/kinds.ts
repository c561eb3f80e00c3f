/** The kinds of job the workers know how to run. */
export const JOB_KINDS = {
  /** Fans an invitation out into one mail job per invited contact. */
  invitationSend: 'invitation.send',
  invitationMail: 'invitation.mail',
  redemptionMail: 'redemption.mail',
  passwordResetMail: 'password-reset.mail',
  workflow: 'workflow',
  notice: 'notice',
} as const;
