import { TurnContext, type Activity, type ConversationParameters } from 'botbuilder';
import type { BotStateStore } from '../src/store/port.ts';
import type { Logger } from '../src/logger.ts';
import { tenantOf } from './access.ts';
import { conversationFor } from './notices/conversationReferences.ts';

/** A group chat or a team's channel: everyone in it reads what the bot answers there. */
export function isSharedConversation(activity: Partial<Activity>): boolean {
  const type = activity.conversation?.conversationType;
  return type === 'groupChat' || type === 'channel' || activity.conversation?.isGroup === true;
}

/** The mentions of the bot in the activity (how people address it in a shared conversation). */
function botMentions(activity: Partial<Activity>): { text?: unknown }[] {
  const bot = activity.recipient?.id;
  return (activity.entities ?? []).filter((entity): entity is { type: string; text?: unknown } => {
    const mentioned = (entity as { mentioned?: { id?: unknown } } | null)?.mentioned;
    return typeof entity?.type === 'string' && entity.type.toLowerCase() === 'mention' && mentioned?.id === bot;
  });
}

/**
 * The activity's text without the @mention of the bot, so that "@Invite Desk status x" routes as
 * "status x". (teams-ai removes the first mention's exact text; this also takes the rest.)
 */
export function withoutBotMention(activity: Partial<Activity>): string {
  let text = activity.text ?? '';
  for (const mention of botMentions(activity)) if (typeof mention.text === 'string' && mention.text) text = text.split(mention.text).join(' ');
  return text.trim();
}

/** Text in a shared conversation that does not address the bot (a channel message it may read) is not for it. */
export function addressesBot(activity: Partial<Activity>): boolean {
  return activity.type !== 'message' || !activity.text?.trim() || botMentions(activity).length > 0;
}

/** The one line a shared conversation gets instead of an answer; none names an invitation. */
export const SHARED_CONVERSATION_LINES = {
  answered: 'I answered you in our personal chat, so that invitation details stay out of this conversation.',
  unreachable: 'I could not reach you in a personal chat, and I do not show invitation details here. Open Invite Desk from Apps in Teams and ask me there.',
  personalOnly: 'Invite Desk shows invitation details only in your personal chat with it.',
} as const;

const CARD_RESPONSE = 'application/vnd.microsoft.card.adaptive';
const MESSAGE_RESPONSE = 'application/vnd.microsoft.activity.message';
/** botbuilder types the audience as a string; undefined means the channel's default. */
const DEFAULT_AUDIENCE = undefined as unknown as string;

type InvokeResponseValue = { status?: number; body?: { statusCode?: number; type?: string; value?: unknown } };

/**
 * Answers a turn from a shared conversation in the speaker's personal chat. Every message the
 * handlers send this turn goes there instead; the shared conversation gets one line saying so (or
 * that the personal chat could not be reached). A card action's answer (Action.Execute) is a
 * message to the one who clicked, never a card, and the card goes to their personal chat; no
 * message in the shared conversation is edited. So handlers answer as they always do, and nothing
 * they show reaches the other members.
 *
 * The personal chat is the one remembered for the speaker (the reference notices use), else a 1:1
 * conversation made through the connector with the tenant and the speaker's id.
 */
export function answerInPersonalChat(context: TurnContext, deps: { botState: BotStateStore; logger: Logger }): void {
  let toldShared = false;
  context.onUpdateActivity(async () => {
    deps.logger.info('a message in a shared conversation was left as it is instead of being updated');
  });
  context.onSendActivities(async (turn, activities, next) => {
    const clicked = turn.activity.type === 'invoke' && (turn.activity.value as { trigger?: unknown } | undefined)?.trigger !== 'automatic';
    const personal = activities.filter((activity) => activity.type === 'message').map(content);
    if (clicked) personal.push(...activities.flatMap(cardsIn).map((card) => ({ type: 'message', attachments: [{ contentType: CARD_RESPONSE, content: card }] })));
    const reached = personal.length === 0 || await sendPersonally(turn, personal, deps);
    const line = !reached ? SHARED_CONVERSATION_LINES.unreachable : personal.length ? SHARED_CONVERSATION_LINES.answered : SHARED_CONVERSATION_LINES.personalOnly;

    const kept = activities.filter((activity) => activity.type !== 'message').map((activity) => (cardsIn(activity).length ? asMessageResponse(activity, line) : activity));
    if (turn.activity.type === 'message' && personal.length && !toldShared) {
      toldShared = true;
      kept.push(TurnContext.applyConversationReference({ type: 'message', text: line }, TurnContext.getConversationReference(turn.activity)));
    }
    activities.splice(0, activities.length, ...kept);
    return kept.length ? next() : [];
  });
}

/** What an activity says, without where it was addressed (the shared conversation). */
function content(activity: Partial<Activity>): Partial<Activity> {
  const { id: _id, conversation: _conversation, replyToId: _replyToId, from: _from, recipient: _recipient, serviceUrl: _serviceUrl, channelId: _channelId, ...rest } = activity;
  return rest;
}

function cardsIn(activity: Partial<Activity>): unknown[] {
  const body = activity.type === 'invokeResponse' ? (activity.value as InvokeResponseValue | undefined)?.body : undefined;
  return body?.type === CARD_RESPONSE ? [body.value] : [];
}

function asMessageResponse(activity: Partial<Activity>, line: string): Partial<Activity> {
  return { ...activity, value: { status: 200, body: { statusCode: 200, type: MESSAGE_RESPONSE, value: line } } };
}

async function sendPersonally(context: TurnContext, activities: Partial<Activity>[], deps: { botState: BotStateStore; logger: Logger }): Promise<boolean> {
  const { activity, adapter } = context;
  // The bot's app id is the audience of the token this turn came with ('' when unauthenticated).
  const identity = context.turnState.get<{ getClaimValue?(type: string): string | null } | undefined>(adapter.BotIdentityKey);
  const botAppId = identity?.getClaimValue?.('aud') ?? '';
  const failures: unknown[] = [];
  const send = async (personal: TurnContext) => {
    // Caught here: thrown out of the logic, a failure would reach the turn error handler, which answers in the shared conversation.
    try {
      await personal.sendActivities(activities);
    } catch (error) {
      failures.push(error);
    }
  };
  try {
    const reference = activity.from?.aadObjectId ? await conversationFor({ botState: deps.botState }, activity.from.aadObjectId) : null;
    if (reference) {
      await adapter.continueConversationAsync(botAppId, reference, send);
    } else {
      const tenantId = tenantOf(activity) ?? undefined;
      const parameters = {
        isGroup: false, bot: activity.recipient, members: [{ id: activity.from.id, name: activity.from.name }],
        tenantId, channelData: { tenant: { id: tenantId } },
      } as ConversationParameters;
      await adapter.createConversationAsync(botAppId, activity.channelId, activity.serviceUrl, DEFAULT_AUDIENCE, parameters, send);
    }
  } catch (error) {
    failures.push(error);
  }
  if (failures.length) deps.logger.warn({ err: failures[0], user: activity.from?.aadObjectId }, 'could not answer in the personal chat of someone who wrote in a shared conversation');
  return failures.length === 0;
}
