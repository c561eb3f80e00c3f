import { approvalCard } from '../approvalCard.ts';
import type { BotDependencies } from '../dependencies.ts';
import { cardText } from './cardData.ts';
import { decisionCardHandlers } from './decisionCard.ts';

/**
 * The approval card of one invitation: Approve / Reject with `Action.Execute`, refreshed on open for
 * the approvers, so each sees their buttons and everyone the current state and who decided. Someone
 * whose role does not allow the action gets a message, never the card, whatever the invitation.
 */
export function approvalHandlers(deps: BotDependencies) {
  const { services } = deps;
  return decisionCardHandlers<{ invitationId?: string; reason?: string }>({
    idOf: (data) => cardText(data.invitationId),
    card: (reader, invitationId, error, decidedAt) => approvalCard(deps, invitationId, { viewer: reader.id, locale: reader.locale, view: 'decider', error, decidedAt }),
    decide: (actor, invitationId, approve, reason) => approve
      ? services.invitations.approve(actor.id, invitationId)
      : services.invitations.reject(actor.id, invitationId, reason),
    unknownIsMessage: true,
    clock: services.clock,
  });
}
