import type { AdaptiveCard } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { ValidationError } from '../../src/domain/errors.ts';
import { translator } from '../i18n/translate.ts';
import type { StaffActor } from '../staffGate.ts';
import { cardText } from './cardData.ts';
import { errorText, isUnknownInvitation } from './replies.ts';

/** Whom a card is for: who reads it and in which language. */
export type Reader = Pick<StaffActor, 'id' | 'locale'>;

/** What one kind of approval card (an invitation's, a batch's) needs to be decided on and shown. */
type DecisionCard<Data> = {
  /** The subject's id in the card's data. */
  idOf(data: Data): string;
  card(reader: Reader, id: string, error: string, decidedAt?: Date): Promise<AdaptiveCard>;
  decide(actor: Reader, id: string, approve: boolean, reason: string): Promise<unknown>;
  /** An unknown subject is answered with the one message for it, not a card. */
  unknownIsMessage: boolean;
  /** The service clock: when the decision was made, as the card says. */
  clock: () => Date;
};

/**
 * Approve / Reject / refresh of an approval card, each an `Action.Execute` answered with the card as
 * it now stands (every posted copy is updated by a job). A decision refused for what it is (no
 * reason, already decided, your own) shows why on the card; a card that cannot be shown at all is
 * answered with why, as the invoke's message.
 */
export function decisionCardHandlers<Data extends { reason?: string }>(kind: DecisionCard<Data>) {
  async function decide(actor: Reader, data: Data, approve: boolean): Promise<AdaptiveCard> {
    const id = kind.idOf(data);
    try {
      await kind.decide(actor, id, approve, cardText(data.reason));
      return await kind.card(actor, id, '', kind.clock());
    } catch (error) {
      if (kind.unknownIsMessage && isUnknownInvitation(error)) throw error;
      return kind.card(actor, id, error instanceof ValidationError ? translator(actor.locale)('approval.giveReason') : errorText(error, undefined, actor.locale));
    }
  }

  function answering(work: (actor: Reader, data: Data) => Promise<AdaptiveCard>) {
    return async (_context: TurnContext, actor: StaffActor, data: Data): Promise<AdaptiveCard | string> => {
      try {
        return await work(actor, data);
      } catch (error) {
        return errorText(error, kind.unknownIsMessage ? kind.idOf(data) : undefined, actor.locale);
      }
    };
  }

  return {
    cardFor: (reader: Reader, id: string) => kind.card(reader, id, ''),
    approve: answering((actor, data) => decide(actor, data, true)),
    reject: answering((actor, data) => decide(actor, data, false)),
    refresh: answering((actor, data) => kind.card(actor, kind.idOf(data), '')),
  };
}
