import type { AdaptiveCard } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { ValidationError } from '../../src/domain/errors.ts';
import { batchApprovalCard } from '../batchApprovalCard.ts';
import type { BotDependencies } from '../dependencies.ts';
import { translator } from '../i18n/translate.ts';
import type { StaffActor } from '../staffGate.ts';

/** Whom a card is for: who reads it and in which language. */
type Reader = Pick<StaffActor, 'id' | 'locale'>;
import { cardText } from './cardData.ts';
import { errorText } from './replies.ts';

type BatchApprovalData = { batchId?: string; reason?: string };

/**
 * The batch's approval card (`invite many`): Approve / Reject decide every invitation of it at once
 * (`decideBatch`), answered with the card as it now stands; every posted copy is updated by a job,
 * as for a single invitation's card (approval.ts).
 */
export function batchApprovalHandlers(deps: BotDependencies) {
  const { services } = deps;

  function cardFor(actor: Reader, batchId: string, error = '', decidedAt?: Date): Promise<AdaptiveCard> {
    return batchApprovalCard(deps, batchId, { viewer: actor.id, locale: actor.locale, view: 'decider', error, decidedAt });
  }

  async function decide(actor: Reader, data: BatchApprovalData, approve: boolean): Promise<AdaptiveCard> {
    const batchId = cardText(data.batchId);
    try {
      await services.invitations.many.decideBatch(actor.id, batchId, approve ? { approve: true } : { approve: false, reason: cardText(data.reason) });
      return await cardFor(actor, batchId, '', services.clock());
    } catch (error) {
      if (error instanceof ValidationError) return cardFor(actor, batchId, translator(actor.locale)('approval.giveReason'));
      return cardFor(actor, batchId, errorText(error, undefined, actor.locale));
    }
  }

  /** The card as it now stands; a batch that cannot be shown is answered with why, as the invoke's message. */
  function answering(work: (actor: Reader, data: BatchApprovalData) => Promise<AdaptiveCard>) {
    return async (_context: TurnContext, actor: StaffActor, data: BatchApprovalData): Promise<AdaptiveCard | string> => {
      try {
        return await work(actor, data);
      } catch (error) {
        return errorText(error, undefined, actor.locale);
      }
    };
  }

  return {
    cardFor,
    approve: answering((actor, data) => decide(actor, data, true)),
    reject: answering((actor, data) => decide(actor, data, false)),
    refresh: answering((actor, data) => cardFor(actor, cardText(data.batchId))),
  };
}
