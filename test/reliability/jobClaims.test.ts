import assert from 'node:assert/strict';
import { newJob } from '../../src/domain/job.ts';
import { runNode } from '../support/processes.ts';
import { useDatabases, type StoreKind } from './support/databases.ts';

/*
 * Proves that the job worker's batch claim hands no job to two workers, across processes, on both
 * stores (a SQLite file shared by the processes; MongoDB, here FerretDB, which has no transactions
 * and applies filtered updates without atomicity: the revision markers make the claim exact). 4
 * processes, each a worker of concurrency 4 claiming batches of 8, start on the same backlog at
 * the same instant, with a lease far longer than the test, so that a job run twice can only be a
 * job claimed twice. Every job runs exactly once, with one attempt, and ends done.
 */
const PROCESSES = 4;
const JOBS: Record<StoreKind, number> = { sqlite: 600, mongodb: 200 };
const KIND = 'test.claim';

for (const kind of ['sqlite', 'mongodb'] as const) {
  describe(`reliability: workers in ${PROCESSES} processes claim batches of one backlog (${kind})`, function () {
    this.timeout(180_000);
    const databases = useDatabases(kind);

    it(`runs each of ${JOBS[kind]} jobs once, in one process`, async () => {
      const total = JOBS[kind];
      const database = await databases.fresh();
      const store = await database.open();
      try {
        const now = new Date();
        const ids = Array.from({ length: total }, (_, i) => `job-${String(i).padStart(4, '0')}`);
        await store.jobs.enqueueMany(ids.map((id, i) => newJob({ id, kind: KIND, payload: {}, runAt: new Date(now.getTime() - total + i) }, now)));
        const startAt = Date.now() + 2_000;
        const runs = await Promise.all(Array.from({ length: PROCESSES }, () => runNode('test/reliability/support/jobWorkerProcess.ts', [
          JSON.stringify({ ...database.target, kind: KIND, total, concurrency: 4, batchSize: 8, startAt }),
        ])));
        const ran = runs.map((run) => {
          assert.equal(run.code, 0, run.stderr);
          return (JSON.parse(run.stdout) as { ran: string[] }).ran;
        });
        const all = ran.flat();
        const twice = all.filter((id, i) => all.indexOf(id) !== i);
        assert.deepEqual(twice, [], 'no job ran twice');
        assert.deepEqual([...all].sort(), ids, 'every job ran');
        assert.ok(ran.filter((share) => share.length > 0).length >= 2, `the processes shared the work (${ran.map((share) => share.length).join(', ')})`);
        assert.deepEqual(await store.jobs.countByState({ kind: KIND }), { queued: 0, running: 0, done: total, dead: 0 });
        const attempts = new Set<number>();
        for (let after: string | null = null; ;) {
          const page = await store.jobs.list({ kind: KIND }, { after, limit: 100 });
          for (const job of page.items) attempts.add(job.attempts);
          if (!(after = page.next)) break;
        }
        assert.deepEqual([...attempts], [1], 'one attempt each: no claim was made twice');
        console.log(`      ${kind}: ${total} jobs run by ${PROCESSES} processes (${ran.map((share) => share.length).join(', ')})`);
      } finally {
        await store.close();
      }
    });
  });
}
