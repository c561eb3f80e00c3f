import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { createCodeVault } from '../src/domain/codeVault.ts';
import { newJob } from '../src/domain/job.ts';
import { JOB_KINDS } from '../src/domain/jobKinds.ts';
import { jobHandlers } from '../src/jobs/handlers/index.ts';
import { createWorker } from '../src/jobs/worker.ts';
import { createDevMailbox } from '../src/mail/devMailbox.ts';
import { serviceContext } from '../src/services/context.ts';
import { createServices } from '../src/services/index.ts';
import type { CountingStore, StoreWork } from './storeWork.ts';

/**
 * The job worker's unit of store work (docs/performance.md, "Store work"): `n` confirmation-mail
 * jobs, as redemptions of a group invitation that gives an account and two web roles queue them,
 * run to completion by the worker as the service builds it (concurrency 4), the mail kept in the
 * dev mailbox. Counted with `drain`, which claims and completes as the running worker does but
 * runs one job at a time, so that the count does not depend on how I/O interleaves. A first run
 * of one job is not counted (prepared statements and templates already there).
 */
export async function workerWork(counting: CountingStore) {
  const { store } = counting;
  const logger = pino({ level: 'silent' });
  const context = serviceContext({ store, vault: createCodeVault(`worker-work-${randomBytes(8).toString('hex')}-secret-0123456789`) });
  const services = createServices(context);
  const account = await services.accounts.add('Contoso Ltd');
  const roles = [await services.webRoles.add('Customer'), await services.webRoles.add('Partner')];
  let people = 0;
  const addContacts = async (count: number) => {
    const rows = Array.from({ length: count }, () => ({ firstName: `person${++people}`, lastName: 'Counted', primaryEmail: `person${people}@example.com` }));
    return (await services.contacts.import(rows)).added.map((contact) => contact.id);
  };
  const { invitation } = await services.invitations.create('cli', {
    type: 'group', name: 'Counted onboarding', invitedContactIds: await addContacts(1), maxRedemptions: 100_000,
    assignToAccountId: account.id, webRoleIds: roles.map((role) => role.id),
  });
  const worker = createWorker({
    store, logger, clock: context.clock, concurrency: 4, maxAttempts: 3,
    handlers: jobHandlers({
      store, vault: context.vault, logger, newId: context.newId, clock: context.clock, publicBaseUrl: 'http://127.0.0.1',
      mailSender: 'invites@example.com', organisationName: 'Contoso', webhookTimeoutMs: 1_000,
      mailer: createDevMailbox(store, logger, context.newId, context.clock),
    }),
  });
  // The invitation's own mail and events are not part of the unit: run them first.
  await worker.drain();

  const queueConfirmations = async (count: number) => {
    const contactIds = await addContacts(count);
    await store.jobs.enqueueMany(contactIds.map((contactId) => newJob({
      id: context.newId(), kind: JOB_KINDS.redemptionMail, subjectId: invitation.id, payload: { invitationId: invitation.id, contactId },
    }, context.clock())));
  };
  const runAll = async (count: number) => {
    const results = await worker.drain();
    const done = results.filter((result) => result.result === 'done').length;
    if (results.length !== count || done !== count) throw new Error(`the worker ran ${results.length} jobs (${done} done), not ${count}`);
  };
  await queueConfirmations(1);
  await runAll(1);

  return {
    /** `n` confirmation mails, queued before counting, run to completion. */
    async confirmationMails(count: number): Promise<StoreWork> {
      await queueConfirmations(count);
      return counting.count(() => runAll(count));
    },
    /** The mails the dev mailbox holds (to check that the unit sent what it says, once each). */
    async mailCount(): Promise<number> {
      let total = 0;
      for (let after: string | null = null; ;) {
        const page = await store.devMail.list({ after, limit: 100 });
        total += page.items.length;
        if (!(after = page.next)) return total;
      }
    },
  };
}
