/** The languages the bot speaks; English for anyone else. */
export const BOT_LOCALES = ['en', 'da'] as const;
export type BotLocale = (typeof BOT_LOCALES)[number];

export const isBotLocale = (value: unknown): value is BotLocale => typeof value === 'string' && (BOT_LOCALES as readonly string[]).includes(value);

/** The speaker's language from an activity's `locale` (Teams sends the client's, e.g. `da-DK`): `da` or `da-*` is Danish, anything else English. */
export function localeOf(activityLocale: unknown): BotLocale {
  return typeof activityLocale === 'string' && /^da(?:[-_]|$)/i.test(activityLocale.trim()) ? 'da' : 'en';
}
