import { readFileSync } from 'node:fs';
import { Template } from 'adaptivecards-templating';
import { CardFactory, type Attachment } from 'botbuilder';
import { teamsText } from './teamsText.ts';

/** Card bodies are JSON templates in `templates/`, bound to data with adaptivecards-templating. */
export const CARD_NAMES = ['help', 'notice', 'invitationStatus', 'invitationList', 'staffList', 'inviteForm', 'approval', 'approvalsPage', 'templateList', 'templateEditor', 'inviteManyForm', 'inviteManyPreview', 'batchApproval'] as const;
export type CardName = (typeof CARD_NAMES)[number];

const templates = new Map<CardName, object>();

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
 */
export function expandCard(name: CardName, data: object): Record<string, unknown> {
  return asText(new Template(cardTemplate(name)).expand({ $root: data })) as Record<string, unknown>;
}

export function renderCard(name: CardName, data: object): Attachment {
  return CardFactory.adaptiveCard(expandCard(name, data));
}

const MARKDOWN_PROPERTIES: Readonly<Record<string, readonly string[]>> = { TextBlock: ['text'], Fact: ['title', 'value'], 'Input.Toggle': ['title'] };

function asText(node: unknown, type?: string): unknown {
  if (Array.isArray(node)) return node.map((item) => asText(item, type === 'FactSet' ? 'Fact' : undefined));
  if (!node || typeof node !== 'object') return node;
  const element = node as Record<string, unknown>;
  const own = typeof element.type === 'string' ? element.type : type;
  const markdown = MARKDOWN_PROPERTIES[own ?? ''] ?? [];
  return Object.fromEntries(Object.entries(element).map(([key, value]) => [
    key,
    markdown.includes(key) && typeof value === 'string' ? teamsText(value) : asText(value, own === 'FactSet' && key === 'facts' ? 'FactSet' : undefined),
  ]));
}
