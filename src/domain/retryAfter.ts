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
