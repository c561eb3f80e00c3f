import type { Server } from 'node:http';
import { createApp } from '../web/app.ts';
import { ConfigError, loadConfig, type Config } from '../src/config.ts';
import { exitDeadline } from '../src/exitDeadline.ts';
import { createLogger, type Logger } from '../src/logger.ts';
import { isLoopbackUrl } from '../src/loopback.ts';
import { openRuntime } from '../src/runtime.ts';
import { StoreUnavailableError } from '../src/store/unavailable.ts';
import { startExpirySweep } from '../src/services/notices/expiredUnused.ts';
import { queueExpiredEvents } from '../src/services/webhookEvents.ts';

/** How long a stop may take before the process exits anyway (`docker stop` waits 10 s, then kills). */
const STOP_DEADLINE_MS = 9_000;

/** `npm start` (through bin/server.ts): the HTTP server (site, health, bot) on PORT, until SIGTERM/SIGINT. */
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
    // An unreachable store is the operator's one line; anything else keeps its stack for whoever debugs it.
    if (error instanceof StoreUnavailableError) logger.fatal(`cannot open the store: ${error.message}`);
    else logger.fatal({ err: error }, `cannot open the store: ${(error as Error).message}`);
    process.exit(1);
  }
  const bot = config.bot.enabled ? await (await import('../bot/inProcess.ts')).botInProcess(config, runtime, logger) : null;
  const app = createApp({
    store: runtime.store, services: runtime.services, logger, bot: bot?.handle, trustProxy: config.trustProxy,
    devMailbox: config.mail.devMailbox,
    api: config.api.enabled ? { entra: config.api.entra, ratePerMinute: config.api.ratePerMinute } : undefined,
    site: config.site.enabled
      ? {
        organisationName: config.organisationName, publicBaseUrl: config.publicBaseUrl, redirectAllowlist: config.site.redirectAllowlist,
        branding: { organisationName: config.organisationName, ...config.branding }, dataDir: config.dataDir,
        openRegistration: config.site.openRegistration, sessionSecret: runtime.sessionSecret, microsoft: config.site.microsoft,
      }
      : undefined,
  });
  const notify = bot?.notify;
  const worker = config.jobs.enabled ? runtime.createWorker({ notify, approvalCards: bot?.approvalCards }) : null;
  worker?.start();
  const expirySweep = worker && notify ? startExpirySweep({ store: runtime.store, clock: runtime.context.clock, logger }) : null;
  const expiredEventSweep = worker ? startExpirySweep({ store: runtime.store, clock: runtime.context.clock, logger, queue: queueExpiredEvents, what: 'invitation.expired events' }) : null;
  const server: Server = app.listen(config.port);
  // Keep idle connections longer than the proxies in front usually do (60 s), so that a proxy never
  // sends a request down a connection this side is just closing (Node's default is 5 s).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on('error', (error) => {
    logger.fatal({ err: error }, `cannot listen on port ${config.port}: ${error.message}`);
    process.exit(1);
  });
  server.on('listening', () => {
    const devMailbox = config.mail.devMailbox ? `${config.publicBaseUrl}/dev/mail` : undefined;
    logger.info({ port: config.port, store: runtime.store.kind, mail: runtime.mailer.kind, jobs: worker ? 'on' : 'off', url: config.publicBaseUrl, devMailbox }, 'invite desk is listening');
    warnAboutMail(config, logger);
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    // Armed before anything else runs: should the main thread get stuck, a timer of its own never fires.
    await exitDeadline(STOP_DEADLINE_MS + 500).catch(() => undefined);
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error(`did not stop within ${STOP_DEADLINE_MS / 1000} s of ${signal}; exiting`);
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    server.close(() => {
      void (async () => {
        await expirySweep?.stop();
        await expiredEventSweep?.stop();
        await worker?.stop();
        await runtime.close();
        clearTimeout(force);
        logger.info('stopped');
        process.exit(0);
      })().catch((error: unknown) => {
        logger.error({ err: error }, 'could not stop cleanly; exiting');
        process.exit(1);
      });
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/** Mail that nobody reads, or that anyone can: both are worth a loud line. */
function warnAboutMail(config: Config, logger: Logger): void {
  if (config.mail.graph || !config.jobs.enabled) return;
  if (!config.mail.devMailbox) {
    logger.warn(`no Graph settings: mail is kept in the store and not sent, and nobody can read it (the dev mailbox is served only outside production with a loopback PUBLIC_BASE_URL). Set the GRAPH_ settings to send it, or DEV_MAILBOX=true to read it at ${config.publicBaseUrl}/dev/mail`);
  } else if (!isLoopbackUrl(config.publicBaseUrl)) {
    logger.warn(`DEV_MAILBOX=true: every invitation code and password reset link is readable by anyone who reaches ${config.publicBaseUrl}/dev/mail`);
  }
}

await main();
