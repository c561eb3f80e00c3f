import { PermanentJobError, RetryLaterError } from '../../domain/jobOutcomes.ts';
import { retryAfterMs, throttledRetry } from '../../domain/retryAfter.ts';

/** What Graph said in a non-2xx answer: the status, `Retry-After`, and its `{ error: { code, message } }`. */
export type GraphRefusal = { status: number; retryAfter: string | null; code?: string; message?: string };

const GATEWAY = new Set([502, 504]);
const TRANSIENT_CLIENT = new Set([401, 408]);

const HINTS: Record<number, string> = {
  403: 'the app lacks the Mail.Send application permission, or an application access policy excludes this mailbox',
  404: 'the sender mailbox does not exist in the tenant',
  413: 'the message is too large',
};

/**
 * The error `send` throws for a refusal: `RetryLaterError` when Graph throttles (429/503, or a
 * gateway error with `Retry-After`), a plain Error for other 5xx, 401 and 408 (the job queue
 * retries with back-off), and `PermanentJobError` for any other 4xx, which cannot succeed as is.
 */
export function failureFromRefusal(refusal: GraphRefusal, now: number): Error {
  const { status } = refusal;
  const described = describe(refusal);
  const throttled = throttledRetry(refusal, now, `Graph is throttling ${described}`);
  if (throttled) return throttled;
  const delay = retryAfterMs(refusal.retryAfter, now);
  if (GATEWAY.has(status) && delay !== undefined) return new RetryLaterError(delay, `Graph is unavailable ${described}`);
  if (status >= 500 || TRANSIENT_CLIENT.has(status)) return new Error(`Graph failed to send the mail ${described}`);
  const hint = HINTS[status];
  return new PermanentJobError(`Graph refused the mail ${described}${hint ? ` — ${hint}` : ''}`);
}

function describe({ status, code, message }: GraphRefusal): string {
  return `(${code ? `${status} ${code}` : status})${message ? `: ${message}` : ''}`;
}

/** Reads a non-2xx Graph answer; the body may be Graph's JSON error, anything else, or empty. */
export async function readRefusal(response: Response): Promise<GraphRefusal> {
  const refusal: GraphRefusal = { status: response.status, retryAfter: response.headers.get('Retry-After') };
  const text = await response.text().catch(() => '');
  try {
    const { error } = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    if (typeof error?.code === 'string') refusal.code = error.code;
    if (typeof error?.message === 'string') refusal.message = error.message;
  } catch {
    if (text.trim()) refusal.message = text.trim().slice(0, 300);
  }
  return refusal;
}
