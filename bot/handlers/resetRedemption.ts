import type { TurnContext } from 'botbuilder';
import { displayName } from '../../src/domain/contact.ts';
import type { ResetRedemptionResult } from '../../src/services/resetRedemption.ts';
import type { BotDependencies } from '../dependencies.ts';
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
      let note: CardNote;
      if (!cardText(data.contactId).trim()) note = { text: CHOOSE_CONTACT, color: 'Attention' };
      else {
        try {
          note = { text: describe(await reset(actor, data)), color: 'Good' };
        } catch (error) {
          note = { text: errorText(error, id), color: 'Attention' };
        }
      }
      return status.answer(actor, id, { note });
    },
    /** Status cards sent before Action.Execute (Action.Submit): answered with a notice. */
    fromCard: async (context: TurnContext, actor: StaffActor, data: ResetData) => {
      if (!cardText(data.contactId).trim()) return reply(context, 'Whose redemption?', CHOOSE_CONTACT, 'Attention');
      try {
        await reply(context, 'Redemption reset', describe(await reset(actor, data)), 'Good');
      } catch (error) {
        await replyError(context, error);
      }
    },
  };
}

type ResetData = { invitationId?: unknown; contactId?: unknown; reason?: unknown; reissue?: unknown };

const CHOOSE_CONTACT = 'Choose the contact whose redemption to reset, say why, and press Reset redemption again.';

function describe({ invitation, contact, activity }: ResetRedemptionResult): string {
  const removed = [
    ...(activity.accountId ? ['the company'] : []),
    ...(activity.webRoleIds.length ? [`${activity.webRoleIds.length} web role${activity.webRoleIds.length === 1 ? '' : 's'}`] : []),
    ...(activity.identities.length || activity.localAccountRemoved ? ['the sign-in set up with the code'] : []),
  ];
  const lost = removed.length ? `${displayName(contact)} no longer has ${removed.join(', ')} from it and is signed out.` : `${displayName(contact)} keeps what it gave (held from elsewhere) and is signed out.`;
  const again = activity.reissued ? ' A new code is on its way to the invited contact; the old one no longer works.' : '';
  return `The redemption of "${invitation.name}" is back: ${invitation.maxRedemptions - invitation.remaining} of ${invitation.maxRedemptions} used. ${lost}${again}`;
}
