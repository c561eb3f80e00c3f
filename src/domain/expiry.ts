/**
 * Reads an expiry as staff type it: an ISO date or date-time (`2026-12-31`, `2026-12-31T17:00Z`),
 * or a duration from now (`90m`, `12h`, `7d`, `2w`). `never` means no expiry. Returns undefined
 * when the text is neither, so the caller can say what it expected.
 */
export function parseExpiry(text: string, now: Date): Date | null | undefined {
  const value = text.trim().toLowerCase();
  if (value === 'never' || value === 'none') return null;
  const duration = /^(\d{1,5})\s*(m|h|d|w)$/.exec(value);
  if (duration) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[duration[2] as 'm' | 'h' | 'd' | 'w'];
    return new Date(now.getTime() + Number(duration[1]) * unit);
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    // A bare date means the end of that day (UTC): "valid until 31 December" includes the 31st.
    const date = new Date(`${value}T23:59:59.999Z`);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  if (/^\d{4}-\d{2}-\d{2}t\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(z|[+-]\d{2}:?\d{2})$/.test(value)) {
    const date = new Date(value.toUpperCase());
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  return undefined;
}

/** How long an invitation stays valid when its creator gives no expiry (INVITATION_EXPIRY's default). */
export const DEFAULT_INVITATION_EXPIRY = '30d';

export const EXPIRY_HELP = 'a date (2026-12-31), a date-time with zone (2026-12-31T17:00Z), a duration (12h, 7d, 2w) or never';

export const SEND_AT_HELP = 'a date-time with zone (2026-09-01T08:00Z), a date (2026-09-01, its start in UTC) or a duration (12h, 2d)';
