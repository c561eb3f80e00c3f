import type { AdaptiveCard } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { cardActivity, expandCard } from '../cards/render.ts';
import type { BotDependencies } from '../dependencies.ts';
import type { StaffActor } from '../staffGate.ts';
import { cardText } from './cardData.ts';
import { ANY_STATUS, listCardData, type ListFilter } from './invitationCards.ts';
import { errorText, replyError } from './replies.ts';

const PAGE = 10;
/** How far back Previous goes: the cursors a card keeps. */
const MAX_PAGES = 50;

type PageAction = { apply?: unknown; status?: unknown; mine?: unknown; shown?: { status?: unknown; mine?: unknown }; cursors?: unknown };

/**
 * `list [status] [mine]` and the list card's buttons: invitations, newest first, ten at a time,
 * each with a Status button. Next / Previous / Show answer in place (Action.Execute); the cursors
 * of the pages before are kept on the card.
 */
export function listHandler(deps: BotDependencies) {
  async function card(actor: StaffActor, filter: ListFilter, cursors: string[]) {
    const { invitations } = deps.services;
    const page = await invitations.list(actor.id, { ...(filter.status ? { status: filter.status } : {}), ...(filter.mine ? { mine: true } : {}) }, { limit: PAGE, after: cursors.at(-1) ?? null });
    const who = await invitations.firstInvitedContacts(actor.id, page.items.map((i) => i.id));
    return listCardData(page.items, who, filter, cursors, cursors.length < MAX_PAGES ? page.next : null, actor.locale);
  }

  const show = async (context: TurnContext, actor: StaffActor, filter: ListFilter, cursors: string[]) => {
    try {
      await context.sendActivity(cardActivity('invitationList', await card(actor, filter, cursors), actor.locale));
    } catch (error) {
      await replyError(context, error, { color: 'Default' });
    }
  };

  return {
    command: (context: TurnContext, actor: StaffActor) => {
      const words = (context.activity.text ?? '').trim().replace(/^list\s*/i, '').trim().toLowerCase().split(/\s+/).filter(Boolean);
      return show(context, actor, { mine: words.includes('mine'), status: words.filter((w) => w !== 'mine').join(' ') }, []);
    },
    /** Next / Previous (the filter shown and the cursors up to the page wanted), or Show (the filter as now chosen, from the first page). */
    page: async (_context: TurnContext, actor: StaffActor, data: PageAction): Promise<AdaptiveCard | string> => {
      const chosen = data.apply === true ? { status: data.status, mine: data.mine } : data.shown ?? {};
      const status = cardText(chosen.status).trim().toLowerCase();
      const filter = { status: status === ANY_STATUS ? '' : status, mine: chosen.mine === true || chosen.mine === 'true' };
      const cursors = data.apply === true || !Array.isArray(data.cursors) ? [] : data.cursors.map(cardText).filter(Boolean).slice(0, MAX_PAGES);
      try {
        return expandCard('invitationList', await card(actor, filter, cursors), actor.locale) as AdaptiveCard;
      } catch (error) {
        return errorText(error, undefined, actor.locale);
      }
    },
    /** List cards sent before Action.Execute ("Next page", Action.Submit): the next page as a new message. */
    nextPage: (context: TurnContext, actor: StaffActor, data: { status?: unknown; after?: unknown }) =>
      show(context, actor, { status: cardText(data.status), mine: false }, cardText(data.after) ? [cardText(data.after)] : []),
  };
}
