import type { TurnContext } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import type { BotDependencies } from '../dependencies.ts';
import type { StaffActor } from '../staffGate.ts';
import type { approvalHandlers } from './approval.ts';
import { reply } from './replies.ts';

/** `approvals`: the approval card of every invitation that waits for a decision (the oldest five). */
export function approvalsCommand(deps: BotDependencies, approval: ReturnType<typeof approvalHandlers>) {
  return async (context: TurnContext, actor: StaffActor): Promise<void> => {
    const waiting = (await deps.services.invitations.list(actor.id, { status: 'pending-approval' }, { limit: 100 })).items.slice(-5).reverse();
    if (!waiting.length) return reply(context, 'Approvals', 'Nothing waits for approval.');
    for (const invitation of waiting) {
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(await approval.cardFor(actor.id, invitation.id))] });
    }
  };
}
