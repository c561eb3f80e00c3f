import type { Store } from '../port.ts';
import { sqliteApiKeys } from './apiKeys.ts';
import { sqliteBotState } from './botState.ts';
import { sqliteBranding } from './branding.ts';
import { sqliteContacts } from './contacts.ts';
import { sqliteEphemeral, sqliteLocalAccounts } from './customerAccess.ts';
import { openDatabaseFile, type DatabaseObserver } from './database.ts';
import { sqliteInvitations } from './invitations.ts';
import { migrate } from './migrations.ts';
import { sqliteNamed } from './named.ts';
import { sqliteDevMail } from './devMail.ts';
import { sqliteRateSlots } from './rateSlots.ts';
import { sqliteTemplates } from './templates.ts';
import { sqliteWorkflows } from './workflows.ts';
import { sqliteWebhookDeliveries, sqliteWebhooks } from './webhooks.ts';
import { sqliteJobs } from './jobs.ts';
import { sqliteActivities, sqliteAudit } from './records.ts';
import { sqliteStaff } from './staff.ts';
import { sqliteStats } from './stats.ts';

export type SqliteStoreOptions = {
  /** Told of every statement and transaction (to count store work); off unless given. */
  observer?: DatabaseObserver;
};

/** Opens (creating if needed) the SQLite store at `file` and brings its schema up to date. */
export function createSqliteStore(file: string, options: SqliteStoreOptions = {}): Store {
  const db = openDatabaseFile(file, options.observer);
  migrate(db);
  return {
    kind: 'sqlite',
    contacts: sqliteContacts(db),
    accounts: sqliteNamed(db, 'accounts', 'Account'),
    webRoles: sqliteNamed(db, 'web_roles', 'Web role'),
    staff: sqliteStaff(db),
    invitations: sqliteInvitations(db),
    activities: sqliteActivities(db),
    audit: sqliteAudit(db),
    stats: sqliteStats(db),
    jobs: sqliteJobs(db),
    rateSlots: sqliteRateSlots(db),
    templates: sqliteTemplates(db),
    workflows: sqliteWorkflows(db),
    branding: sqliteBranding(db),
    webhooks: sqliteWebhooks(db),
    webhookDeliveries: sqliteWebhookDeliveries(db),
    devMail: sqliteDevMail(db),
    localAccounts: sqliteLocalAccounts(db),
    ephemeral: sqliteEphemeral(db),
    botState: sqliteBotState(db),
    apiKeys: sqliteApiKeys(db),
    async ping() {
      db.one('SELECT 1');
    },
    async close() {
      db.close();
    },
  };
}
