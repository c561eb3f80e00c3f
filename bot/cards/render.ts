import { readFileSync } from 'node:fs';
import { Template } from 'adaptivecards-templating';
import { CardFactory, type Attachment } from 'botbuilder';

/** Card bodies are JSON templates in `templates/`, bound to data with adaptivecards-templating. */
export const CARD_NAMES = ['help', 'notice', 'invitationStatus', 'invitationList', 'staffList', 'inviteForm', 'approval', 'templateList', 'templateEditor'] as const;
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

/** The card as JSON with the data bound in (what `renderCard` attaches). */
export function expandCard(name: CardName, data: object): Record<string, unknown> {
  return new Template(cardTemplate(name)).expand({ $root: data }) as Record<string, unknown>;
}

export function renderCard(name: CardName, data: object): Attachment {
  return CardFactory.adaptiveCard(expandCard(name, data));
}
