
/** REMINDER_DAYS' default: an unredeemed invitation is reminded of three days before it expires. */
export const DEFAULT_REMINDER_DAYS = 3;
export const MAX_REMINDER_DAYS = 365;
const DAY_MS = 86_400_000;

/** What of an invitation its reminder depends on (said here, not imported, so the phrases may name this module's limits). */
type Reminded = { expiresAt: Date | null; reminderDays?: number };

/**
 * When the invitation's reminder for its current expiry is due, or null when it gets none (no
 * reminder days, or no expiry). Each expiry has its own reminder: an extended invitation is
 * reminded again before its new expiry, even if it was reminded before the old one.
 */
export function reminderDue(invitation: Reminded): Date | null {
  if (!invitation.expiresAt || !invitation.reminderDays) return null;
  return new Date(invitation.expiresAt.getTime() - invitation.reminderDays * DAY_MS);
}

/**
 * The reminder to plan when the invitation goes out (sent, approved, extended, renewed) at `now`:
 * its due time, or null when there is none or it would be due already (a fresh mail needs no reminder).
 */
export function reminderToPlan(invitation: Reminded, now: Date): Date | null {
  const due = reminderDue(invitation);
  return due && due.getTime() > now.getTime() ? due : null;
}

/** Reminder days as staff type them: a whole number of days, 1 to 365; `0`, `none` or `off` for no reminder. Undefined when it is neither. */
export function parseReminderDays(text: string): number | null | undefined {
  const value = text.trim().toLowerCase();
  if (['0', 'none', 'off', 'no'].includes(value)) return null;
  if (!/^\d{1,3}$/.test(value)) return undefined;
  const days = Number(value);
  return days >= 1 && days <= MAX_REMINDER_DAYS ? days : undefined;
}

export const REMINDER_DAYS_HELP = `a whole number of days before the expiry, 1 to ${MAX_REMINDER_DAYS}, or 0 for no reminder`;
