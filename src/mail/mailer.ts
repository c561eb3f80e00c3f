/** One rendered e-mail, ready to hand to a mail transport. */
export type OutgoingMail = {
  /** Mailbox the mail is sent from (Graph: /users/{from}/sendMail). */
  from: string;
  to: { address: string; name?: string };
  subject: string;
  html: string;
  text: string;
  /** Our id for this delivery (the job id), sent along so a duplicate can be recognised. */
  deliveryId?: string;
};

/**
 * A mail transport. `send` resolves once the transport has accepted the mail. It throws
 * `RetryLaterError` when told to wait (throttling), `PermanentJobError` when the mail can never be
 * sent as it is (bad address, missing permission), and any other error for a transient failure.
 */
export type Mailer = {
  readonly kind: 'graph' | 'dev-mailbox';
  send(mail: OutgoingMail): Promise<void>;
};
