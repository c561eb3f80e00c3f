import { RetryLaterError } from './jobOutcomes.ts';

/**
 * Milliseconds to wait according to a `Retry-After` header: delay-seconds or an HTTP date
 * (RFC 9110 §10.2.3). Undefined when the header is absent or unreadable; a date in the past is 0.
 */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** How long a throttled job waits when the server does not say (no or unreadable Retry-After). */
const DEFAULT_THROTTLE_DELAY_MS = 30_000;

/** Answers that mean "too much at once, come back later": 429 Too Many Requests, 503 Service Unavailable. */
const THROTTLING_STATUSES: readonly number[] = [429, 503];

/**
 * The retry a job asks for when a server throttles it: an answer whose status is one of
 * `statuses` becomes a RetryLaterError after the server's Retry-After, or after
 * DEFAULT_THROTTLE_DELAY_MS when it gives none. Null for any other answer.
 */
export function throttledRetry(
  answer: { status: number | undefined; retryAfter: string | null | undefined }, now: number, reason: string, statuses = THROTTLING_STATUSES,
): RetryLaterError | null {
  if (answer.status === undefined || !statuses.includes(answer.status)) return null;
  return new RetryLaterError(retryAfterMs(answer.retryAfter ?? null, now) ?? DEFAULT_THROTTLE_DELAY_MS, reason);
}
