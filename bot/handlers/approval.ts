import type { AdaptiveCard } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { utcMinute } from '../../src/domain/dateText.ts';
import { ValidationError } from '../../src/domain/errors.ts';
import { expandCard } from '../cards/render.ts';
import type { BotDependencies } from '../dependencies.ts';
import type { StaffActor } from '../staffGate.ts';
import { cardText } from './cardData.ts';
import { errorText, isUnknownInvitation } from './replies.ts';

type ApprovalData = { invitationId?: string; reason?: string };

/**
 * The approval card: Approve / Reject with `Action.Execute`, answered with the card as it now
 * stands, and refreshed on open so every viewer sees the current state and who decided. Someone
 * whose role does not allow the action gets a message, never the card, whatever the invitation.
 */
export function approvalHandlers(deps: BotDependencies) {
  const { services } = deps;

  async function cardFor(actor: string, invitationId: string, error = ''): Promise<AdaptiveCard> {
    const details = await services.invitations.details(actor, invitationId, { contactLimit: 3 });
    const requester = (await services.staff.get(details.createdBy))?.displayName ?? details.createdBy;
    const decider = details.decidedBy ? (await services.staff.get(details.decidedBy))?.displayName ?? details.decidedBy : null;
    const decision = details.status === 'pending-approval' ? 'waiting for an approver'
      : details.decisionReason ? `rejected by ${decider}: ${details.decisionReason}`
        : decider ? `approved by ${decider}` : details.status;
    return expandCard('approval', {
      invitationId, name: details.name, requester,
      contacts: details.invitedContacts.map((c) => c.email ?? c.name).join(', ') + (details.moreInvitedContacts ? ` and ${details.moreInvitedContacts} more` : ''),
      maxRedemptions: details.maxRedemptions, account: details.account?.name ?? '-', roles: details.webRoles.map((r) => r.name).join(', ') || '-',
      expires: details.expiresAt ? utcMinute(details.expiresAt) : 'never',
      decision, error, pending: details.status === 'pending-approval',
    }) as AdaptiveCard;
  }

  async function decide(actor: string, data: ApprovalData, approve: boolean): Promise<AdaptiveCard> {
    const invitationId = cardText(data.invitationId);
    try {
      if (approve) await services.invitations.approve(actor, invitationId);
      else await services.invitations.reject(actor, invitationId, cardText(data.reason));
      return await cardFor(actor, invitationId);
    } catch (error) {
      if (isUnknownInvitation(error)) throw error;
      return cardFor(actor, invitationId, error instanceof ValidationError ? 'Give a reason, so the requester knows what to change.' : errorText(error));
    }
  }

  /** The card as it now stands; for an unknown invitation the one answer for that, as the message the invoke answers with. */
  function answering(work: (actor: string, data: ApprovalData) => Promise<AdaptiveCard>) {
    return async (_context: TurnContext, actor: StaffActor, data: ApprovalData): Promise<AdaptiveCard | string> => {
      try {
        return await work(actor.id, data);
      } catch (error) {
        return errorText(error, cardText(data.invitationId));
      }
    };
  }

  return {
    cardFor,
    approve: answering((actor, data) => decide(actor, data, true)),
    reject: answering((actor, data) => decide(actor, data, false)),
    refresh: answering((actor, data) => cardFor(actor, cardText(data.invitationId))),
  };
}
