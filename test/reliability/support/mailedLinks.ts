import type { Store } from '../../../src/store/port.ts';

/**
 * The token of the newest e-mail confirmation link in the dev mailbox for `email`, after `drain`
 * has run the job worker that sends it (the token exists only in the mail: it is made at send time).
 */
export async function confirmationToken(store: Store, drain: () => Promise<unknown>, email: string): Promise<string> {
  await drain();
  const mail = (await store.devMail.list({ limit: 100 })).items.find((m) => m.to === email && m.text.includes('/confirm?token='));
  const token = mail && /\/confirm\?token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
  if (!token) throw new Error(`no confirmation link was mailed to ${email}`);
  return token;
}

/** A browser session's nonce for a service call that mails a confirmation link (at least 16 characters). */
export function browserNonce(name: string): string {
  return `${name}-browser-session-nonce`.padEnd(24, '0');
}
