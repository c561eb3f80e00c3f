import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CardFactory, type Activity, type Attachment } from 'botbuilder';
import { lazy } from '../../src/lazy.ts';
import type { BotLocale } from '../i18n/locale.ts';
import { cardTexts } from '../i18n/translate.ts';
import { teamsText } from './teamsText.ts';

/** Card bodies are JSON templates in `templates/`, bound to data with adaptivecards-templating. */
export const CARD_NAMES = ['help', 'notice', 'invitationStatus', 'invitationList', 'staffList', 'inviteForm', 'approval', 'approvalsPage', 'templateList', 'templateEditor', 'inviteManyForm', 'inviteManyPreview', 'batchApproval', 'webhookList', 'stats', 'auditList', 'apiKeys'] as const;
export type CardName = (typeof CARD_NAMES)[number];

const templates = new Map<CardName, object>();

/**
 * adaptivecards-templating (with the expression engine under it) is loaded by the first card, not
 * at start: it is a large part of the bot's start-up time and idle memory. Required, not imported,
 * so that rendering stays synchronous; loading CommonJS takes the same time either way.
 */
const templating = lazy(() => createRequire(import.meta.url)('adaptivecards-templating') as typeof import('adaptivecards-templating'));

/**
 * A card's template parsed once (its constructor parses every `${…}` expression, which was most of
 * a bot turn's time: `npm run bench -- --only bot-roundtrip --stores sqlite --profile`) and bound to
 * new data on every expand, as the library means it to be used.
 */
const prepared = new Map<CardName, InstanceType<ReturnType<typeof templating>['Template']>>();

function preparedTemplate(name: CardName) {
  let template = prepared.get(name);
  if (!template) {
    template = new (templating().Template)(cardTemplate(name));
    prepared.set(name, template);
  }
  return template;
}

export function cardTemplate(name: CardName): object {
  let json = templates.get(name);
  if (!json) {
    json = JSON.parse(readFileSync(new URL(`./templates/${name}.json`, import.meta.url), 'utf8')) as object;
    templates.set(name, json);
  }
  return json;
}

/**
 * The card as JSON with the data bound in (what `renderCard` attaches). Cards show text, never
 * markdown: whatever ends up where Teams renders markdown (TextBlocks, facts, toggle titles) is
 * escaped here, once, so callers pass raw values. Inputs' values and actions' data stay raw.
 *
 * Every card is full width in Teams and carries a `fallbackText` (old clients, notifications):
 * the data's `summary` when it has one, else the card's first text.
 *
 * The card's own words come from the reader's catalog (bot/i18n), bound as `t` beside the data.
 */
export function expandCard(name: CardName, data: object, locale: BotLocale = 'en'): Record<string, unknown> {
  const card = preparedTemplate(name).expand({ $root: { ...data, t: cardTexts(locale, name, data) } }) as Record<string, unknown>;
  const msteams = card.msteams && typeof card.msteams === 'object' ? card.msteams : {};
  return { ...(asText(card) as Record<string, unknown>), msteams: { width: 'Full', ...msteams }, fallbackText: cardSummary(card, data) };
}

export function renderCard(name: CardName, data: object, locale: BotLocale = 'en'): Attachment {
  return CardFactory.adaptiveCard(expandCard(name, data, locale));
}

/** A message carrying the card, with its summary as the activity's (what Teams shows in notifications and the chat list). */
export function cardActivity(name: CardName, data: object, locale: BotLocale = 'en'): Partial<Activity> {
  return cardMessage(expandCard(name, data, locale));
}

/** A message carrying an expanded card, with the card's one-line summary as the activity's. */
export function cardMessage(card: Record<string, unknown>): Partial<Activity> {
  return { summary: typeof card.fallbackText === 'string' ? card.fallbackText : undefined, attachments: [CardFactory.adaptiveCard(card)] };
}

/** One line for notifications: the data's `summary`, else the card's first text, unescaped. */
function cardSummary(card: Record<string, unknown>, data: object): string {
  const given = (data as { summary?: unknown }).summary;
  if (typeof given === 'string' && given.trim()) return oneLine(given);
  const first = (card.body as { type?: string; text?: unknown }[] | undefined)?.find((element) => element.type === 'TextBlock' && typeof element.text === 'string' && element.text.trim());
  return oneLine(typeof first?.text === 'string' ? first.text : 'Invite Desk');
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, 200);

const MARKDOWN_PROPERTIES: Readonly<Record<string, readonly string[]>> = { TextBlock: ['text'], Fact: ['title', 'value'], 'Input.Toggle': ['title'] };

/**
 * Teams' date functions with an ISO UTC time (as a card's data gives them, e.g. `{{DATE(2026-12-31T17:00:00Z, SHORT)}}`),
 * once escaped: they are given back, so Teams shows the time in the reader's own zone. Nothing else
 * can be made of them than a date or a time.
 */
const ESCAPED_DATE_FUNCTION = /\\\{\\\{(DATE|TIME)\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)(, (?:SHORT|LONG|COMPACT))?\)\\\}\\\}/g;

/** Text for a markdown property: numbers and booleans as text too (the templating gives a lone `${count}` back as a number, which Teams does not show). */
function markdownText(value: string | number | boolean): string {
  return teamsText(String(value)).replace(ESCAPED_DATE_FUNCTION, '{{$1($2$3)}}');
}

function asText(node: unknown, type?: string): unknown {
  if (Array.isArray(node)) return node.map((item) => asText(item, type === 'FactSet' ? 'Fact' : undefined));
  if (!node || typeof node !== 'object') return node;
  const element = node as Record<string, unknown>;
  const own = typeof element.type === 'string' ? element.type : type;
  const markdown = MARKDOWN_PROPERTIES[own ?? ''] ?? [];
  return Object.fromEntries(Object.entries(element).map(([key, value]) => [
    key,
    markdown.includes(key) && ['string', 'number', 'boolean'].includes(typeof value) ? markdownText(value as string) : asText(value, own === 'FactSet' && key === 'facts' ? 'FactSet' : undefined),
  ]));
}
