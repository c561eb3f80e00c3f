import type { ConversationReference } from 'botbuilder';
import type { Store } from '../../src/store/port.ts';
import { rememberReference } from './conversationReferences.ts';
import type { PersonalChats } from './graphPersonalChats.ts';

/**
 * Makes the personal chat of a staff member who never wrote to the bot: the app is installed for
 * them (see graphPersonalChats.ts), and the chat Teams made becomes a conversation reference at
 * `serviceUrl` (the tenant's Teams region), remembered like one from their own turn. Null without
 * `chats` (no TEAMS_CATALOG_APP_ID or Graph settings): they cannot be reached in Teams.
 */
export function personalChatMaker(options: {
  store: Pick<Store, 'botState'>; chats: PersonalChats | null; serviceUrl: string; tenantId: string; botAppId: string;
}): (objectId: string) => Promise<Partial<ConversationReference> | null> {
  const { chats } = options;
  return async (objectId) => {
    if (!chats) return null;
    const id = objectId.trim().toLowerCase();
    const reference: Partial<ConversationReference> = {
      channelId: 'msteams',
      serviceUrl: options.serviceUrl,
      conversation: { id: await chats.chatIdFor(id), conversationType: 'personal', isGroup: false, tenantId: options.tenantId, name: '' },
      user: { id: '', aadObjectId: id, name: '' },
      bot: { id: `28:${options.botAppId}`, name: '' },
    };
    await rememberReference(options.store, id, reference);
    return reference;
  };
}
