import assert from 'node:assert/strict';
import { newJob } from '../../src/domain/job.ts';
import { DeferJobError, PermanentJobError, RetryLaterError } from '../../src/domain/jobOutcomes.ts';
import { createWorker } from '../../src/jobs/worker.ts';
import { backoffDelay } from '../../src/jobs/backoff.ts';
import { createSqliteStore } from '../../src/store/sqlite/index.ts';
import { silentLogger } from '../support/mailTestbed.ts';
import { testClock } from '../support/services.ts';

describe('job worker', () => {
  const setUp = (behaviour: (attempt: number) => void | Promise<void>, onDeadLetter?: (reason: string) => void) => {
    const store = createSqliteStore(':memory:');
    const clock = testClock();
    const calls: number[] = [];
    const worker = createWorker({
      store, logger: silentLogger, clock, concurrency: 1, maxAttempts: 3, backoff: (attempt) => attempt * 1000,
      handlers: { test: async (job) => { calls.push(job.attempts); await behaviour(job.attempts); } },
      onDeadLetter: async (_job, reason) => onDeadLetter?.(reason),
    });
    return { store, clock, calls, worker, enqueue: () => store.jobs.enqueue(newJob({ id: 'j1', kind: 'test', payload: {} }, clock())) };
  };

  it('lets HTTP and timers in between jobs while it works through a backlog on SQLite', async () => {
    const store = createSqliteStore(':memory:');
    const clock = testClock();
    const events: string[] = [];
    const worker = createWorker({
      store, logger: silentLogger, clock, concurrency: 4, maxAttempts: 3,
      handlers: { test: async (job) => { events.push(job.id); } },
    });
    await store.jobs.enqueueMany(Array.from({ length: 200 }, (_, i) => newJob({ id: `j${String(i).padStart(3, '0')}`, kind: 'test', payload: {} }, clock())));
    worker.start();
    setImmediate(() => events.push('event loop turn'));
    while ((await store.jobs.countByState({ kind: 'test' })).done < 200) await new Promise((resolve) => setTimeout(resolve, 5));
    await worker.stop();
    const turn = events.indexOf('event loop turn');
    assert.ok(turn >= 0 && turn < 20, `the event loop got its turn only after ${turn === -1 ? "all 200" : turn} jobs`);
    await store.close();
  });

  it('runs a job once and marks it done', async () => {
    const t = setUp(() => {});
    await t.enqueue();
    assert.deepEqual((await t.worker.drain()).map((r) => r.result), ['done']);
    assert.equal((await t.store.jobs.get('j1'))!.state, 'done');
    assert.deepEqual(t.calls, [1]);
  });

  it('retries a failing job with back-off and dead-letters it after the last attempt, telling someone', async () => {
    const told: string[] = [];
    const t = setUp(() => { throw new Error('Graph is down'); }, (reason) => told.push(reason));
    await t.enqueue();
    assert.deepEqual((await t.worker.drain()).map((r) => r.result), ['retry']);
    let job = await t.store.jobs.get('j1');
    assert.deepEqual([job!.state, job!.lastError, job!.runAt.getTime() - t.clock().getTime()], ['queued', 'Graph is down', 1000]);
    assert.equal((await t.worker.drain()).length, 0, 'not due yet');
    t.clock.advance(1000);
    await t.worker.drain();
    t.clock.advance(2000);
    assert.deepEqual((await t.worker.drain()).map((r) => r.result), ['dead']);
    job = await t.store.jobs.get('j1');
    assert.deepEqual([job!.state, job!.attempts, job!.lastError], ['dead', 3, 'Graph is down']);
    assert.deepEqual(told, ['Graph is down']);
    assert.deepEqual(t.calls, [1, 2, 3]);
  });

  it('honours the delay a handler asks for', async () => {
    const t = setUp((attempt) => { if (attempt === 1) throw new RetryLaterError(7000, 'throttled'); });
    await t.enqueue();
    await t.worker.drain();
    assert.equal((await t.store.jobs.get('j1'))!.runAt.getTime() - t.clock().getTime(), 7000);
    t.clock.advance(6999);
    assert.equal((await t.worker.drain()).length, 0);
    t.clock.advance(1);
    assert.deepEqual((await t.worker.drain()).map((r) => r.result), ['done']);
  });

  it('dead-letters at once a job that can never succeed', async () => {
    const t = setUp(() => { throw new PermanentJobError('Graph refused the mail (400 ErrorInvalidRecipients)'); });
    await t.enqueue();
    assert.deepEqual((await t.worker.drain()).map((r) => r.result), ['dead']);
    assert.equal((await t.store.jobs.get('j1'))!.lastError, 'Graph refused the mail (400 ErrorInvalidRecipients)');
  });

  it('defers a paced job without counting an attempt', async () => {
    const t = setUp((attempt) => { if (t.calls.length < 5) throw new DeferJobError(new Date(t.clock().getTime() + 100), `wait ${attempt}`); });
    await t.enqueue();
    const results = [];
    for (let i = 0; i < 5; i++) {
      results.push(...(await t.worker.drain()).map((r) => r.result));
      t.clock.advance(100);
    }
    assert.deepEqual(results, ['deferred', 'deferred', 'deferred', 'deferred', 'done']);
    assert.deepEqual(t.calls, [1, 1, 1, 1, 1]);
  });

  it('dead-letters a job nobody knows how to run', async () => {
    const t = setUp(() => {});
    await t.store.jobs.enqueue(newJob({ id: 'odd', kind: 'unknown', payload: {} }, t.clock()));
    await t.worker.drain();
    assert.equal((await t.store.jobs.get('odd'))!.lastError, 'No handler for jobs of kind "unknown".');
  });

  it('runs in the background once started and finishes the job in hand when stopped', async () => {
    const store = createSqliteStore(':memory:');
    const done: string[] = [];
    const worker = createWorker({
      store, logger: silentLogger, concurrency: 2, maxAttempts: 3, pollMs: 10,
      handlers: { slow: async (job) => { await new Promise((r) => setTimeout(r, 50)); done.push(job.id); } },
    });
    for (let i = 0; i < 4; i++) await store.jobs.enqueue(newJob({ id: `s${i}`, kind: 'slow', payload: {} }, new Date()));
    worker.start();
    await new Promise((r) => setTimeout(r, 300));
    await worker.stop();
    assert.deepEqual(done.sort(), ['s0', 's1', 's2', 's3']);
  });

  it('backs off exponentially with jitter, up to an hour', () => {
    assert.equal(backoffDelay(1, () => 0.5), 10_000);
    assert.equal(backoffDelay(3, () => 0.5), 40_000);
    assert.equal(backoffDelay(30, () => 0.5), 3_600_000);
    assert.equal(backoffDelay(1, () => 0), 7_500);
    assert.equal(backoffDelay(1, () => 1), 12_500);
  });
});
