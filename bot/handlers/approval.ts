import type { AdaptiveCard } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { ValidationError } from '../../src/domain/errors.ts';
import { approvalCard } from '../approvalCard.ts';
import type { BotDependencies } from '../dependencies.ts';
import { translator } from '../i18n/translate.ts';
import type { StaffActor } from '../staffGate.ts';

/** Whom a card is for: who reads it and in which language. */
type Reader = Pick<StaffActor, 'id' | 'locale'>;
import { cardText } from './cardData.ts';
import { errorText, isUnknownInvitation } from './replies.ts';

type ApprovalData = { invitationId?: string; reason?: string };

/**
 * The approval card: Approve / Reject with `Action.Execute`, answered with the card as it now
 * stands (every posted copy is updated by a job), and refreshed on open for the approvers, so each
 * sees their buttons and everyone the current state and who decided. Someone whose role does not
 * allow the action gets a message, never the card, whatever the invitation.
 */
export function approvalHandlers(deps: BotDependencies) {
  const { services } = deps;

  function cardFor(actor: Reader, invitationId: string, error = '', decidedAt?: Date): Promise<AdaptiveCard> {
    return approvalCard(deps, invitationId, { viewer: actor.id, locale: actor.locale, view: 'decider', error, decidedAt });
  }

  async function decide(actor: Reader, data: ApprovalData, approve: boolean): Promise<AdaptiveCard> {
    const invitationId = cardText(data.invitationId);
    try {
      if (approve) await services.invitations.approve(actor.id, invitationId);
      else await services.invitations.reject(actor.id, invitationId, cardText(data.reason));
      return await cardFor(actor, invitationId, '', services.clock());
    } catch (error) {
      if (isUnknownInvitation(error)) throw error;
      return cardFor(actor, invitationId, error instanceof ValidationError ? translator(actor.locale)('approval.giveReason') : errorText(error, undefined, actor.locale));
    }
  }

  /** The card as it now stands; for an unknown invitation the one answer for that, as the message the invoke answers with. */
  function answering(work: (actor: Reader, data: ApprovalData) => Promise<AdaptiveCard>) {
    return async (_context: TurnContext, actor: StaffActor, data: ApprovalData): Promise<AdaptiveCard | string> => {
      try {
        return await work(actor, data);
      } catch (error) {
        return errorText(error, cardText(data.invitationId), actor.locale);
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
