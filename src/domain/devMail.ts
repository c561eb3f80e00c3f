/** A mail kept by the dev mailbox instead of being sent (local use, no Graph settings). */
export type DevMail = {
  id: string;
  at: Date;
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
};
