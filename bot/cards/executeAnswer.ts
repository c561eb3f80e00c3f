import type { TurnContext } from 'botbuilder';

const CARD_RESPONSE = 'application/vnd.microsoft.card.adaptive';
const MESSAGE_RESPONSE = 'application/vnd.microsoft.activity.message';

type ExecuteHandler<State, Data, Card> = (context: TurnContext, state: State, data: Data) => Promise<Card | string>;

/**
 * An Action.Execute handler whose card (or message) is the invoke's answer and nothing more.
 * teams-ai 1.7 (`AdaptiveCards.actionExecute`) also PUTs the card over the message ("replace for
 * all") whenever the card has a `refresh`, on every invoke, automatic refreshes included: each edit
 * makes Teams refresh the card again, in a loop. teams-ai sends nothing of its own once a turn has
 * its invoke response, so this answers first. Copies of a card elsewhere are brought up to date by
 * jobs (see bot/notices/approvalCards.ts), never in the turn of a click.
 */
export function answerOnly<State, Data, Card extends object>(handler: ExecuteHandler<State, Data, Card>): ExecuteHandler<State, Data, Card> {
  return async (context, state, data) => {
    const result = await handler(context, state, data);
    const body = typeof result === 'string'
      ? { statusCode: 200, type: MESSAGE_RESPONSE, value: result }
      : { statusCode: 200, type: CARD_RESPONSE, value: result };
    await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body } });
    return result;
  };
}
