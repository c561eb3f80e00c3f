import { isDeepStrictEqual } from 'node:util';
import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { Store } from '../../src/store/port.ts';
import { localeOf, type BotLocale } from '../i18n/locale.ts';

const referenceKey = (objectId: string) => `conversation-reference/${objectId.trim().toLowerCase()}`;

/**
 * Remembers where a person's personal chat with the bot is, so that notices can reach them later
 * (from any process). Looked at on every turn in personal chat, so it follows a reinstalled app; other
 * conversations (group chats, channels) are not theirs alone and are left out. The reference keeps
 * the activity's `locale` too: the language notices are then written in (see `languageOf`).
 */
export async function rememberConversation(store: Pick<Store, 'botState'>, activity: Partial<Activity>): Promise<void> {
  const objectId = activity.from?.aadObjectId;
  if (!objectId || activity.conversation?.conversationType !== 'personal') return;
  const { activityId: _inThisTurnOnly, ...reference } = TurnContext.getConversationReference(activity);
  await rememberReference(store, objectId, reference);
}

/**
 * Remembers a personal chat the bot found another way (the app installed for the person). A
 * reference already stored as it is is not written again: most turns come from the same chat,
 * and a read is one round trip where a write is three on MongoDB. One this process saw stored in
 * the last few minutes is not even read again.
 */
export async function rememberReference(store: Pick<Store, 'botState'>, objectId: string, reference: Partial<ConversationReference>): Promise<void> {
  const key = referenceKey(objectId);
  const asJson = JSON.stringify(reference);
  const seen = seenStored(store.botState);
  if (seen.knows(key, asJson)) return;
  const stored = (await store.botState.read([key]))[key]?.value;
  if (!stored || !isDeepStrictEqual(stored, JSON.parse(asJson))) await store.botState.write(key, reference, null);
  seen.remember(key, asJson);
}

/** How long a reference this process saw stored is taken as still stored (another process may have stored a newer one). */
const SEEN_FOR_MS = 5 * 60_000;
const SEEN_AT_MOST = 10_000;

/**
 * The references this process saw stored lately, per store: a turn from the same chat within
 * SEEN_FOR_MS needs no read. Bounded: past SEEN_AT_MOST people the oldest are forgotten (they are
 * read again on their next turn).
 */
const seenByStore = new WeakMap<object, ReturnType<typeof seenReferences>>();

function seenStored(botState: object) {
  let seen = seenByStore.get(botState);
  if (!seen) seenByStore.set(botState, (seen = seenReferences()));
  return seen;
}

function seenReferences() {
  const seen = new Map<string, { asJson: string; until: number }>();
  return {
    knows: (key: string, asJson: string) => {
      const entry = seen.get(key);
      return entry !== undefined && entry.asJson === asJson && Date.now() < entry.until;
    },
    remember(key: string, asJson: string) {
      seen.delete(key);
      seen.set(key, { asJson, until: Date.now() + SEEN_FOR_MS });
      if (seen.size > SEEN_AT_MOST) seen.delete(seen.keys().next().value!);
    },
  };
}

/** The reference to the person's personal chat with the bot, or null if they never wrote to it. */
export async function conversationFor(store: Pick<Store, 'botState'>, objectId: string): Promise<Partial<ConversationReference> | null> {
  const key = referenceKey(objectId);
  const reference = (await store.botState.read([key]))[key]?.value as Partial<ConversationReference> | undefined;
  return reference?.conversation?.id && reference.serviceUrl ? reference : null;
}

/** The language to write in to a conversation: a personal chat's person's (as their last message's locale), English anywhere shared. */
export function languageOf(reference: Partial<ConversationReference> | null | undefined): BotLocale {
  return reference?.conversation?.conversationType === 'personal' ? localeOf(reference.locale) : 'en';
}
