import { problem, type Problem } from './errors.ts';
import { parseExpiry } from './expiry.ts';
import { phrase } from './phrases.ts';

/** Why a draft's send time cannot be used (none, when it can): it must come, and come before the expiry. */
export function sendAtProblems(sendAt: Date | null, expiresAt: Date | null, now: Date): Problem[] {
  if (sendAt === null) return [];
  if (Number.isNaN(sendAt.getTime())) return [problem('sendAt', phrase('invite.sendAtNotADate'))];
  if (sendAt.getTime() <= now.getTime()) return [problem('sendAt', phrase('invite.sendAtPast'))];
  if (expiresAt && expiresAt.getTime() <= sendAt.getTime()) return [problem('sendAt', phrase('invite.sendAtAfterExpiry'))];
  return [];
}

/**
 * A send time as staff type it: a date-time with zone (`2026-09-01T08:00Z`), a duration from now
 * (`2d`, `12h`), or a bare date, which means the start of that day (UTC), unlike an expiry's end of
 * day. Undefined when the text is none of these.
 */
export function parseSendAt(text: string, now: Date): Date | undefined {
  const value = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const date = new Date(`${value}T00:00:00.000Z`);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  return parseExpiry(value, now) ?? undefined;
}
