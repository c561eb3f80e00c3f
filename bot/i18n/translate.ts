import { da } from './messages.da.ts';
import { en, type BotMessageKey } from './messages.en.ts';
import type { NoticeMessage } from '../../src/domain/notice.ts';
import { englishPhrase, fillPlaceholders, type Phrase } from '../../src/domain/phrases.ts';
import { phrasesDa } from './phrases.da.ts';
import type { BotLocale } from './locale.ts';

const CATALOGUES: Record<BotLocale, Record<BotMessageKey, string>> = { en, da };

/** A catalog text with its `{placeholders}` filled in (a missing value leaves the placeholder empty). */
export function botText(locale: BotLocale, key: BotMessageKey, values: Readonly<Record<string, string | number>> = {}): string {
  return fillPlaceholders(CATALOGUES[locale][key], values);
}

/** A translator bound to one language. */
export type BotTranslate = (key: BotMessageKey, values?: Readonly<Record<string, string | number>>) => string;
export const translator = (locale: BotLocale): BotTranslate => (key, values) => botText(locale, key, values);

/**
 * The texts a card template uses as `${t.name}` (inside a `$data` scope: `${$root.t.name}`): the
 * catalog's `card.<card>.<name>` entries, their `{placeholders}` filled from the card's data. They
 * reach Teams through the same escaping as the data's own texts.
 */
export function cardTexts(locale: BotLocale, card: string, data: object): Record<string, string> {
  const prefix = `card.${card}.`;
  const values = Object.fromEntries(Object.entries(data).filter(([, value]) => ['string', 'number', 'boolean'].includes(typeof value))) as Record<string, string | number>;
  return Object.fromEntries(Object.entries(CATALOGUES[locale])
    .filter(([key]) => key.startsWith(prefix))
    .map(([key, text]) => [key.slice(prefix.length), fillPlaceholders(text, values)]));
}

/** The `{placeholders}` of a text, in order. */
export const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);

/**
 * One of the product's phrases (an error's, a rejected line's) in the reader's language; an
 * invitation status among its values is worded in that language too.
 */
export function botPhrase(locale: BotLocale, { key, values = {} }: Phrase): string {
  if (locale === 'en') return englishPhrase({ key, values });
  const status = typeof values.status === 'string' && `invitation.status.${values.status}` in en
    ? botText(locale, `invitation.status.${values.status}` as BotMessageKey).toLowerCase() : values.status;
  return fillPlaceholders(phrasesDa[key], status === undefined ? values : { ...values, status });
}

/**
 * A notice's title and text in the reader's language: its message worded from the catalog
 * (`notice.<key>.title` / `.text`); the English it was queued with when it has no message, or one
 * this catalog does not know (queued by another version).
 */
export function noticeTexts(locale: BotLocale, english: { title: string; text: string }, message?: NoticeMessage): { title: string; text: string } {
  const title = `notice.${message?.key}.title`;
  const text = `notice.${message?.key}.text`;
  if (!message || locale === 'en' || !(title in en) || !(text in en) || !partsKnown(message)) return english;
  const lines = (message.lines ?? []).map((line) => worded(locale, `notice.${line.key}`, line));
  return { title: worded(locale, title, message), text: [worded(locale, text, message), ...lines].join('\n') };
}

/** Whether the catalog words every part and line of a notice message (a newer version's may not). */
function partsKnown(message: NoticeMessage): boolean {
  const parts = [...Object.values(message.values).filter((value) => typeof value !== 'string'), ...(message.lines ?? [])];
  return parts.every((part) => `notice.${part.key}` in en && partsKnown(part));
}

/** A catalog text filled with a message's values, its parts worded first. */
function worded(locale: BotLocale, key: string, message: NoticeMessage): string {
  const values = Object.fromEntries(Object.entries(message.values)
    .map(([name, value]) => [name, typeof value === 'string' ? value : worded(locale, `notice.${value.key}`, value)]));
  return botText(locale, key as BotMessageKey, values);
}
