import { DomainError } from './errors.ts';

/** A job handler asks to be run again after `delayMs` (throttling, Retry-After). Counts as an attempt. */
export class RetryLaterError extends Error {
  readonly delayMs: number;

  constructor(delayMs: number, reason: string) {
    super(reason);
    this.name = 'RetryLaterError';
    this.delayMs = Math.max(0, delayMs);
  }
}

/** A job that can never succeed as it is: dead-letter it at once with the reason. */
export class PermanentJobError extends DomainError {
  constructor(reason: string) {
    super('job_failed_permanently', reason, { status: 422 });
  }
}

/** Not now, and not a failure: run again at `runAt` without counting the attempt (mail pacing). */
export class DeferJobError extends Error {
  readonly runAt: Date;

  constructor(runAt: Date, reason: string) {
    super(reason);
    this.name = 'DeferJobError';
    this.runAt = runAt;
  }
}
