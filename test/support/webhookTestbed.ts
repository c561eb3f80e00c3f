import { createCodeVault } from '../../src/domain/codeVault.ts';
import { PermanentJobError } from '../../src/domain/jobOutcomes.ts';
import { jobHandlers } from '../../src/jobs/handlers/index.ts';
import { createWorker } from '../../src/jobs/worker.ts';
import { createDevMailbox } from '../../src/mail/devMailbox.ts';
import type { Mailer } from '../../src/mail/mailer.ts';
import { serviceContext } from '../../src/services/context.ts';
import { createServices } from '../../src/services/index.ts';
import { webhookDeadLetter } from '../../src/services/webhookEvents.ts';
import type { Store } from '../../src/store/port.ts';
import { createSqliteStore } from '../../src/store/sqlite/index.ts';
import { silentLogger } from './mailTestbed.ts';
import { TEST_CODE_SECRET, testClock } from './services.ts';

export const MAX_ATTEMPTS = 3;

/**
 * Services and a worker wired as the runtime wires them for webhooks: local webhook URLs allowed
 * (the receiver is on 127.0.0.1), the worker's dead letters told to the delivery log and turned
 * into `invitation.mail_failed`. Mail to an address in `refuseMailTo` fails for good.
 */
export function webhookTestbed(store: Store = createSqliteStore(':memory:')) {
  const clock = testClock();
  const context = serviceContext({ store, clock, vault: createCodeVault(TEST_CODE_SECRET), webhookPolicy: { allowLocalUrls: true } });
  const services = createServices(context);
  const refuseMailTo = new Set<string>();
  const devMailbox = createDevMailbox(store, silentLogger, context.newId, clock);
  const mailer: Mailer = {
    kind: 'dev-mailbox',
    async send(mail) {
      if (refuseMailTo.has(mail.to.address)) throw new PermanentJobError(`${mail.to.address} does not exist`);
      await devMailbox.send(mail);
    },
  };
  const worker = createWorker({
    store, logger: silentLogger, clock, concurrency: 1, maxAttempts: MAX_ATTEMPTS,
    handlers: jobHandlers({
      store, vault: context.vault, mailer, logger: silentLogger, newId: context.newId, clock,
      publicBaseUrl: 'https://invites.example.com', mailSender: 'invitations@contoso.com', organisationName: 'Contoso',
      webhookTimeoutMs: 2000, jobMaxAttempts: MAX_ATTEMPTS,
    }),
    onDeadLetter: (job, reason) => webhookDeadLetter(store, job, reason, clock()),
  });
  return { store, clock, context, services, worker, refuseMailTo };
}
