import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { invitationMailJobId } from '../../src/jobs/handlers/sendInvitation.ts';
import type { Store } from '../../src/store/port.ts';
import { startFakeGraph, type FakeGraph } from '../support/fakeGraph.ts';
import { deliveryIdOf, graphEnv } from '../support/graphSettings.ts';
import { TEST_CODE_SECRET, testClock, testServices } from '../support/services.ts';
import { startService } from '../support/serviceProcess.ts';
import { useDatabases, type StoreKind } from './support/databases.ts';
import { seededRandom } from './support/random.ts';

/*
 * Proves that mail dispatch is at-least-once and loses nothing when the service is SIGKILLed over
 * and over: the real service (`bin/server.ts`, jobs on, Graph mail to a local fake Graph) sends a
 * group invitation's mail, is killed at a random moment (seeded: RELIABILITY_SEED replays a run),
 * restarted, killed again... and finally left to finish. Then every queued mail was delivered at
 * least once (by its delivery id), every mail delivered twice was a job in flight (running) at
 * one of the kills, and every job is done: none dead, none lost. The duplicates are counted and
 * printed. JOB_MAX_ATTEMPTS is raised above the number of kills: a job counts an attempt per
 * claim, and one that is in flight at many kills would otherwise (rightly) be dead-lettered.
 */
/**
 * `leaseSeconds` is short, so that the jobs a kill leaves running are taken again soon after the
 * restart, yet longer than a mail job ever takes: the worker does not renew leases, so a job that
 * outlives its lease is run again by another worker (a duplicate no kill caused). On FerretDB a
 * mail job can take a few seconds when the compare-and-swap on the mail rate slot is contended.
 */
const SETTINGS: Record<StoreKind, { contacts: number; kills: number; killWindowMs: number; leaseSeconds: number }> = {
  sqlite: { contacts: 150, kills: 20, killWindowMs: 700, leaseSeconds: 3 },
  // FerretDB is much slower here: the service takes ~2.5 s to start and sends 5-10 mails a second
  // (every mail reserves a rate slot and claims its job by compare-and-swap), so 20 kills with
  // mail in flight at each took over 2 minutes. 12 kills, with a wider window, keep it under a minute.
  mongodb: { contacts: 70, kills: 12, killWindowMs: 1500, leaseSeconds: 5 },
};
const CONCURRENCY = 4;

for (const kind of ['sqlite', 'mongodb'] as const) {
  describe(`reliability: the service SIGKILLed again and again while sending mail (${kind})`, function () {
    this.timeout(300_000);
    const databases = useDatabases(kind);
    const settings = SETTINGS[kind];
    let fake: FakeGraph;
    before(async () => {
      fake = await startFakeGraph({ acceptDelayMs: 150 });
    });
    after(async () => {
      await fake?.stop();
    });

    it(`delivers every mail at least once through ${settings.kills} kills, repeating only mail in flight at a kill`, async () => {
      const random = seededRandom(`crashMail/${kind}`);
      const database = await databases.fresh();
      const store: Store = await database.open();
      try {
        const { services } = testServices(store, testClock(new Date()));
        const contacts: string[] = [];
        for (let i = 1; i <= settings.contacts; i++) {
          contacts.push((await services.contacts.add({ firstName: `mail${i}`, lastName: 'Tester', primaryEmail: `mail${i}@example.com` })).id);
        }
        const { invitation } = await services.invitations.create('cli', { type: 'group', maxRedemptions: settings.contacts, invitedContactIds: contacts });
        const mailJobIds = contacts.map((id) => invitationMailJobId(invitation.id, id)).sort();

        const env = {
          ...database.serviceEnv, ...graphEnv(fake), CODE_SECRET: TEST_CODE_SECRET, LOG_LEVEL: 'warn',
          BOT_ENABLED: 'false', SITE_ENABLED: 'false', JOB_CONCURRENCY: String(CONCURRENCY), JOB_LEASE_SECONDS: String(settings.leaseSeconds),
          JOB_MAX_ATTEMPTS: String(settings.kills + 10), MAIL_RATE_PER_MINUTE: '10000',
          NODE_EXTRA_CA_CERTS: join(import.meta.dirname, '../fixtures/tls/localhost-test-only.pem'),
        };
        const inFlightAtAKill = new Set<string>();
        let abandonedMarkers = 0;
        let killsWithMailInFlight = 0;
        for (let kill = 0; kill < settings.kills; kill++) {
          const service = await startService(env);
          await sleep(random.int(0, settings.killWindowMs));
          service.child.kill('SIGKILL');
          await service.exited;
          // MongoDB: a writer killed inside a compare-and-swap holds its document (say the mail rate
          // slot, which every mail takes) for 15 s; let that time pass at once (see databases.ts).
          abandonedMarkers += await database.letAbandonedMarkersExpire();
          // Every running job, not a first page: a killed worker leaves its whole claimed batch running
          // until the batch's lease ends, so several kills' batches can be running at once.
          const running = [];
          for (let after: string | null = null; ;) {
            const page = await store.jobs.list({ state: 'running', subjectId: invitation.id }, { after, limit: 100 });
            running.push(...page.items);
            if (!(after = page.next)) break;
          }
          for (const job of running) inFlightAtAKill.add(job.id);
          if (running.some((job) => job.kind === 'invitation.mail')) killsWithMailInFlight++;
        }
        const sentDuringKills = fake.sent.length;

        const last = await startService(env);
        try {
          for (let i = 0; i < 1200; i++) {
            if ((await store.jobs.countByState({ subjectId: invitation.id })).done === contacts.length + 1) break;
            await sleep(100);
          }
        } finally {
          await last.stop();
        }
        // The fan-out job and one mail job per contact, all done: none dead, none lost, none stuck.
        assert.deepEqual(await store.jobs.countByState({ subjectId: invitation.id }), { queued: 0, running: 0, done: contacts.length + 1, dead: 0 }, last.output());
        const jobIds: string[] = [];
        for (let after: string | null = null; ;) {
          const page = await store.jobs.list({ kind: 'invitation.mail', subjectId: invitation.id }, { after, limit: 100 });
          jobIds.push(...page.items.map((job) => job.id));
          if (!(after = page.next)) break;
        }
        assert.deepEqual(jobIds.sort(), mailJobIds, 'one mail job per invited contact');

        const deliveries = new Map<string, number>();
        for (const mail of fake.sent) {
          const id = deliveryIdOf(mail);
          assert.ok(id, 'every mail carries its delivery id');
          deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
        }
        assert.deepEqual([...deliveries.keys()].sort(), mailJobIds, 'every queued mail was delivered, and nothing else');
        const duplicated = [...deliveries].filter(([, count]) => count > 1);
        const notInFlight = duplicated.filter(([id]) => !inFlightAtAKill.has(id)).map(([id]) => id);
        assert.deepEqual(notInFlight, [], 'only mail in flight at a kill is sent again');
        const duplicates = fake.sent.length - contacts.length;
        console.log(`      ${kind}: ${settings.kills} kills (${killsWithMailInFlight} with mail in flight, ${sentDuringKills} of ${fake.sent.length} sends before the last start), `
          + `${contacts.length} mails delivered, ${duplicates} duplicate sends of ${duplicated.length} mails, all of them in flight at a kill (${inFlightAtAKill.size} jobs were)`
          + (kind === 'mongodb' ? `; ${abandonedMarkers} abandoned revision markers` : ''));
        assert.ok(killsWithMailInFlight > 0, 'some kills came while mail was being sent');
      } finally {
        await store.close();
      }
    });
  });
}
