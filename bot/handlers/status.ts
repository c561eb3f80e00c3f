import type { TurnContext } from 'botbuilder';
import { hasRole } from '../../src/domain/staff.ts';
import { renderCard } from '../cards/render.ts';
import type { BotDependencies } from '../dependencies.ts';
import type { StaffActor } from '../staffGate.ts';
import { statusCardData } from './invitationCards.ts';
import { reply, replyError } from './replies.ts';

/** `status <code|id|email>`: one invitation (for an e-mail, the newest sent to that contact). */
export function statusHandler(deps: BotDependencies) {
  const { invitations, jobs } = deps.services;
  return async (context: TurnContext, actor: StaffActor): Promise<void> => {
    const reference = (context.activity.text ?? '').trim().replace(/^status\s*/i, '').trim();
    if (!reference) return reply(context, 'Which invitation?', 'Type status followed by an invitation code, id or e-mail address.');
    try {
      const details = await invitations.details(actor.id, reference);
      const mail = await jobs.mailDelivery(actor.id, details.id);
      await context.sendActivity({ attachments: [renderCard('invitationStatus', statusCardData(details, mail, hasRole(actor, 'inviter')))] });
    } catch (error) {
      await replyError(context, error, { reference, title: 'Not found', color: 'Default' });
    }
  };
}
