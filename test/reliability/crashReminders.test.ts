import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { JOB_KINDS } from '../../src/domain/jobKinds.ts';
import { reminderMailJobId } from '../../src/jobs/handlers/reminder.ts';
import type { Store } from '../../src/store/port.ts';
import { startFakeGraph, type FakeGraph } from '../support/fakeGraph.ts';
import { deliveryIdOf, graphEnv } from '../support/graphSettings.ts';
import { TEST_CODE_SECRET, testClock, testServices } from '../support/services.ts';
import { startService } from '../support/serviceProcess.ts';
import { useDatabases } from './support/databases.ts';

const DAY = 86_400_000;
const CONTACTS = 24;
const CONCURRENCY = 4;

/*
 * The real service (bin/server.ts, Graph mail to a local fake Graph) is SIGKILLed while it sends a
 * group invitation's reminders, and started again: every reminder is delivered, each once, but for
 * those whose mail was in flight at the kill. The invitation was made eight days ago (by the
 * services' clock) with a ten-day expiry, so its three-day reminder is due now by the wall clock
 * the service runs on.
 */
for (const kind of ['sqlite', 'mongodb'] as const) {
  describe(`reliability: the service SIGKILLed while it sends reminders (${kind})`, function () {
    this.timeout(180_000);
    const databases = useDatabases(kind);
    let fake: FakeGraph;
    before(async () => {
      fake = await startFakeGraph({ acceptDelayMs: 200 });
    });
    after(async () => {
      await fake?.stop();
    });

    it('loses no reminder and repeats only those in flight at the kill', async () => {
      const database = await databases.fresh();
      const store: Store = await database.open();
      try {
        const { services } = testServices(store, testClock(new Date(Date.now() - 8 * DAY)));
        const contacts: string[] = [];
        for (let i = 1; i <= CONTACTS; i++) contacts.push((await services.contacts.add({ firstName: `r${i}`, lastName: 'Tester', primaryEmail: `r${i}@example.com` })).id);
        const { invitation } = await services.invitations.invite('cli', { type: 'group', contacts, maxRedemptions: CONTACTS, expires: '10d', skipApproval: true });
        const contactIds = (await store.invitations.invitedContactIds(invitation.id, { limit: 100 })).items;
        const expected = contactIds.map((id) => reminderMailJobId(invitation.id, id, invitation.expiresAt!.toISOString())).sort();
        const reminders = () => fake.sent.filter((mail) => deliveryIdOf(mail)?.startsWith('reminder-mail:'));

        const env = {
          ...database.serviceEnv, ...graphEnv(fake), CODE_SECRET: TEST_CODE_SECRET, LOG_LEVEL: 'warn',
          BOT_ENABLED: 'false', SITE_ENABLED: 'false', JOB_CONCURRENCY: String(CONCURRENCY), JOB_LEASE_SECONDS: '3', MAIL_RATE_PER_MINUTE: '10000',
          NODE_EXTRA_CA_CERTS: join(import.meta.dirname, '../fixtures/tls/localhost-test-only.pem'),
        };
        const first = await startService(env);
        for (let i = 0; i < 600 && reminders().length < 4; i++) await sleep(25);
        first.child.kill('SIGKILL');
        await first.exited;
        assert.ok(reminders().length >= 4, `reminders went out before the kill: ${first.output()}`);
        await database.letAbandonedMarkersExpire();
        const inFlight = new Set((await store.jobs.list({ state: 'running', kind: JOB_KINDS.invitationReminderMail }, { limit: 100 })).items.map((job) => job.id));
        const sentBeforeRestart = reminders().length;
        assert.ok(sentBeforeRestart < CONTACTS, 'the kill came while reminders were going out');

        const second = await startService(env);
        try {
          for (let i = 0; i < 1200; i++) {
            if ((await store.jobs.countByState({ kind: JOB_KINDS.invitationReminderMail })).done === CONTACTS) break;
            await sleep(100);
          }
        } finally {
          await second.stop();
        }
        assert.deepEqual(await store.jobs.countByState({ kind: JOB_KINDS.invitationReminderMail }), { queued: 0, running: 0, done: CONTACTS, dead: 0 }, second.output());
        const deliveries = new Map<string, number>();
        for (const mail of reminders()) deliveries.set(deliveryIdOf(mail)!, (deliveries.get(deliveryIdOf(mail)!) ?? 0) + 1);
        assert.deepEqual([...deliveries.keys()].sort(), expected, 'every reminder was delivered');
        const twice = [...deliveries].filter(([, count]) => count > 1).map(([id]) => id);
        assert.deepEqual(twice.filter((id) => !inFlight.has(id)), [], 'only a reminder in flight at the kill went twice');
        assert.ok([...deliveries.values()].every((count) => count <= 2));
        // The reminders being sent, and those finished just before the kill whose completions were
        // still in the worker's buffer (written together every few milliseconds; test/mail/workerCrash.test.ts).
        assert.ok(twice.length <= 2 * CONCURRENCY, `at most the ${CONCURRENCY} being sent and the ${CONCURRENCY} before them repeat, saw ${twice.length}`);
        console.log(`      ${kind}: ${sentBeforeRestart} of ${CONTACTS} reminders before the kill, ${inFlight.size} in flight, ${twice.length} sent twice`);
      } finally {
        await store.close();
      }
    });
  });
}
