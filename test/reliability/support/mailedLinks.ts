import { jobHandlers } from '../../../src/jobs/handlers/index.ts';
import { createWorker } from '../../../src/jobs/worker.ts';
import { createDevMailbox } from '../../../src/mail/devMailbox.ts';
import type { ServiceContext } from '../../../src/services/context.ts';
import type { Store } from '../../../src/store/port.ts';
import { silentLogger } from '../../support/mailTestbed.ts';

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

/** A job worker that sends the services' mail to the store's dev mailbox (for `confirmationToken`). */
export function devMailWorker(context: ServiceContext) {
  const { store, clock, newId, vault } = context;
  return createWorker({
    store, logger: silentLogger, clock, concurrency: 1, maxAttempts: 3,
    handlers: jobHandlers({
      store, vault, mailer: createDevMailbox(store, silentLogger, newId, clock), logger: silentLogger, newId, clock,
      publicBaseUrl: 'https://invites.example.com', mailSender: 'invitations@contoso.com', organisationName: 'Contoso', webhookTimeoutMs: 2000,
    }),
  });
}

/** A browser session's nonce for a service call that mails a confirmation link (at least 16 characters). */
export function browserNonce(name: string): string {
  return `${name}-browser-session-nonce`.padEnd(24, '0');
}

/**
 * Reads the service's dev mailbox (`/dev/mail.json`, every page) until a confirmation link has come
 * for each address; returns each address's link as mailed (`<PUBLIC_BASE_URL>/confirm?token=…`).
 */
export async function waitForConfirmationLinks(baseUrl: string, addresses: readonly string[], timeoutMs = 60_000): Promise<Map<string, string>> {
  const wanted = new Set(addresses);
  const links = new Map<string, string>();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (let after: string | null = null; ;) {
      const res = await fetch(`${baseUrl}/dev/mail.json${after ? `?${new URLSearchParams({ after })}` : ''}`);
      if (!res.ok) throw new Error(`GET /dev/mail.json answered ${res.status}`);
      const page = await res.json() as { items: { to: string; text: string }[]; next: string | null };
      for (const mail of page.items) {
        if (!wanted.has(mail.to) || links.has(mail.to)) continue;
        const link = /(https?:\/\/\S+?\/confirm\?token=[A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
        if (link) links.set(mail.to, link);
      }
      if (!(after = page.next)) break;
    }
    if (links.size === wanted.size) return links;
    if (Date.now() > deadline) throw new Error(`after ${timeoutMs} ms the dev mailbox holds confirmation links for ${links.size} of ${wanted.size} addresses`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
