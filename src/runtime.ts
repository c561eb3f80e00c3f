import { hkdfSync } from 'node:crypto';
import { join } from 'node:path';
import { resolveCodeSecret } from './codeSecret.ts';
import type { Config } from './config.ts';
import { createCodeVault } from './domain/codeVault.ts';
import { jobHandlers } from './jobs/handlers/index.ts';
import { noticeSummaryHandler } from './jobs/handlers/noticeSummary.ts';
import { scheduledSendHandler } from './jobs/handlers/scheduledSend.ts';
import { JOB_KINDS } from './domain/jobKinds.ts';
import type { ApprovalCards, Notify } from './domain/notice.ts';
import { createWorker, type Worker } from './jobs/worker.ts';
import type { Logger } from './logger.ts';
import { createDevMailbox } from './mail/devMailbox.ts';
import type { Mailer } from './mail/mailer.ts';
import { pacedMailer } from './mail/pacedMailer.ts';
import { serviceContext, type ServiceContext } from './services/context.ts';
import { createServices, type Services } from './services/index.ts';
import { deadLetterNotices, deadLetterSummary } from './services/notices/deadLetters.ts';
import { withMailFallback } from './services/notices/mailFallback.ts';
import { webhookDeadLetter } from './services/webhookEvents.ts';
import type { Store } from './store/port.ts';
import { createSqliteStore } from './store/sqlite/index.ts';

/**
 * The composition root: picks the store and the mail transport, builds the services and the job
 * worker. Shared by the server and the CLI (which never starts the worker).
 */
export type Runtime = {
  config: Config;
  store: Store;
  context: ServiceContext;
  services: Services;
  mailer: Mailer;
  /** Signs session cookies; derived from the code secret so there is one secret to keep. */
  sessionSecret: string;
  /**
   * `notify`: how to reach staff in Teams (the bot's notifier), falling back to mail for those Teams
   * cannot reach; without it, notice jobs dead-letter (saying the bot is off) and dead letters tell no one.
   */
  createWorker(options?: { notify?: Notify; approvalCards?: ApprovalCards }): Worker;
  close(): Promise<void>;
};

export async function openRuntime(config: Config, logger: Logger): Promise<Runtime> {
  const store = await openStore(config, logger);
  const secret = resolveCodeSecret(config);
  const context = serviceContext({
    store, vault: createCodeVault(secret), adminObjectIds: config.bot.adminObjectIds, invitePolicy: config.invitations,
    redirectPolicy: { publicBaseUrl: config.publicBaseUrl, allowlist: config.site.redirectAllowlist },
    webhookPolicy: config.webhooks,
    branding: {
      environment: { organisationName: config.organisationName, ...config.branding }, fromEnvironment: config.brandingFromEnvironment,
      rules: config.brandingRules, dataDir: config.dataDir,
    },
  });
  await createServices(context).staff.ensureBootstrapAdmins(config.bot.adminObjectIds);
  const mailer = await openMailer(config, store, logger, context);
  const services = createServices(context);
  return {
    config,
    store,
    context,
    services,
    mailer,
    sessionSecret: Buffer.from(hkdfSync('sha256', secret, 'invite-desk', 'invite-desk/session', 32)).toString('base64url'),
    createWorker: ({ notify, approvalCards } = {}) => {
      const teamsOrMail = notify && withMailFallback(notify, { store, mailer, sender: config.mail.sender, organisationName: config.organisationName });
      return createWorker({
        store,
        logger,
        clock: context.clock,
        concurrency: config.jobs.concurrency,
        maxAttempts: config.jobs.maxAttempts,
        leaseMs: config.jobs.leaseMs,
        handlers: {
          ...jobHandlers({
            store, vault: context.vault, mailer, logger, newId: context.newId, clock: context.clock,
            publicBaseUrl: config.publicBaseUrl, mailSender: config.mail.sender, organisationName: config.organisationName,
            branding: { organisationName: config.organisationName, ...config.branding },
            currentBranding: (environment) => services.branding.current(environment),
            webhookTimeoutMs: 10_000, jobMaxAttempts: config.jobs.maxAttempts,
          }, teamsOrMail, approvalCards),
          [JOB_KINDS.deadLetterSummary]: noticeSummaryHandler(teamsOrMail, (window) => deadLetterSummary(store, window)),
          [JOB_KINDS.invitationScheduledSend]: scheduledSendHandler((id) => services.invitations.sendScheduled(id), logger),
        },
        onDeadLetter: async (job, reason) => {
          await webhookDeadLetter(store, job, reason, context.clock());
          if (notify) await store.jobs.enqueueMany(await deadLetterNotices(store, job, reason, config.bot.adminObjectIds, context.clock()));
        },
      });
    },
    close: () => store.close(),
  };
}

async function openStore(config: Config, logger: Logger): Promise<Store> {
  if (config.mongodbUri) {
    const { createMongoStore } = await import('./store/mongo/index.ts');
    return createMongoStore(config.mongodbUri, {
      onRecoveryError: (error) => logger.error({ err: error }, 'MongoDB background work (finishing interrupted writes, sweeping expired records) failed; will try again'),
    });
  }
  return createSqliteStore(join(config.dataDir, 'invite-desk.sqlite'));
}

async function openMailer(config: Config, store: Store, logger: Logger, context: ServiceContext): Promise<Mailer> {
  const { graph } = config.mail;
  if (!graph) return createDevMailbox(store, logger, context.newId, context.clock);
  const { createGraphMailer } = await import('./mail/graphMailer.ts');
  const mailer = createGraphMailer({
    tenantId: graph.tenantId, clientId: graph.clientId, clientSecret: graph.clientSecret, graphBaseUrl: graph.baseUrl, authorityHost: graph.authorityHost,
  });
  return pacedMailer(mailer, store, config.mail.ratePerMinute, { clock: context.clock });
}
