import type { ConversationReference, TurnContext } from 'botbuilder';
import type { Notify } from '../../src/domain/notice.ts';
import { PermanentJobError } from '../../src/domain/jobOutcomes.ts';
import { throttledRetry } from '../../src/domain/retryAfter.ts';
import type { Store } from '../../src/store/port.ts';
import { renderCard } from '../cards/render.ts';
import { serviceUrlAllowed, type ReplyPolicy } from '../serviceUrls.ts';
import { noticeTexts } from '../i18n/translate.ts';
import { conversationFor, languageOf } from './conversationReferences.ts';

/** The part of botbuilder's CloudAdapter (teams-ai's TeamsAdapter) that sends proactively. */
export type ProactiveAdapter = {
  continueConversationAsync(botAppId: string, reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
};

/**
 * Sends notices as a card in the person's personal chat with the bot, in their language (see
 * `languageOf`; a notice with a message key is worded from the bot's catalog). Someone who never wrote to
 * the bot, or who removed or blocked it, or whose chat is at a serviceUrl the reply policy (Bot
 * Framework hosts unless said) does not allow (see serviceUrls.ts), cannot be reached: PermanentJobError. Throttling asks to
 * be retried after Retry-After; anything else throws as it is, to be retried.
 */
export function createNotifier(options: {
  adapter: ProactiveAdapter; botAppId: string; store: Pick<Store, 'botState'>; clock?: () => Date; replyPolicy?: ReplyPolicy;
  /** For someone who never wrote to the bot: their chat made another way (personalChat.ts), or null. */
  makeChat?: (objectId: string) => Promise<Partial<ConversationReference> | null>;
}): Notify {
  const clock = options.clock ?? (() => new Date());
  const replyPolicy = options.replyPolicy ?? 'bot-framework';
  return async (to, englishTitle, englishText, color = 'Default', message) => {
    const reference = (await conversationFor(options.store, to)) ?? (await options.makeChat?.(to)) ?? null;
    if (!reference) throw new PermanentJobError(`${to} has not talked to the bot yet, so Teams notices cannot reach them.`);
    if (!serviceUrlAllowed(reference.serviceUrl ?? '', replyPolicy)) {
      throw new PermanentJobError(`${to}'s chat with the bot is at ${String(reference.serviceUrl).slice(0, 200)}, where this bot does not send (${replyPolicy === 'loopback' ? 'without BOT_ID, only to this machine' : 'only to Bot Framework hosts'}).`);
    }
    const locale = languageOf(reference);
    const { title, text } = noticeTexts(locale, { title: englishTitle, text: englishText }, message);
    const failures: unknown[] = [];
    await options.adapter.continueConversationAsync(options.botAppId, reference, async (context) => {
      // Caught here: a failure thrown out of the logic would go to the adapter's turn error handler,
      // which answers the user instead of failing the job.
      try {
        await context.sendActivity({ summary: title, attachments: [renderCard('notice', { title, text, color }, locale)] });
      } catch (error) {
        failures.push(error);
      }
    });
    if (failures.length) throw sendFailure(to, failures[0], clock());
  };
}

/** Teams throttles a bot with 429; any other failure, 503 included, is retried with back-off. */
const TEAMS_THROTTLING = [429];

export function sendFailure(to: string, error: unknown, now: Date): Error {
  const { statusCode, response } = (error ?? {}) as { statusCode?: number; response?: { headers?: { get?(name: string): string | null | undefined } } };
  const reason = `Teams did not take the notice for ${to}: ${error instanceof Error ? error.message : String(error)}`;
  if (statusCode === 403 || statusCode === 404) return new PermanentJobError(`${to} cannot be reached in Teams any more (the app was removed or the bot blocked; ${statusCode}).`);
  return throttledRetry({ status: statusCode, retryAfter: response?.headers?.get?.('retry-after') }, now.getTime(), reason, TEAMS_THROTTLING)
    ?? (error instanceof Error ? error : new Error(reason));
}
