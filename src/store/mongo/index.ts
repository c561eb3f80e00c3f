import type { Store } from '../port.ts';
import { mongoApiKeys } from './apiKeys.ts';
import { mongoBotState } from './botState.ts';
import { mongoBranding } from './branding.ts';
import { connect, ping, type CommandObserver } from './connection.ts';
import { mongoContacts } from './contacts.ts';
import { mongoEphemeral, mongoLocalAccounts, sweepExpiredRecords } from './customerAccess.ts';
import { mongoInvitations } from './invitations.ts';
import { createIndexes, defineModels } from './models.ts';
import { mongoNamed } from './named.ts';
import { recoverPendingEffects, type RecoveryResult } from './effects.ts';
import { mongoDevMail } from './devMail.ts';
import { mongoRateSlots } from './rateSlots.ts';
import { mongoTemplates } from './templates.ts';
import { mongoWorkflows } from './workflows.ts';
import { mongoWebhookDeliveries, mongoWebhooks } from './webhooks.ts';
import { mongoJobs } from './jobs.ts';
import { mongoActivities, mongoAudit } from './records.ts';
import type { RedemptionHooks } from './redemption.ts';
import { mongoStaff } from './staff.ts';
import { mongoStats } from './stats.ts';

export type { RecoveryResult } from './effects.ts';

export type MongoStoreOptions = {
  /** How often to look for writes a crashed process left half applied, and to sweep expired records (default 30 s). */
  recoveryIntervalMs?: number;
  /** Told when a background recovery (or sweeping) pass fails; the next pass tries again. Default: a process warning. */
  onRecoveryError?: (error: unknown) => void;
  hooks?: RedemptionHooks;
  /** Told of every command sent to the server (to count store work); off unless given. */
  commands?: CommandObserver;
};

export type MongoStore = Store & {
  /** Completes (or undoes) every write left half applied by a crash. Runs at start and on a timer. */
  recover(): Promise<RecoveryResult>;
};

const RECOVERY_INTERVAL_MS = 30_000;

/**
 * Connects to MongoDB (or anything that speaks its protocol: Atlas, Cosmos DB, FerretDB), creates
 * the indexes, and completes any write a crash left half applied before handing the store out.
 */
export async function createMongoStore(uri: string, options: MongoStoreOptions = {}): Promise<MongoStore> {
  const connection = await connect(uri, options.commands);
  const models = defineModels(connection);
  try {
    await createIndexes(models);
    await recoverPendingEffects(models);
  } catch (error) {
    await connection.close(true).catch(() => undefined);
    throw error;
  }

  let running: Promise<RecoveryResult> | null = null;
  const recover = () => {
    running ??= recoverPendingEffects(models).finally(() => { running = null; });
    return running;
  };
  const onRecoveryError = options.onRecoveryError
    ?? ((error: unknown) => process.emitWarning(`MongoDB store: background recovery failed, will retry: ${error instanceof Error ? error.message : String(error)}`));
  const sweep = () => sweepExpiredRecords(models, new Date()).catch((error: unknown) => {
    throw new Error(`Sweeping expired records failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  });
  let maintaining: Promise<void> | null = null;
  const timer = setInterval(() => {
    maintaining ??= recover().then(sweep).then(() => undefined, onRecoveryError).finally(() => { maintaining = null; });
  }, options.recoveryIntervalMs ?? RECOVERY_INTERVAL_MS);
  timer.unref();

  return {
    kind: 'mongodb',
    contacts: mongoContacts(models),
    accounts: mongoNamed(models.accounts, 'Account', models.audit, async (id) =>
      Boolean(await models.contacts.exists({ $or: [{ parentAccountId: id }, { staffAccountId: id }] }) ?? await models.invitations.exists({ assignToAccountId: id }))),
    webRoles: mongoNamed(models.webRoles, 'Web role', models.audit, async (id) =>
      Boolean(await models.contacts.exists({ webRoleIds: id }) ?? await models.invitations.exists({ webRoleIds: id }))),
    staff: mongoStaff(models),
    invitations: mongoInvitations(models, options.hooks ?? {}),
    activities: mongoActivities(models),
    audit: mongoAudit(models),
    stats: mongoStats(models),
    jobs: mongoJobs(models),
    rateSlots: mongoRateSlots(models),
    templates: mongoTemplates(models),
    workflows: mongoWorkflows(models),
    branding: mongoBranding(models),
    webhooks: mongoWebhooks(models),
    webhookDeliveries: mongoWebhookDeliveries(models),
    devMail: mongoDevMail(models),
    localAccounts: mongoLocalAccounts(models),
    ephemeral: mongoEphemeral(models),
    botState: mongoBotState(models),
    apiKeys: mongoApiKeys(models),
    recover,
    ping: () => ping(connection),
    async close() {
      clearInterval(timer);
      await running?.catch(() => undefined);
      await maintaining?.catch(() => undefined);
      await connection.close();
    },
  };
}
