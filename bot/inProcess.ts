import type { Config } from '../src/config.ts';
import type { Logger } from '../src/logger.ts';
import type { Runtime } from '../src/runtime.ts';
import { createBot } from './app.ts';
import { createApprovalCards } from './notices/approvalCards.ts';
import { createNotifier } from './notices/notifier.ts';
import type { PersonalChats } from './notices/graphPersonalChats.ts';
import { personalChatMaker } from './notices/personalChat.ts';
import { StoreBotStorage } from './storage.ts';

/**
 * The bot as the server runs it: its endpoint handler and the notifier the job worker uses to
 * reach staff. `bin/server.ts` imports this module only when the bot is on, because botbuilder and
 * teams-ai are most of the start-up time and memory.
 */
export async function botInProcess(config: Config, runtime: Runtime, logger: Logger) {
  const bot = createBot({
    services: runtime.services, logger, storage: new StoreBotStorage(runtime.store.botState), botState: runtime.store.botState, credentials: config.bot.credentials,
    allowedTenants: config.bot.allowedTenants, adminObjectIds: config.bot.adminObjectIds,
  });
  if (!config.bot.credentials) {
    logger.warn('BOT_ID and BOT_PASSWORD are not set: the bot at /api/messages accepts UNAUTHENTICATED activities from this machine only, and replies only to this machine (local use with the Agents Playground)');
  }
  const botAppId = config.bot.credentials?.appId ?? '';
  const makeChat = personalChatMaker({ store: runtime.store, chats: await personalChats(config), serviceUrl: config.bot.proactive.serviceUrl, tenantId: config.mail.graph?.tenantId ?? '', botAppId });
  const notify = createNotifier({ adapter: bot.adapter, botAppId, store: runtime.store, clock: runtime.context.clock, replyPolicy: bot.replyPolicy, makeChat });
  const approvalCards = createApprovalCards({
    adapter: bot.adapter, botAppId, services: runtime.services, botState: runtime.store.botState, logger, clock: runtime.context.clock, replyPolicy: bot.replyPolicy, makeChat,
  });
  return { handle: bot.handle, notify, approvalCards };
}

/**
 * Installing the app for staff who never wrote to the bot needs the Graph settings and the app's
 * catalog id; without them, the Graph client and its identity library are not loaded at all.
 */
async function personalChats(config: Config): Promise<PersonalChats | null> {
  const { graph } = config.mail;
  const { catalogAppId } = config.bot.proactive;
  if (!graph || !catalogAppId) return null;
  const { createGraphPersonalChats } = await import('./notices/graphPersonalChats.ts');
  return createGraphPersonalChats({
    connection: { tenantId: graph.tenantId, clientId: graph.clientId, clientSecret: graph.clientSecret, graphBaseUrl: graph.baseUrl, authorityHost: graph.authorityHost },
    catalogAppId,
  });
}
