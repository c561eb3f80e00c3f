import type { TurnContext } from 'botbuilder';
import { displayName } from '../../src/domain/contact.ts';
import type { ResetRedemptionResult } from '../../src/services/resetRedemption.ts';
import type { BotDependencies } from '../dependencies.ts';
import { translator, type BotTranslate } from '../i18n/translate.ts';
import type { StaffActor } from '../staffGate.ts';
import { cardText } from './cardData.ts';
import type { CardNote } from './invitationCards.ts';
import { errorText, reply, replyError } from './replies.ts';
import { statusCards } from './status.ts';

/**
 * The status card's *Reset redemption* form: which redeemed contact, why, and (single
 * invitations) whether to mail a new code. The service checks the role again and does the rest.
 */
export function resetRedemptionHandlers(deps: BotDependencies) {
  const status = statusCards(deps);
  const reset = (actor: StaffActor, data: ResetData) => deps.services.invitations.resetRedemption(actor.id, {
    invitation: cardText(data.invitationId), contact: cardText(data.contactId).trim(), reason: cardText(data.reason).trim() || null, reissue: cardText(data.reissue) === 'true',
  });
  return {
    /** Action.Execute: answered with the status card as it now stands, saying what was done or why not. */
    onCard: async (_context: TurnContext, actor: StaffActor, data: ResetData) => {
      const id = cardText(data.invitationId);
      const t = translator(actor.locale);
      let note: CardNote;
      if (!cardText(data.contactId).trim()) note = { text: t('reset.chooseContact'), color: 'Attention' };
      else {
        try {
          note = { text: describe(await reset(actor, data), t), color: 'Good' };
        } catch (error) {
          note = { text: errorText(error, id, actor.locale), color: 'Attention' };
        }
      }
      return status.answer(actor, id, { note });
    },
    /** Status cards sent before Action.Execute (Action.Submit): answered with a notice. */
    fromCard: async (context: TurnContext, actor: StaffActor, data: ResetData) => {
      const t = translator(actor.locale);
      if (!cardText(data.contactId).trim()) return reply(context, t('reset.whose'), t('reset.chooseContact'), 'Attention');
      try {
        await reply(context, t('reset.done'), describe(await reset(actor, data), t), 'Good');
      } catch (error) {
        await replyError(context, error);
      }
    },
  };
}

type ResetData = { invitationId?: unknown; contactId?: unknown; reason?: unknown; reissue?: unknown };

function describe({ invitation, contact, activity }: ResetRedemptionResult, t: BotTranslate): string {
  const roles = activity.webRoleIds.length;
  const removed = [
    ...(activity.accountId ? [t('reset.removed.company')] : []),
    ...(roles ? [t(roles === 1 ? 'reset.removed.roleOne' : 'reset.removed.roles', { count: roles })] : []),
    ...(activity.identities.length || activity.localAccountRemoved ? [t('reset.removed.signIn')] : []),
  ];
  const name = displayName(contact);
  return [
    t('reset.back', { name: invitation.name, used: invitation.maxRedemptions - invitation.remaining, max: invitation.maxRedemptions }),
    removed.length ? t('reset.lost', { name, removed: removed.join(', ') }) : t('reset.kept', { name }),
    ...(activity.reissued ? [t('reset.again')] : []),
  ].join(' ');
}
