import { batchApprovalCard } from '../batchApprovalCard.ts';
import type { BotDependencies } from '../dependencies.ts';
import { cardText } from './cardData.ts';
import { decisionCardHandlers } from './decisionCard.ts';

/**
 * The batch's approval card (`invite many`): Approve / Reject decide every invitation of it at once
 * (`decideBatch`), like a single invitation's card (approval.ts).
 */
export function batchApprovalHandlers(deps: BotDependencies) {
  const { services } = deps;
  return decisionCardHandlers<{ batchId?: string; reason?: string }>({
    idOf: (data) => cardText(data.batchId),
    card: (reader, batchId, error, decidedAt) => batchApprovalCard(deps, batchId, { viewer: reader.id, locale: reader.locale, view: 'decider', error, decidedAt }),
    decide: (actor, batchId, approve, reason) => services.invitations.many.decideBatch(actor.id, batchId, approve ? { approve: true } : { approve: false, reason }),
    unknownIsMessage: false,
    clock: services.clock,
  });
}
