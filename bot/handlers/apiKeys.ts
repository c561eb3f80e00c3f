import type { TurnContext } from 'botbuilder';
import { utcMinute } from '../../src/domain/dateText.ts';
import type { ApiKeyView } from '../../src/services/apiKeys.ts';
import { cardActivity } from '../cards/render.ts';
import type { BotDependencies } from '../dependencies.ts';
import { botText, translator } from '../i18n/translate.ts';
import type { BotLocale } from '../i18n/locale.ts';
import type { StaffActor } from '../staffGate.ts';
import { reply, replyError } from './replies.ts';

/**
 * `apikeys` for admins: list the keys of systems that call the REST API, create one (shown once,
 * on the card that answers; only the admin's personal chat sees it) and revoke one.
 */
export function apiKeysHandler(deps: BotDependencies) {
  const { apiKeys } = deps.services;
  return async (context: TurnContext, actor: StaffActor): Promise<void> => {
    const t = translator(actor.locale);
    const [, action, first, ...rest] = (context.activity.text ?? '').trim().split(/\s+/);
    const card = async (created?: { name: string; key: string }) => {
      const keys = (await apiKeys.list(actor.id, { limit: 50 })).items.map((key) => keyFacts(key, actor.locale));
      return cardActivity('apiKeys', {
        keys, usage: t('apikeys.usage'), createdKey: created?.key ?? '', createdName: created?.name ?? '', summary: created ? botText(actor.locale, 'card.apiKeys.title') : undefined,
      }, actor.locale);
    };
    try {
      switch (action?.toLowerCase()) {
        case undefined:
        case 'list':
          return void (await context.sendActivity(await card()));
        case 'create': {
          const roles = (first ?? '').split(',').map((r) => r.trim()).filter(Boolean);
          const { key, apiKey } = await apiKeys.create(actor.id, { name: rest.join(' '), roles });
          return void (await context.sendActivity(await card({ name: apiKey.name, key })));
        }
        case 'revoke': {
          const key = await apiKeys.revoke(actor.id, first ?? '');
          return reply(context, t('change.done'), t('apikeys.revoked', { name: key.name, prefix: key.prefix }), 'Good');
        }
        default:
          return reply(context, t('reply.failed'), t('apikeys.usage'), 'Attention');
      }
    } catch (error) {
      await replyError(context, error);
    }
  };
}

function keyFacts(key: ApiKeyView, locale: BotLocale) {
  const state = key.revokedAt
    ? `${botText(locale, 'card.apiKeys.revoked')} ${utcMinute(key.revokedAt)}`
    : key.lastUsedAt ? utcMinute(key.lastUsedAt) : botText(locale, 'card.apiKeys.neverUsed');
  return { name: key.name, roles: key.roles.join(', '), prefix: key.prefix, state };
}
