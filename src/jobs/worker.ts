import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Job } from '../domain/job.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/port.ts';
import { backoffDelay } from './backoff.ts';
import { completionBuffer } from './completions.ts';
import { DeferJobError, PermanentJobError, RetryLaterError } from '../domain/jobOutcomes.ts';

export type JobHandler = (job: Job) => Promise<void>;

export type WorkerOptions = {
  store: Store;
  handlers: Readonly<Record<string, JobHandler>>;
  logger: Logger;
  clock?: () => Date;
  /** Attempts before a job is dead-lettered. */
  maxAttempts: number;
  /** Jobs run at the same time by this worker. */
  concurrency: number;
  /** Jobs claimed at once (default: concurrency × JOBS_PER_RUNNER_IN_A_BATCH). */
  batchSize?: number;
  /** How long a job may run (and how long after a batch's claim its jobs may start). */
  leaseMs?: number;
  pollMs?: number;
  backoff?: (attempt: number) => number;
  /** Told about every dead letter (to notify staff). Its failures are logged, never thrown. */
  onDeadLetter?: (job: Job, reason: string) => Promise<void>;
};

export type JobResult = 'done' | 'retry' | 'deferred' | 'dead' | 'lease-lost';

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A batch holds this many jobs for each one the worker runs at a time. */
export const JOBS_PER_RUNNER_IN_A_BATCH = 8;
/** How long the completion of a finished job may wait to be written with others. */
const COMPLETION_DELAY_MS = 10;

type Batch = { pending: Job[]; running: number };
type Started = { job: Job; result: Promise<JobResult> };

/**
 * Runs queued jobs: claims a batch of due jobs with a lease, runs them with its concurrency,
 * records successes together (one store write for many) and any other outcome job by job (retry
 * with back-off, deferred, dead letter). Several workers in several processes may share a store;
 * the lease keeps a job to one of them at a time.
 */
