import type { AdaptiveCard } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { WEBHOOK_EVENT_TYPES } from '../../src/domain/webhook.ts';
import type { WebhookInput, WebhookView } from '../../src/services/webhooks.ts';
import { cardMessage, expandCard } from '../cards/render.ts';
import type { BotDependencies } from '../dependencies.ts';
import type { BotTranslate } from '../i18n/translate.ts';
import { translator } from '../i18n/translate.ts';
import type { StaffActor } from '../staffGate.ts';
import { cardText } from './cardData.ts';
import { errorText, replyError } from './replies.ts';

type Shown = { notice?: string; noticeColor?: 'Good' | 'Attention' | 'Default'; secret?: string; error?: string; values?: { url: string; events: string } };

/** The card's data: each subscription (never its secret), the add form, and what just happened. */
export function webhookListData(webhooks: readonly WebhookView[], t: BotTranslate, shown: Shown = {}) {
  return {
    webhooks: webhooks.map((w) => ({
      id: w.id, url: w.url, events: w.events.length ? w.events.join(', ') : t('webhooks.allEvents'), state: t(w.enabled ? 'webhooks.enabled' : 'webhooks.disabled'),
    })),
    eventChoices: WEBHOOK_EVENT_TYPES.map((type) => ({ title: type, value: type })),
    notice: shown.notice ?? '', noticeColor: shown.noticeColor ?? 'Default', secret: shown.secret ?? '', error: shown.error ?? '',
    values: shown.values ?? { url: '', events: '' },
  };
}

/**
 * `webhooks` for admins: the subscriptions with Remove (after a confirmation), and a form to add
 * one, whose secret the answering card shows once. Each click answers with the card in place.
 */
export function webhookHandlers(deps: BotDependencies) {
  const { webhooks } = deps.services;
  const card = async (actor: StaffActor, shown: Shown = {}) =>
    expandCard('webhookList', webhookListData(await webhooks.list(actor.id), translator(actor.locale), shown), actor.locale) as AdaptiveCard;

  return {
    command: async (context: TurnContext, actor: StaffActor) => {
      try {
        await context.sendActivity(cardMessage(await card(actor)));
      } catch (error) {
        await replyError(context, error);
      }
    },
    add: async (_context: TurnContext, actor: StaffActor, data: { url?: unknown; events?: unknown }): Promise<AdaptiveCard | string> => {
      const t = translator(actor.locale);
      const url = cardText(data.url).trim();
      const events = cardText(data.events).split(',').map((e) => e.trim()).filter(Boolean);
      try {
        const added = await webhooks.add(actor.id, { url, events: events as WebhookInput['events'] });
        return await card(actor, { notice: t('webhooks.added', { url: added.url }), noticeColor: 'Good', secret: added.secret });
      } catch (error) {
        try {
          return await card(actor, { error: errorText(error, undefined, actor.locale), values: { url: url.slice(0, 2000), events: events.join(',').slice(0, 1000) } });
        } catch (refused) {
          return errorText(refused, undefined, actor.locale);
        }
      }
    },
    remove: async (_context: TurnContext, actor: StaffActor, data: { id?: unknown }): Promise<AdaptiveCard | string> => {
      const t = translator(actor.locale);
      try {
        const removed = await webhooks.get(actor.id, cardText(data.id));
        await webhooks.remove(actor.id, removed.id);
        return await card(actor, { notice: t('webhooks.removed', { url: removed.url }), noticeColor: 'Good' });
      } catch (error) {
        return errorText(error, undefined, actor.locale);
      }
    },
  };
}
