import assert from 'node:assert/strict';
import { newJob } from '../../src/domain/job.ts';
import { createWorker, type JobHandler } from '../../src/jobs/worker.ts';
import { createMongoStore } from '../../src/store/mongo/index.ts';
import type { Store } from '../../src/store/port.ts';
import { createSqliteStore } from '../../src/store/sqlite/index.ts';
import { dropDatabase, startMongoServer, uniqueDatabaseName, withDatabase, type MongoServer } from '../../testkit/mongoServer.ts';
import { silentLogger } from '../support/mailTestbed.ts';
import { testClock, type TestClock } from '../support/services.ts';

/*
 * The worker claims due jobs in batches and completes them in batches, on both stores: what a
 * user of the queue notices is that every job still runs, once, unless a lease was lost or the
 * worker died, and that a stopping worker hands back at once what it had not started.
 */
const LEASE = 60_000;

for (const kind of ['sqlite', 'mongodb'] as const) {
  describe(`job worker, in batches (${kind})`, function () {
    this.timeout(60_000);
    let server: MongoServer | null = null;
    let store: Store;
    let cleanup: () => Promise<void>;
    let clock: TestClock;

    before(async function () {
      if (kind === 'sqlite') return;
      server = await startMongoServer();
      if (!server) this.skip();
    });
    after(async () => {
      await server?.stop();
    });
    beforeEach(async () => {
      clock = testClock();
      if (kind === 'sqlite') {
        store = createSqliteStore(':memory:');
        cleanup = () => store.close();
      } else {
        const uri = withDatabase(server!.uri, uniqueDatabaseName());
        store = await createMongoStore(uri);
        cleanup = async () => { await store.close(); await dropDatabase(uri); };
      }
    });
    afterEach(() => cleanup());

    const worker = (run: JobHandler, options: { concurrency?: number; batchSize?: number; pollMs?: number } = {}) => createWorker({
      store, logger: silentLogger, clock, concurrency: options.concurrency ?? 1, batchSize: options.batchSize, maxAttempts: 3, leaseMs: LEASE,
      pollMs: options.pollMs, handlers: { test: run },
    });
    const enqueue = (count: number) => store.jobs.enqueueMany(Array.from({ length: count }, (_, i) =>
      newJob({ id: `j${i}`, kind: 'test', payload: {}, runAt: new Date(clock().getTime() - count + i) }, clock())));
    const states = async (count: number) => {
      const jobs = await Promise.all(Array.from({ length: count }, (_, i) => store.jobs.get(`j${i}`)));
      return jobs.map((job) => `${job!.id}:${job!.state}:${job!.attempts}`);
    };

    it('runs every due job once, a batch at a time, earliest first', async () => {
      await enqueue(7);
      const ran: string[] = [];
      const results = await worker(async (job) => { ran.push(job.id); }, { batchSize: 3 }).drain();
      assert.deepEqual(ran, ['j0', 'j1', 'j2', 'j3', 'j4', 'j5', 'j6']);
      assert.deepEqual(results.map((r) => `${r.job.id}:${r.result}`), ran.map((id) => `${id}:done`));
      assert.deepEqual(await states(7), ran.map((id) => `${id}:done:1`));
    });

    it('claims no more jobs than it is asked to run', async () => {
      await enqueue(4);
      const results = await worker(async () => {}, { batchSize: 4 }).drain(1);
      assert.deepEqual(results.map((r) => `${r.job.id}:${r.result}`), ['j0:done']);
      assert.deepEqual(await states(4), ['j0:done:1', 'j1:queued:0', 'j2:queued:0', 'j3:queued:0']);
    });

    it('starts a job of a batch only while a whole job lease is left on it; the rest are given back and claimed again', async () => {
      await enqueue(3);
      const ran: string[] = [];
      const leaseLeft: number[] = [];
      const results = await worker(async (job) => {
        ran.push(job.id);
        leaseLeft.push(job.leaseUntil!.getTime() - clock().getTime());
        if (job.id === 'j0') clock.advance(LEASE + 1);
      }, { batchSize: 3 }).drain();
      assert.deepEqual(ran, ['j0', 'j1', 'j2']);
      assert.ok(leaseLeft.every((left) => left >= LEASE), `every job started with a whole job lease ahead (${leaseLeft.join(', ')} ms)`);
      assert.ok(results.every((r) => r.result === 'done'), 'j0 finished within its batch lease');
      assert.deepEqual(await states(3), ['j0:done:1', 'j1:done:1', 'j2:done:1'], 'the jobs given back did not count an attempt');
    });

    it('does not complete a job whose lease another worker took; the others of the batch are completed', async () => {
      await enqueue(2);
      const results = await worker(async (job) => {
        if (job.id !== 'j0') return;
        clock.advance(2 * LEASE);
        assert.deepEqual((await store.jobs.claimBatch('other-worker', clock(), LEASE, 1)).map((j) => j.id), ['j0']);
      }, { batchSize: 2 }).drain();
      assert.deepEqual(results.map((r) => `${r.job.id}:${r.result}`), ['j0:lease-lost', 'j1:done']);
      const j0 = await store.jobs.get('j0');
      assert.deepEqual([j0!.state, j0!.leaseOwner], ['running', 'other-worker']);
    });

    it('runs again the jobs of a worker that died between claiming them and completing them', async () => {
      await enqueue(3);
      await store.jobs.claimBatch('a-worker-that-died', clock(), 2 * LEASE, 3);
      const ran: string[] = [];
      const next = worker(async (job) => { ran.push(job.id); }, { batchSize: 8 });
      assert.deepEqual(await next.drain(), [], 'not while the dead worker\'s lease holds');
      clock.advance(2 * LEASE);
      assert.deepEqual((await next.drain()).map((r) => r.result), ['done', 'done', 'done']);
      assert.deepEqual(await states(3), ['j0:done:2', 'j1:done:2', 'j2:done:2']);
    });

    it('when stopped, finishes the jobs it started and gives back at once those it had not', async () => {
      await enqueue(5);
      let release!: () => void;
      const blocked = new Promise<void>((resolve) => { release = resolve; });
      let started!: () => void;
      const first = new Promise<void>((resolve) => { started = resolve; });
      const running = worker(async (job) => { if (job.id === 'j0') { started(); await blocked; } }, { batchSize: 5, pollMs: 10 });
      running.start();
      await first;
      const stopping = running.stop();
      release();
      await stopping;
      assert.deepEqual(await states(5), ['j0:done:1', 'j1:queued:0', 'j2:queued:0', 'j3:queued:0', 'j4:queued:0']);
      const ran: string[] = [];
      await worker(async (job) => { ran.push(job.id); }).drain();
      assert.deepEqual(ran, ['j1', 'j2', 'j3', 'j4'], 'another worker runs them without waiting out a lease');
    });

    it('runs a backlog with its concurrency, each job once', async () => {
      await enqueue(50);
      const ran: string[] = [];
      let inFlight = 0;
      let most = 0;
      const running = worker(async (job) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 2));
        ran.push(job.id);
        inFlight--;
      }, { concurrency: 4, batchSize: 12, pollMs: 10 });
      running.start();
      for (let i = 0; i < 2000 && (await store.jobs.countByState({ kind: 'test' })).done < 50; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      await running.stop();
      assert.equal(ran.length, 50);
      assert.equal(new Set(ran).size, 50);
      assert.equal(most, 4);
      assert.deepEqual((await store.jobs.countByState({ kind: 'test' })), { queued: 0, running: 0, done: 50, dead: 0 });
    });
  });
}
