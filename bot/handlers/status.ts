import type { TurnContext } from 'botbuilder';
import { identifySpeaker, may } from '../access.ts';
import { renderCard } from '../cards/render.ts';
import type { BotDependencies } from '../dependencies.ts';
import { statusCardData } from './invitationCards.ts';
import { refuse, reply, replyError } from './replies.ts';

/** `status <code|id|email>`: one invitation (for an e-mail, the newest sent to that contact). */
export function statusHandler(deps: BotDependencies) {
  const { invitations, jobs } = deps.services;
  return async (context: TurnContext): Promise<void> => {
    const speaker = await identifySpeaker(context.activity, deps.services, deps.adminObjectIds);
    if (!may(speaker, 'viewer') || !speaker.objectId) return refuse(context, 'status');
    const reference = (context.activity.text ?? '').trim().replace(/^status\s*/i, '').trim();
    if (!reference) return reply(context, 'Which invitation?', 'Type status followed by an invitation code, id or e-mail address.');
    try {
      const details = await invitations.details(speaker.objectId, reference);
      const mail = await jobs.mailDelivery(speaker.objectId, details.id);
      await context.sendActivity({ attachments: [renderCard('invitationStatus', statusCardData(details, mail, may(speaker, 'inviter')))] });
    } catch (error) {
      await replyError(context, error, { reference, title: 'Not found', color: 'Default' });
    }
  };
}
