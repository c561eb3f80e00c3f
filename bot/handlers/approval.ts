import type { AdaptiveCard } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { DomainError } from '../../src/domain/errors.ts';
import { identifySpeaker, may } from '../access.ts';
import { expandCard } from '../cards/render.ts';
import type { BotDependencies } from '../dependencies.ts';
import { cardText } from './cardData.ts';

type ApprovalData = { invitationId?: string; reason?: string };

/**
 * The approval card: Approve / Reject with `Action.Execute`, answered with the card as it now
 * stands, and refreshed on open so every viewer sees the current state and who decided.
 */
export function approvalHandlers(deps: BotDependencies) {
  const { services } = deps;

  async function cardFor(invitationId: string, error = ''): Promise<AdaptiveCard> {
    const details = await services.invitations.details(invitationId, { contactLimit: 3 });
    const requester = (await services.staff.get(details.createdBy))?.displayName ?? details.createdBy;
    const decider = details.decidedBy ? (await services.staff.get(details.decidedBy))?.displayName ?? details.decidedBy : null;
    const decision = details.status === 'pending-approval' ? 'waiting for an approver'
      : details.decisionReason ? `rejected by ${decider}: ${details.decisionReason}`
        : decider ? `approved by ${decider}` : details.status;
    return expandCard('approval', {
      invitationId, name: details.name, requester,
      contacts: details.invitedContacts.map((c) => c.email ?? c.name).join(', ') + (details.moreInvitedContacts ? ` and ${details.moreInvitedContacts} more` : ''),
      maxRedemptions: details.maxRedemptions, account: details.account?.name ?? '-', roles: details.webRoles.map((r) => r.name).join(', ') || '-',
      expires: details.expiresAt ? `${details.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'never',
      decision, error, pending: details.status === 'pending-approval',
    }) as AdaptiveCard;
  }

  async function decide(context: TurnContext, data: ApprovalData, approve: boolean) {
    const invitationId = cardText(data.invitationId);
    const speaker = await identifySpeaker(context.activity, services, deps.adminObjectIds);
    if (!may(speaker, 'approver') || !speaker.objectId) return cardFor(invitationId, 'Only approvers can decide on invitations.');
    try {
      if (approve) await services.invitations.approve(speaker.objectId, invitationId);
      else await services.invitations.reject(speaker.objectId, invitationId, cardText(data.reason));
      return cardFor(invitationId);
    } catch (error) {
      if (!(error instanceof DomainError) || !error.expose) throw error;
      const message = error.code === 'invalid_input' ? 'Give a reason, so the requester knows what to change.' : error.message;
      return cardFor(invitationId, message);
    }
  }

  /** The card, or the reason there is none (an unknown invitation) as the message the invoke answers with. */
  async function orRefusal(work: () => Promise<AdaptiveCard>): Promise<AdaptiveCard | string> {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof DomainError) || !error.expose) throw error;
      return error.message;
    }
  }

  return {
    cardFor,
    approve: (context: TurnContext, _state: unknown, data: ApprovalData) => orRefusal(() => decide(context, data, true)),
    reject: (context: TurnContext, _state: unknown, data: ApprovalData) => orRefusal(() => decide(context, data, false)),
    refresh: (_context: TurnContext, _state: unknown, data: ApprovalData) => orRefusal(() => cardFor(cardText(data.invitationId))),
  };
}
