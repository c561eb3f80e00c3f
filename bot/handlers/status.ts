import type { AdaptiveCard } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { hasRole } from '../../src/domain/staff.ts';
import { cardActivity, expandCard } from '../cards/render.ts';
import type { BotDependencies } from '../dependencies.ts';
import { botText } from '../i18n/translate.ts';
import type { StaffActor } from '../staffGate.ts';
import { cardText } from './cardData.ts';
import { CONTACTS_ON_CARD, statusCardData, type CardNote } from './invitationCards.ts';
import { errorText, reply, replyError } from './replies.ts';

type StatusOptions = { note?: CardNote; redeemersFrom?: number };

/**
 * The status card of one invitation, as this viewer may see it: `status <code|id|email>` sends it,
 * its buttons and the list's "Status" buttons (Action.Execute) answer with it in place.
 */
export function statusCards(deps: BotDependencies) {
  const { invitations, jobs } = deps.services;

  async function data(actor: StaffActor, reference: string, options: StatusOptions = {}) {
    const details = await invitations.details(actor.id, reference, { contactLimit: CONTACTS_ON_CARD });
    const mail = await jobs.mailDelivery(actor.id, details.id);
    return statusCardData(details, mail, { canChange: hasRole(actor, 'inviter'), locale: actor.locale, ...options });
  }

  /** The card to answer an Action.Execute with; for an invitation that matches nothing, the one answer for that. */
  async function answer(actor: StaffActor, reference: string, options: StatusOptions = {}): Promise<AdaptiveCard | string> {
    try {
      return expandCard('invitationStatus', await data(actor, reference, options), actor.locale) as AdaptiveCard;
    } catch (error) {
      return errorText(error, reference, actor.locale);
    }
  }

  return {
    answer,
    /** `status <code|id|email>`: one invitation (for an e-mail, the newest sent to that contact). */
    command: async (context: TurnContext, actor: StaffActor): Promise<void> => {
      const reference = (context.activity.text ?? '').trim().replace(/^status\s*/i, '').trim();
      if (!reference) return reply(context, botText(actor.locale, 'status.which'), botText(actor.locale, 'status.howTo'));
      try {
        await context.sendActivity(cardActivity('invitationStatus', await data(actor, reference), actor.locale));
      } catch (error) {
        await replyError(context, error, { reference, title: botText(actor.locale, 'status.notFound'), color: 'Default' });
      }
    },
    /** The list's "Status" button and the card's "Show more" (redeemers). */
    show: (_context: TurnContext, actor: StaffActor, action: { invitationId?: unknown; redeemersFrom?: unknown }) =>
      answer(actor, cardText(action.invitationId), { redeemersFrom: Number(cardText(action.redeemersFrom)) || 0 }),
  };
}
