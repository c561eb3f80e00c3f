import type { TurnContext } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import { identifySpeaker, may } from '../access.ts';
import type { BotDependencies } from '../dependencies.ts';
import type { approvalHandlers } from './approval.ts';
import { refuse, reply } from './replies.ts';

/** `approvals`: the approval card of every invitation that waits for a decision (the oldest five). */
export function approvalsCommand(deps: BotDependencies, approval: ReturnType<typeof approvalHandlers>) {
  return async (context: TurnContext): Promise<void> => {
    const speaker = await identifySpeaker(context.activity, deps.services, deps.adminObjectIds);
    if (!may(speaker, 'approver') || !speaker.objectId) return refuse(context, 'approvals');
    const actor = speaker.objectId;
    const waiting = (await deps.services.invitations.list(actor, { status: 'pending-approval' }, { limit: 100 })).items.slice(-5).reverse();
    if (!waiting.length) return reply(context, 'Approvals', 'Nothing waits for approval.');
    for (const invitation of waiting) {
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(await approval.cardFor(actor, invitation.id))] });
    }
  };
}
