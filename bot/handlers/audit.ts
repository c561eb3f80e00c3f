import type { AdaptiveCard } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { cardActivity, expandCard } from '../cards/render.ts';
import type { BotDependencies } from '../dependencies.ts';
import type { StaffActor } from '../staffGate.ts';
import { ANY_ACTOR, auditCardData, type AuditFilter } from './auditCards.ts';
import { cardText } from './cardData.ts';
import { errorText, replyError } from './replies.ts';

const PAGE = 10;
/** How far back Previous goes: the cursors a card keeps. */
const MAX_PAGES = 50;

type PageAction = { apply?: unknown; actor?: unknown; subject?: unknown; shown?: { actor?: unknown; subject?: unknown }; cursors?: unknown };

/**
 * `audit [id|email]` for admins and the audit card's buttons: the audit trail, newest first, ten
 * at a time, by whom (chosen by name) and of which record. Next / Previous / Show answer in place.
 */
export function auditHandlers(deps: BotDependencies) {
  const { audit, staff } = deps.services;

  async function card(actor: StaffActor, filter: AuditFilter, cursors: string[]) {
    const page = await audit.list(actor.id, { actor: filter.actor || undefined, subject: filter.subject || undefined }, { limit: PAGE, after: cursors.at(-1) ?? null });
    const members = (await staff.list(actor.id, { limit: 100 })).items;
    return auditCardData(page, members, filter, cursors, cursors.length < MAX_PAGES ? page.next : null, actor.locale);
  }

  return {
    command: async (context: TurnContext, actor: StaffActor): Promise<void> => {
      const subject = (context.activity.text ?? '').trim().replace(/^audit\s*/i, '').trim();
      try {
        await context.sendActivity(cardActivity('auditList', await card(actor, { actor: '', subject }, []), actor.locale));
      } catch (error) {
        await replyError(context, error, { color: 'Default' });
      }
    },
    /** Show (the filter as now chosen, from the first page), or Next / Previous (the filter shown and the cursors up to the page wanted). */
    page: async (_context: TurnContext, actor: StaffActor, data: PageAction): Promise<AdaptiveCard | string> => {
      const chosen = data.apply === true ? { actor: data.actor, subject: data.subject } : data.shown ?? {};
      const who = cardText(chosen.actor).trim();
      const filter = { actor: who === ANY_ACTOR ? '' : who, subject: cardText(chosen.subject).trim() };
      const cursors = data.apply === true || !Array.isArray(data.cursors) ? [] : data.cursors.map(cardText).filter(Boolean).slice(0, MAX_PAGES);
      try {
        return expandCard('auditList', await card(actor, filter, cursors), actor.locale) as AdaptiveCard;
      } catch (error) {
        return errorText(error, undefined, actor.locale);
      }
    },
  };
}
