import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Job } from '../domain/job.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/port.ts';
import { backoffDelay } from './backoff.ts';
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
  leaseMs?: number;
  pollMs?: number;
  backoff?: (attempt: number) => number;
  /** Told about every dead letter (to notify staff). Its failures are logged, never thrown. */
  onDeadLetter?: (job: Job, reason: string) => Promise<void>;
};

export type JobResult = 'done' | 'retry' | 'deferred' | 'dead' | 'lease-lost';

/**
 * Runs queued jobs: claims one with a lease, runs its handler, and records the outcome (done,
 * retry with back-off, deferred, dead letter). Several workers in several processes may share a
 * store; the lease keeps a job to one of them at a time.
 */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createWorker(options: WorkerOptions) {
  const { store, handlers, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const leaseMs = options.leaseMs ?? 120_000;
  const pollMs = options.pollMs ?? 500;
  const backoff = options.backoff ?? backoffDelay;
  let running = false;
  let loops: Promise<void>[] = [];
  const sleepers = new Set<() => void>();

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

  /** Claims and runs one due job; null when none is due. */
  async function runOnce(): Promise<{ job: Job; result: JobResult } | null> {
    const job = await store.jobs.claim(owner, clock(), leaseMs);
    if (!job) return null;
    const handler = handlers[job.kind];
    let result: JobResult;
    try {
      if (!handler) throw new PermanentJobError(`No handler for jobs of kind "${job.kind}".`);
      await handler(job);
      result = (await store.jobs.complete(job.id, owner, clock())) ? 'done' : 'lease-lost';
    } catch (error) {
      result = await settle(job, error);
    }
    if (result === 'lease-lost') logger.warn({ jobId: job.id, kind: job.kind }, 'job lease was lost; another worker has it');
    return { job, result };
  }

  async function loop(): Promise<void> {
    while (running) {
      let worked = false;
      try {
        worked = (await runOnce()) !== null;
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
    runOnce,
    /** Runs due jobs until none is left; returns what happened to each. For tests and the CLI. */
    async drain(limit = 100_000): Promise<Array<{ job: Job; result: JobResult }>> {
      const results = [];
      for (let i = 0; i < limit; i++) {
        const outcome = await runOnce();
        if (!outcome) break;
        results.push(outcome);
      }
      return results;
    },
    start(): void {
      if (running) return;
      running = true;
      loops = Array.from({ length: options.concurrency }, () => loop());
    },
    /** Stops claiming and waits for the jobs in hand to finish. */
    async stop(): Promise<void> {
      running = false;
      for (const wake of [...sleepers]) wake();
      await Promise.all(loops);
    },
  };
}

export type Worker = ReturnType<typeof createWorker>;
