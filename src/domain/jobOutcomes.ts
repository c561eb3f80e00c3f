/**
 * What a job handler throws to tell the worker how a failed run ends, other than the default: any
 * other error is a failure, retried with back-off until the last attempt dead-letters the job.
 */
export abstract class JobOutcomeError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = new.target.name;
  }
}

/** A job handler asks to be run again after `delayMs` (throttling, Retry-After). Counts as an attempt. */
export class RetryLaterError extends JobOutcomeError {
  readonly delayMs: number;

  constructor(delayMs: number, reason: string) {
    super(reason);
    this.delayMs = Math.max(0, delayMs);
  }
}

/** A job that can never succeed as it is: dead-letter it at once with the reason. */
export class PermanentJobError extends JobOutcomeError {}

/** Not now, and not a failure: run again at `runAt` without counting the attempt (mail pacing). */
export class DeferJobError extends JobOutcomeError {
  readonly runAt: Date;

  constructor(runAt: Date, reason: string) {
    super(reason);
    this.runAt = runAt;
  }
}