export function createWorker(options: WorkerOptions) {
  const { store, handlers, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const leaseMs = options.leaseMs ?? 120_000;
  const pollMs = options.pollMs ?? 500;
  const backoff = options.backoff ?? backoffDelay;
  const batchSize = options.batchSize ?? options.concurrency * JOBS_PER_RUNNER_IN_A_BATCH;
  let running = false;
  let loops: Promise<void>[] = [];
  const sleepers = new Set<() => void>();
  const completions = completionBuffer((ids) => store.jobs.completeMany(ids, owner, clock()), COMPLETION_DELAY_MS);
  /** The batch whose jobs are handed out next, and the claim of the next one while it is under way. */
  let inHand: Batch | null = null;
  let claiming: Promise<boolean> | null = null;

  /** Ends a failed run as its JobOutcomeError says; any other error is retried with back-off. */
  async function settle(job: Job, error: unknown): Promise<JobResult> {
    const now = clock();
    const reason = error instanceof Error ? error.message.slice(0, 1000) : String(error);
    if (error instanceof DeferJobError) {
      return (await store.jobs.reschedule(job.id, owner, { runAt: error.runAt, attempts: job.attempts - 1, lastError: job.lastError, now })) ? 'deferred' : 'lease-lost';
    }
    if (error instanceof PermanentJobError || job.attempts >= options.maxAttempts) {
      if (!(await store.jobs.deadLetter(job.id, owner, reason, now))) return 'lease-lost';
      logger.error({ jobId: job.id, kind: job.kind, attempts: job.attempts, reason }, 'job dead-lettered');
      await options.onDeadLetter?.(job, reason).catch((notifyError: unknown) => logger.error({ err: notifyError, jobId: job.id }, 'dead-letter notice failed'));
      return 'dead';
    }
    const delay = error instanceof RetryLaterError ? error.delayMs : backoff(job.attempts);
    logger.warn({ jobId: job.id, kind: job.kind, attempts: job.attempts, retryInMs: delay, reason }, 'job failed; will retry');
    const runAt = new Date(now.getTime() + delay);
    return (await store.jobs.reschedule(job.id, owner, { runAt, attempts: job.attempts, lastError: reason, now })) ? 'retry' : 'lease-lost';
  }

  /**
   * A batch's lease is two job leases: a job of it is started only while a whole job lease is left
   * on it, so for up to one job lease after the claim; the rest are given back then.
   */
  async function claim(limit: number): Promise<boolean> {
    const jobs = await store.jobs.claimBatch(owner, clock(), 2 * leaseMs, limit);
    if (jobs.length === 0) return false;
    inHand = { pending: jobs, running: 0 };
    return true;
  }

  /** Jobs claimed that will not be run by this worker: back to the queue, for any worker to take at once. */
  async function giveBack(jobs: Job[]): Promise<void> {
    if (jobs.length === 0) return;
    try {
      await store.jobs.releaseMany(jobs.map((job) => job.id), owner, clock());
    } catch (error) {
      logger.error({ err: error, jobIds: jobs.map((job) => job.id) }, 'could not give jobs back; they run again once their lease runs out');
    }
  }

  /** The next job to run: from the batch in hand, else from a new claim of up to `limit`; null when none is due or `wanted()` turns false. */
  async function nextJob(limit: number, wanted: () => boolean): Promise<{ job: Job; batch: Batch } | null> {
    for (;;) {
      const batch = inHand;
      if (batch && batch.pending.length > 0) {
        const job = batch.pending.shift()!;
        if (job.leaseUntil!.getTime() - clock().getTime() >= leaseMs) {
          batch.running++;
          return { job, batch };
        }
        // The rest of the batch has the same lease: none has a whole job lease left either.
        await giveBack([job, ...batch.pending.splice(0)]);
        finished(batch);
        continue;
      }
      if (!wanted()) return null;
      claiming ??= claim(limit).finally(() => { claiming = null; });
      if (!(await claiming) || !wanted()) return null;
    }
  }

  /** A job of the batch has run: once the batch is done, its completions are written together. */
  function finished(batch: Batch): void {
    if (batch.pending.length === 0 && batch.running === 0) void completions.flush();
  }

  /** Runs the job's handler; returns when it has run, with its result once that is recorded. */
  async function run({ job, batch }: { job: Job; batch: Batch }, timed: boolean): Promise<Started> {
    const handler = handlers[job.kind];
    let result: Promise<JobResult>;
    try {
      try {
        if (!handler) throw new PermanentJobError(`No handler for jobs of kind "${job.kind}".`);
        await handler(job);
        result = completions.add(job.id, { timed }).then((completed) => (completed ? 'done' : 'lease-lost'));
      } catch (error) {
        result = Promise.resolve(await settle(job, error));
      }
    } finally {
      batch.running--;
      finished(batch);
    }
    void result.then((outcome) => {
      if (outcome === 'lease-lost') logger.warn({ jobId: job.id, kind: job.kind }, 'job lease was lost; another worker has it');
    }, () => undefined);
    return { job, result };
  }

  async function loop(): Promise<void> {
    while (running) {
      let worked = false;
      try {
        const next = await nextJob(batchSize, () => running);
        if (next) {
          worked = true;
          const { result } = await run(next, true);
          void result.catch((error: unknown) => logger.error({ err: error }, 'job worker could not record finished jobs; they run again once their lease runs out'));
        }
      } catch (error) {
        logger.error({ err: error }, 'job worker could not reach the store');
      }
      // With a synchronous store (SQLite) a job never waits on I/O, so a backlog would run on the
      // microtask queue alone and hold off every HTTP request until it is gone: let I/O in between.
      if (worked) await yieldToEventLoop();
      if (!worked && running) await new Promise<void>((resolve) => {
        const wake = () => { clearTimeout(timer); sleepers.delete(wake); resolve(); };
        const timer = setTimeout(wake, pollMs);
        sleepers.add(wake);
      });
    }
  }

  return {
    owner,
    /**
     * Runs due jobs, one at a time, until none is left (or `limit` have run); returns what happened
     * to each. Claims in batches of at most what is left to run, and writes a batch's completions
     * when the batch is done. For tests and the CLI.
     */
    async drain(limit = 100_000): Promise<Array<{ job: Job; result: JobResult }>> {
      const started: Started[] = [];
      for (;;) {
        const next = await nextJob(Math.min(batchSize, limit - started.length), () => started.length < limit);
        if (!next) break;
        started.push(await run(next, false));
      }
      await completions.settle();
      return Promise.all(started.map(async ({ job, result }) => ({ job, result: await result })));
    },
    start(): void {
      if (running) return;
      running = true;
      loops = Array.from({ length: options.concurrency }, () => loop());
    },
    /** Stops claiming, waits for the jobs started to finish and gives back the jobs claimed but not started. */
    async stop(): Promise<void> {
      running = false;
      for (const wake of [...sleepers]) wake();
      await Promise.all(loops);
      await claiming?.catch(() => undefined);
      const unstarted = inHand?.pending.splice(0) ?? [];
      await giveBack(unstarted);
      await completions.settle();
    },
  };
}

export type Worker = ReturnType<typeof createWorker>;
