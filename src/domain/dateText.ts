import type { Locale } from './invitation.ts';

/** How dates read to people, the same in Teams, on the site and in mail: always in UTC, said so. */

/** `2026-06-01 12:00 UTC`: how the bot and its notices show times. */
export function utcMinute(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const DATE_LOCALES: Record<Locale, string> = { en: 'en-GB', da: 'da-DK' };

/** `1 June 2026 at 12:15 UTC` (or `1. juni 2026 kl. 12.15 UTC`): how the site and mail show times. */
export function localDateTime(date: Date, locale: Locale): string {
  return `${new Intl.DateTimeFormat(DATE_LOCALES[locale], { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(date)} UTC`;
}
