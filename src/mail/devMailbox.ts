import type { Logger } from '../logger.ts';
import type { Store } from '../store/port.ts';
import type { Mailer } from './mailer.ts';

/** Local stand-in for Graph: keeps each mail in the store (see /dev/mail) and logs that it did. */
export function createDevMailbox(store: Store, logger: Logger, newId: () => string, clock: () => Date = () => new Date()): Mailer {
  return {
    kind: 'dev-mailbox',
    async send(mail) {
      const id = newId();
      await store.devMail.append({ id, at: clock(), from: mail.from, to: mail.to.address, subject: mail.subject, html: mail.html, text: mail.text });
      logger.info({ mailId: id, to: mail.to.address, subject: mail.subject }, 'mail kept in the dev mailbox (/dev/mail)');
    },
  };
}
