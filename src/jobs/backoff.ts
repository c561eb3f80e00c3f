/**
 * Exponential back-off with jitter: about 10 s, 20 s, 40 s… capped at an hour, each spread by
 * ±25 % so that jobs failing together do not retry together.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random, baseMs = 10_000, capMs = 3_600_000): number {
  const exponential = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential * (0.75 + random() * 0.5));
}
