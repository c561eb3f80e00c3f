import type { TurnContext } from 'botbuilder';
import { identifySpeaker, may } from '../access.ts';
import { renderCard } from '../cards/render.ts';
import type { BotDependencies } from '../dependencies.ts';
import { listCardData } from './invitationCards.ts';
import { refuse, replyError } from './replies.ts';

const PAGE = 10;

/** `list [status]`, and its "Next page" button: invitations, newest first, ten at a time. */
export function listHandler(deps: BotDependencies) {
  async function show(context: TurnContext, filter: string, after: string | null) {
    const speaker = await identifySpeaker(context.activity, deps.services, deps.adminObjectIds);
    if (!may(speaker, 'viewer') || !speaker.objectId) return refuse(context, 'list');
    try {
      const page = await deps.services.invitations.list(speaker.objectId, filter ? { status: filter } : {}, { limit: PAGE, after });
      await context.sendActivity({ attachments: [renderCard('invitationList', listCardData(page.items, filter, page.next))] });
    } catch (error) {
      await replyError(context, error, { color: 'Default' });
    }
  }
  return {
    command: (context: TurnContext) => show(context, (context.activity.text ?? '').trim().replace(/^list\s*/i, '').trim().toLowerCase(), null),
    nextPage: (context: TurnContext, _state: unknown, data: { status?: string; after?: string }) =>
      show(context, typeof data.status === 'string' ? data.status : '', typeof data.after === 'string' && data.after ? data.after : null),
  };
}
