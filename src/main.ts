import type { Server } from 'node:http';
import { createBot } from '../bot/app.ts';
import { createNotifier } from '../bot/notices/notifier.ts';
import { StoreBotStorage } from '../bot/storage.ts';
import { createApp } from '../web/app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { openRuntime } from './runtime.ts';
import { startExpirySweep } from './services/notices/expiredUnused.ts';

/** `npm start`: the HTTP server (site, health, later the bot) on PORT, until SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config);
  let runtime;
  try {
    runtime = await openRuntime(config, logger);
  } catch (error) {
    logger.fatal({ err: error }, `cannot open the store: ${(error as Error).message}`);
    process.exit(1);
  }
  const bot = config.bot.enabled
    ? createBot({
      services: runtime.services, logger, storage: new StoreBotStorage(runtime.store.botState), botState: runtime.store.botState, credentials: config.bot.credentials,
      allowedTenants: config.bot.allowedTenants, adminObjectIds: config.bot.adminObjectIds, approvalRequiredForAll: config.bot.approvalRequiredForAll,
    })
    : null;
  if (bot && !config.bot.credentials) {
    logger.warn('BOT_ID and BOT_PASSWORD are not set: the bot at /api/messages accepts UNAUTHENTICATED activities (local use with the Agents Playground only)');
  }
  const app = createApp({
    store: runtime.store, services: runtime.services, logger, bot: bot?.handle,
    devMailbox: runtime.mailer.kind === 'dev-mailbox' && config.env !== 'production',
    site: config.site.enabled
      ? {
        organisationName: config.organisationName, publicBaseUrl: config.publicBaseUrl, redirectAllowlist: config.site.redirectAllowlist,
        openRegistration: config.site.openRegistration, sessionSecret: runtime.sessionSecret, microsoft: config.site.microsoft,
      }
      : undefined,
  });
  const notify = bot ? createNotifier({ adapter: bot.adapter, botAppId: config.bot.credentials?.appId ?? '', store: runtime.store, clock: runtime.context.clock }) : undefined;
  const worker = config.jobs.enabled ? runtime.createWorker({ notify }) : null;
  worker?.start();
  const expirySweep = worker && notify ? startExpirySweep({ store: runtime.store, clock: runtime.context.clock, logger }) : null;
  const server: Server = app.listen(config.port);
  server.on('error', (error) => {
    logger.fatal({ err: error }, `cannot listen on port ${config.port}: ${error.message}`);
    process.exit(1);
  });
  server.on('listening', () => {
    logger.info({ port: config.port, store: runtime.store.kind, mail: runtime.mailer.kind, jobs: worker ? 'on' : 'off', url: config.publicBaseUrl }, 'invite desk is listening');
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    server.close(async () => {
      await expirySweep?.stop();
      await worker?.stop();
      await runtime.close();
      clearTimeout(force);
      logger.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

await main();
