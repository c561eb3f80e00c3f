import type { AdaptiveCard } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { hasRole } from '../../src/domain/staff.ts';
import { cardActivity, expandCard } from '../cards/render.ts';
import type { BotDependencies } from '../dependencies.ts';
import { botText } from '../i18n/translate.ts';
import type { StaffActor } from '../staffGate.ts';
import { cardText } from './cardData.ts';
import { CONTACTS_ON_CARD, REDEEMER_CURSORS_KEPT, REDEEMERS_PER_CARD, statusCardData, type CardNote, type RedeemerPosition } from './invitationCards.ts';
import { errorText, reply, replyError } from './replies.ts';

type StatusOptions = { note?: CardNote; redeemers?: RedeemerPosition };

/** Where in the redeemers a card's button asks to be: what the client sent, checked (a cursor it made up is refused by the store). */
function redeemerPosition(action: { redeemersCursors?: unknown; redeemersPage?: unknown }): RedeemerPosition {
  const cursors = Array.isArray(action.redeemersCursors) ? action.redeemersCursors.map(cardText).filter(Boolean).slice(-REDEEMER_CURSORS_KEPT) : [];
  // Only a card whose oldest cursors were dropped is further on than its cursors say.
  const page = Math.floor(Number(cardText(action.redeemersPage)));
  if (cursors.length < REDEEMER_CURSORS_KEPT || !Number.isSafeInteger(page) || page < cursors.length) return { page: cursors.length, cursors };
  return { page, cursors };
}

/**
 * The status card of one invitation, as this viewer may see it: `status <code|id|email>` sends it,
 * its buttons and the list's "Status" buttons (Action.Execute) answer with it in place.
 */
export function statusCards(deps: BotDependencies) {
  const { invitations, jobs } = deps.services;

  async function data(actor: StaffActor, reference: string, options: StatusOptions = {}) {
    const details = await invitations.details(actor.id, reference, {
      contactLimit: CONTACTS_ON_CARD, redeemers: { limit: REDEEMERS_PER_CARD, after: options.redeemers?.cursors.at(-1) ?? null },
    });
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
    /** The list's "Status" button and the card's Next / Previous (redeemers). */
    show: (_context: TurnContext, actor: StaffActor, action: { invitationId?: unknown; redeemersCursors?: unknown; redeemersPage?: unknown }) =>
      answer(actor, cardText(action.invitationId), { redeemers: redeemerPosition(action) }),
  };
}
