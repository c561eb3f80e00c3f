import type { Database } from './database.ts';

/**
 * Schema migrations, applied in order on open. Append new ones; never edit a released one.
 * Times are stored as epoch milliseconds, lists of ids as JSON text.
 */
const MIGRATIONS: string[] = [
  `
  CREATE TABLE accounts (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, name_key TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL);
  CREATE INDEX accounts_created ON accounts (created_at, id);

  CREATE TABLE web_roles (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, name_key TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL);
  CREATE INDEX web_roles_created ON web_roles (created_at, id);

  CREATE TABLE contacts (
    id TEXT PRIMARY KEY,
    first_name TEXT NOT NULL, last_name TEXT NOT NULL,
    primary_email TEXT UNIQUE, secondary_email TEXT, alternate_email TEXT,
    parent_account_id TEXT REFERENCES accounts (id),
    identities TEXT NOT NULL DEFAULT '[]',
    created_at INTEGER NOT NULL);
  CREATE INDEX contacts_created ON contacts (created_at, id);

  CREATE TABLE contact_web_roles (
    contact_id TEXT NOT NULL REFERENCES contacts (id), web_role_id TEXT NOT NULL REFERENCES web_roles (id),
    PRIMARY KEY (contact_id, web_role_id)) WITHOUT ROWID;

  CREATE TABLE staff (
    id TEXT PRIMARY KEY, display_name TEXT NOT NULL, roles TEXT NOT NULL, created_at INTEGER NOT NULL);
  CREATE INDEX staff_created ON staff (created_at, id);

  CREATE TABLE invitations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('single', 'group')),
    owner_id TEXT,
    code_lookup_key TEXT NOT NULL UNIQUE,
    code_sealed TEXT NOT NULL,
    expires_at INTEGER,
    inviter_contact_id TEXT REFERENCES contacts (id),
    assign_to_account_id TEXT REFERENCES accounts (id),
    workflow TEXT,
    web_role_ids TEXT NOT NULL,
    max_redemptions INTEGER NOT NULL CHECK (max_redemptions >= 1),
    remaining INTEGER NOT NULL CHECK (remaining >= 0 AND remaining <= max_redemptions),
    invited_count INTEGER NOT NULL,
    locale TEXT NOT NULL,
    redirect_url TEXT,
    lifecycle TEXT NOT NULL,
    decided_by TEXT,
    decision_reason TEXT,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    version INTEGER NOT NULL);
  CREATE INDEX invitations_created ON invitations (created_at, id);
  CREATE INDEX invitations_lifecycle ON invitations (lifecycle, created_at, id);
  CREATE INDEX invitations_owner ON invitations (owner_id, created_at, id);

  CREATE TABLE invitation_contacts (
    invitation_id TEXT NOT NULL REFERENCES invitations (id), position INTEGER NOT NULL,
    contact_id TEXT NOT NULL REFERENCES contacts (id),
    PRIMARY KEY (invitation_id, position)) WITHOUT ROWID;
  CREATE UNIQUE INDEX invitation_contacts_by_contact ON invitation_contacts (contact_id, invitation_id);

  CREATE TABLE redemptions (
    invitation_id TEXT NOT NULL REFERENCES invitations (id), contact_id TEXT NOT NULL REFERENCES contacts (id),
    activity_id TEXT NOT NULL, at INTEGER NOT NULL,
    PRIMARY KEY (invitation_id, contact_id)) WITHOUT ROWID;

  CREATE TABLE redemption_activities (
    id TEXT PRIMARY KEY, invitation_id TEXT NOT NULL, contact_id TEXT NOT NULL, at INTEGER NOT NULL,
    ip TEXT, user_agent TEXT, account_id TEXT, web_role_ids TEXT NOT NULL, workflow TEXT);
  CREATE INDEX redemption_activities_by_invitation ON redemption_activities (invitation_id, at, id);

  CREATE TABLE audit_events (
    id TEXT PRIMARY KEY, at INTEGER NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
    subject_id TEXT NOT NULL, detail TEXT NOT NULL);
  CREATE INDEX audit_events_by_subject ON audit_events (subject_id, at, id);

  CREATE TABLE jobs (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, payload TEXT NOT NULL, run_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL, state TEXT NOT NULL, created_at INTEGER NOT NULL);
  CREATE INDEX jobs_due ON jobs (state, run_at);
  CREATE INDEX jobs_created ON jobs (created_at, id);
  `,
  `
  ALTER TABLE jobs ADD COLUMN subject_id TEXT;
  ALTER TABLE jobs ADD COLUMN last_error TEXT;
  ALTER TABLE jobs ADD COLUMN lease_owner TEXT;
  ALTER TABLE jobs ADD COLUMN lease_until INTEGER;
  ALTER TABLE jobs ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX jobs_expired_leases ON jobs (state, lease_until);
  CREATE INDEX jobs_by_subject ON jobs (subject_id, kind, state);

  CREATE TABLE rate_slots (key TEXT PRIMARY KEY, next_at INTEGER NOT NULL) WITHOUT ROWID;

  CREATE TABLE mail_templates (
    name TEXT NOT NULL, locale TEXT NOT NULL, subject TEXT NOT NULL, html TEXT NOT NULL, text TEXT NOT NULL,
    updated_by TEXT NOT NULL, updated_at INTEGER NOT NULL, PRIMARY KEY (name, locale)) WITHOUT ROWID;

  CREATE TABLE workflows (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, name_key TEXT NOT NULL UNIQUE, url TEXT NOT NULL, secret TEXT NOT NULL,
    created_at INTEGER NOT NULL);

  CREATE TABLE dev_mail (
    id TEXT PRIMARY KEY, at INTEGER NOT NULL, sender TEXT NOT NULL, recipient TEXT NOT NULL, subject TEXT NOT NULL,
    html TEXT NOT NULL, text TEXT NOT NULL);
  CREATE INDEX dev_mail_at ON dev_mail (at, id);
  `,
  `
  CREATE TABLE contact_identities (
    issuer TEXT NOT NULL, subject TEXT NOT NULL, contact_id TEXT NOT NULL REFERENCES contacts (id),
    PRIMARY KEY (issuer, subject)) WITHOUT ROWID;

  CREATE TABLE local_accounts (
    contact_id TEXT PRIMARY KEY REFERENCES contacts (id), email TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);

  CREATE TABLE ephemeral (
    namespace TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, expires_at INTEGER NOT NULL,
    PRIMARY KEY (namespace, key)) WITHOUT ROWID;
  CREATE INDEX ephemeral_expiry ON ephemeral (expires_at);
  `,
  `
  CREATE TABLE bot_state (key TEXT PRIMARY KEY, value TEXT NOT NULL, etag TEXT NOT NULL, updated_at INTEGER NOT NULL);
  `,
  `
  ALTER TABLE contacts ADD COLUMN session_generation INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE contacts ADD COLUMN email_verified_at INTEGER;
  ALTER TABLE local_accounts ADD COLUMN via_invitation_id TEXT;
  CREATE INDEX contact_identities_by_contact ON contact_identities (contact_id);
  CREATE INDEX redemptions_by_contact ON redemptions (contact_id);
  CREATE INDEX redemption_activities_by_contact ON redemption_activities (contact_id);
  `,
  // Provenance of grants, for resetting a redemption: a role or account that no standing
  // redemption explains was given by staff. Activities gain resets beside redemptions.
  `
  ALTER TABLE contact_web_roles ADD COLUMN from_staff INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE contacts ADD COLUMN staff_account_id TEXT REFERENCES accounts (id);
  UPDATE contact_web_roles SET from_staff = 1 WHERE NOT EXISTS (
    SELECT 1 FROM redemptions r JOIN invitations i ON i.id = r.invitation_id, json_each(i.web_role_ids) given
    WHERE r.contact_id = contact_web_roles.contact_id AND given.value = contact_web_roles.web_role_id);
  UPDATE contacts SET staff_account_id = parent_account_id WHERE parent_account_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM redemptions r JOIN invitations i ON i.id = r.invitation_id
    WHERE r.contact_id = contacts.id AND i.assign_to_account_id = contacts.parent_account_id);
  ALTER TABLE redemption_activities ADD COLUMN kind TEXT NOT NULL DEFAULT 'redemption';
  ALTER TABLE redemption_activities ADD COLUMN detail TEXT;
  `,
  // The batch (`invite many`) an invitation was made in: its members are decided together.
  `
  ALTER TABLE invitations ADD COLUMN batch_id TEXT;
  `,
  // Where a staff member's notices go by mail when Teams cannot reach them.
  `
  ALTER TABLE staff ADD COLUMN email TEXT;
  `,
  // Webhook subscriptions and their delivery log (events out).
  `
  CREATE TABLE webhooks (
    id TEXT PRIMARY KEY, url TEXT NOT NULL, events TEXT NOT NULL, secret TEXT NOT NULL, enabled INTEGER NOT NULL,
    created_by TEXT NOT NULL, created_at INTEGER NOT NULL);
  CREATE TABLE webhook_deliveries (
    id TEXT PRIMARY KEY, subscription_id TEXT NOT NULL, event_id TEXT NOT NULL, event_type TEXT NOT NULL, event TEXT NOT NULL,
    status TEXT NOT NULL, attempts INTEGER NOT NULL, last_response_code INTEGER, last_error TEXT, last_attempt_at INTEGER,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
  CREATE INDEX webhook_deliveries_created ON webhook_deliveries (created_at, id);
  CREATE INDEX webhook_deliveries_by_subscription ON webhook_deliveries (subscription_id, created_at, id);
  CREATE INDEX webhook_deliveries_by_event ON webhook_deliveries (event_id);
  `,
  // The audit trail queried by actor, action and time (by subject had its index), standing
  // redemptions paged newest first per invitation, and the stats' time ranges.
  `
  CREATE INDEX audit_events_by_actor ON audit_events (actor, at, id);
  CREATE INDEX audit_events_by_action ON audit_events (action, at, id);
  CREATE INDEX audit_events_by_time ON audit_events (at, id);
  CREATE INDEX redemptions_by_invitation_time ON redemptions (invitation_id, at, contact_id);
  CREATE INDEX redemption_activities_by_time ON redemption_activities (at);
  CREATE INDEX invitations_by_expiry ON invitations (expires_at);
  `,
  // API keys for /api/v1: only their hash is kept.
  `
  CREATE TABLE api_keys (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, roles TEXT NOT NULL, hash TEXT NOT NULL UNIQUE, prefix TEXT NOT NULL,
    created_at INTEGER NOT NULL, created_by TEXT NOT NULL, revoked_at INTEGER, last_used_at INTEGER);
  CREATE INDEX api_keys_created ON api_keys (created_at, id);
  `,
  // Lifecycle: the days before expiry an invitation is reminded, and a draft's send time.
  `
  ALTER TABLE invitations ADD COLUMN reminder_days INTEGER;
  ALTER TABLE invitations ADD COLUMN send_at INTEGER;
  `,
  // The organisation's look as admins stored it over the environment's: one row per stored field.
  `
  CREATE TABLE branding (
    field TEXT PRIMARY KEY, value TEXT NOT NULL, updated_by TEXT NOT NULL, updated_at INTEGER NOT NULL) WITHOUT ROWID;
  `,
];

/** Brings the schema up to `target` (the latest by default; tests stop earlier to check a migration of old rows). */
export function migrate(db: Database, target = MIGRATIONS.length): void {
  db.raw.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  db.transaction(() => {
    const row = db.one<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations');
    for (let version = (row?.version ?? 0) + 1; version <= target; version++) {
      db.raw.exec(MIGRATIONS[version - 1]!);
      db.run('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)', version, Date.now());
    }
  });
}
