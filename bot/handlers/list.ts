import type { TurnContext } from 'botbuilder';
import { renderCard } from '../cards/render.ts';
import type { BotDependencies } from '../dependencies.ts';
import type { StaffActor } from '../staffGate.ts';
import { listCardData } from './invitationCards.ts';
import { replyError } from './replies.ts';

const PAGE = 10;

/** `list [status]`, and its "Next page" button: invitations, newest first, ten at a time. */
export function listHandler(deps: BotDependencies) {
  async function show(context: TurnContext, actor: StaffActor, filter: string, after: string | null) {
    try {
      const page = await deps.services.invitations.list(actor.id, filter ? { status: filter } : {}, { limit: PAGE, after });
      await context.sendActivity({ attachments: [renderCard('invitationList', listCardData(page.items, filter, page.next))] });
    } catch (error) {
      await replyError(context, error, { color: 'Default' });
    }
  }
  return {
    command: (context: TurnContext, actor: StaffActor) => show(context, actor, (context.activity.text ?? '').trim().replace(/^list\s*/i, '').trim().toLowerCase(), null),
    nextPage: (context: TurnContext, actor: StaffActor, data: { status?: string; after?: string }) =>
      show(context, actor, typeof data.status === 'string' ? data.status : '', typeof data.after === 'string' && data.after ? data.after : null),
  };
}
