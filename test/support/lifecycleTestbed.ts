import { jobHandlers } from '../../src/jobs/handlers/index.ts';
import { scheduledSendHandler } from '../../src/jobs/handlers/scheduledSend.ts';
import { JOB_KINDS } from '../../src/domain/jobKinds.ts';
import { createWorker, type JobHandler } from '../../src/jobs/worker.ts';
import type { Mailer, OutgoingMail } from '../../src/mail/mailer.ts';
import { pacedMailer } from '../../src/mail/pacedMailer.ts';
import type { Store } from '../../src/store/port.ts';
import { silentLogger } from './mailTestbed.ts';
import { seedDirectory, testClock, testServices } from './services.ts';

/**
 * Services and job workers over a given store (SQLite or MongoDB), on a clock the test moves, with
 * the production handlers (the scheduled send wired as runtime.ts wires it) and a mailer that
 * records every mail it accepts, paced as production paces mail. `worker(name)` makes another
 * worker on the same store: a second process, for crash tests.
 */
export async function lifecycleTestbed(store: Store, contactCount = 3) {
  const clock = testClock();
  const { services, context } = testServices(store, clock);
  const sent: OutgoingMail[] = [];
  const recorder: Mailer = { kind: 'dev-mailbox', send: async (mail) => { sent.push(mail); } };
  const mailer = pacedMailer(recorder, store, 10_000, { clock });
  const deps = {
    store, vault: context.vault, mailer, logger: silentLogger, newId: context.newId, clock,
    publicBaseUrl: 'https://invites.example.com', mailSender: 'invitations@contoso.com', organisationName: 'Contoso', webhookTimeoutMs: 2000,
  };
  const handlers: Record<string, JobHandler> = {
    ...jobHandlers(deps),
    [JOB_KINDS.invitationScheduledSend]: scheduledSendHandler((id) => services.invitations.sendScheduled(id), silentLogger),
  };
  const worker = () => createWorker({ store, logger: silentLogger, clock, concurrency: 1, maxAttempts: 5, leaseMs: 60_000, handlers });
  const seed = await seedDirectory(services, contactCount);
  for (const id of ['approver-1', 'approver-2']) await store.staff.upsert({ id, displayName: id, roles: ['approver'], createdAt: clock() });
  await store.staff.upsert({ id: 'inviter-1', displayName: 'Ivy Inviter', roles: ['inviter'], createdAt: clock() });
  await store.staff.upsert({ id: 'viewer-1', displayName: 'Vic Viewer', roles: ['viewer'], createdAt: clock() });
  return { store, clock, services, sent, handlers, worker, seed, mailsTo: (address: string, subject: RegExp) => sent.filter((m) => m.to.address === address && subject.test(m.subject)) };
}
