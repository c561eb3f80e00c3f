import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createSqliteStore } from '../../src/store/sqlite/index.ts';
import { startFakeGraph, type FakeGraph } from '../support/fakeGraph.ts';
import { deliveryIdOf, graphEnv } from '../support/graphSettings.ts';
import { seedDirectory, TEST_CODE_SECRET, testClock, testServices } from '../support/services.ts';
import { startService } from '../support/serviceProcess.ts';
import { tempDir } from '../support/tempDir.ts';

describe('a worker process killed (SIGKILL) while mail is being sent', function () {
  this.timeout(90_000);
  let fake: FakeGraph;
  let dir: ReturnType<typeof tempDir>;
  beforeEach(async () => {
    fake = await startFakeGraph({ acceptDelayMs: 300 });
    dir = tempDir();
  });
  afterEach(async () => {
    await fake.stop();
    dir.remove();
  });

  it('loses no mail after a restart, and repeats only the mails that were in flight', async () => {
    const file = join(dir.path, 'invite-desk.sqlite');
    const setup = createSqliteStore(file);
    const { services } = testServices(setup, testClock(new Date()));
    const { contacts } = await seedDirectory(services, 40);
    await services.invitations.create('cli', { type: 'group', maxRedemptions: 40, invitedContactIds: contacts.map((c) => c.id) });
    await setup.close();

    const env = {
      DATA_DIR: dir.path, CODE_SECRET: TEST_CODE_SECRET, JOB_CONCURRENCY: '4', JOB_LEASE_SECONDS: '2', MAIL_RATE_PER_MINUTE: '10000',
      NODE_EXTRA_CA_CERTS: join(import.meta.dirname, '../fixtures/tls/localhost-test-only.pem'), ...graphEnv(fake),
    };
    const first = await startService(env);
    for (let i = 0; i < 200 && fake.sent.length < 8; i++) await sleep(25);
    assert.ok(fake.sent.length >= 8, first.output());
    first.child.kill('SIGKILL');
    await first.exited;

    const store = createSqliteStore(file);
    const inFlight = new Set((await store.jobs.list({ state: 'running', kind: 'invitation.mail' }, { limit: 100 })).items.map((j) => j.id));
    const sentBeforeRestart = fake.sent.length;
    assert.ok(sentBeforeRestart < 40, 'the kill came while mail was still going out');

    const second = await startService(env);
    try {
      for (let i = 0; i < 300; i++) {
        const counts = await store.jobs.countByState({ kind: 'invitation.mail' });
        if (counts.done === 40) break;
        await sleep(100);
      }
      assert.deepEqual(await store.jobs.countByState({ kind: 'invitation.mail' }), { queued: 0, running: 0, done: 40, dead: 0 }, second.output());
    } finally {
      await second.stop();
      await store.close();
    }

    const deliveries = new Map<string, number>();
    for (const mail of fake.sent) deliveries.set(deliveryIdOf(mail)!, (deliveries.get(deliveryIdOf(mail)!) ?? 0) + 1);
    assert.equal(deliveries.size, 40, 'every queued mail was delivered');
    const duplicated = [...deliveries].filter(([, count]) => count > 1).map(([id]) => id);
    for (const id of duplicated) assert.ok(inFlight.has(id), `${id} was sent twice but was not in flight at the kill`);
    // In flight: the 4 mails being sent, and those sent whose completion was still waiting (at most
    // 10 ms, COMPLETION_DELAY_MS in src/jobs/worker.ts) to be written with others: the 4 before them.
    assert.ok(duplicated.length <= 8, `at most the 4 mails being sent and the 4 before them repeat, saw ${duplicated.length}`);
    assert.equal(fake.sent.length, 40 + duplicated.length);
  });
});
