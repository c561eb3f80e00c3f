import type { Branding } from '../../src/domain/branding.ts';
import { createWorker, type WorkerOptions } from '../../src/jobs/worker.ts';
import { jobHandlers } from '../../src/jobs/handlers/index.ts';
import { createLogger } from '../../src/logger.ts';
import { createDevMailbox } from '../../src/mail/devMailbox.ts';
import type { Mailer } from '../../src/mail/mailer.ts';
import { createSqliteStore } from '../../src/store/sqlite/index.ts';
import type { Store } from '../../src/store/port.ts';
import { testClock, testServices, type TestClock } from './services.ts';

export const silentLogger = createLogger({ logLevel: 'silent' });

/** Services, a job worker and a mailer over one in-memory store, on a clock the test moves. */
export function mailTestbed(options: { mailer?: (store: Store, clock: TestClock) => Mailer; worker?: Partial<WorkerOptions>; branding?: Branding } = {}) {
  const store = createSqliteStore(':memory:');
  const clock = testClock();
  const { services, context } = testServices(store, clock);
  const mailer = options.mailer?.(store, clock) ?? createDevMailbox(store, silentLogger, context.newId, clock);
  const worker = createWorker({
    store, logger: silentLogger, clock, concurrency: 1, maxAttempts: 3,
    handlers: jobHandlers({
      store, vault: context.vault, mailer, logger: silentLogger, newId: context.newId, clock,
      publicBaseUrl: 'https://invites.example.com', mailSender: 'invitations@contoso.com', organisationName: options.branding?.organisationName ?? 'Contoso', branding: options.branding,
      currentBranding: (environment) => services.branding.current(environment), webhookTimeoutMs: 2000,
    }),
    ...options.worker,
  });
  return { store, clock, services, context, mailer, worker };
}
