import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
type SdkElement = { getItemCount?(): number; getItemAt?(index: number): SdkElement };
const AdaptiveCards = require('adaptivecards/dist/adaptivecards.js') as {
  AdaptiveCard: new () => SdkElement & { parse(json: unknown, context: unknown): void };
  SerializationContext: new () => { eventCount: number };
  TextBlock: new () => { text?: string };
  FactSet: new () => { facts: { name?: string; value?: string }[] };
};

/** A backslash escape of CommonMark: any ASCII punctuation character after a backslash is shown as itself. */
const ESCAPE = /\\([!-/:-@[-`{-~])/g;

/** Teams' date functions over an ISO UTC time, which cards use on purpose (shown in the reader's zone). */
const DATE_FUNCTION = /\{\{(DATE|TIME)\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z(, (SHORT|LONG|COMPACT))?\)\}\}/g;

/**
 * What Teams shows for the markdown of a TextBlock or fact, when it shows plain text: the escapes
 * undone, paragraphs as lines. Throws when any part of it could render as markdown (a link, an
 * autolink, emphasis, code, a heading, a list, a quote, HTML or an entity), naming what.
 */
export function literalText(markdown: string): string {
  const unescaped = markdown.replace(ESCAPE, '').replace(DATE_FUNCTION, '');
  const constructs: [string, RegExp][] = [
    ['link or image', /[[\]]/], ['HTML or autolink', /[<>]/], ['emphasis', /[*_]/], ['code', /`/], ['entity', /&/],
    ['strikethrough', /~/], ['table', /\|/], ['autolinked address', /:\/\/|www\.|@/i], ['heading', /^\s*#/m],
    ['list', /^\s*([-+*]|\d+[.)])(\s|$)/m], ['indented code', /^( {4}|\t)/m], ['date function', /\{\{/],
  ];
  for (const [what, pattern] of constructs) {
    if (pattern.test(unescaped)) throw new Error(`${JSON.stringify(markdown)} would render as markdown (${what}), not as text`);
  }
  return markdown.replace(/\n{2,}/g, '\n').replace(ESCAPE, '$1');
}

/**
 * Parses a card with the Adaptive Cards SDK (what Teams' renderer reads) and returns what its
 * TextBlocks and facts show, each checked to be plain text (see literalText).
 */
export function shownTexts(card: unknown): string[] {
  const parsed = new AdaptiveCards.AdaptiveCard();
  const context = new AdaptiveCards.SerializationContext();
  parsed.parse(card, context);
  if (context.eventCount) throw new Error('the Adaptive Cards SDK complained about the card');
  const texts: string[] = [];
  const walk = (element: SdkElement) => {
    if (element instanceof AdaptiveCards.TextBlock) texts.push((element as { text?: string }).text ?? '');
    if (element instanceof AdaptiveCards.FactSet) for (const fact of (element as { facts: { name?: string; value?: string }[] }).facts) texts.push(fact.name ?? '', fact.value ?? '');
    for (let i = 0; i < (element.getItemCount?.() ?? 0); i++) walk(element.getItemAt!(i));
  };
  walk(parsed);
  return texts.map(literalText);
}
