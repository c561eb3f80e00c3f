import { ConflictError } from '../../domain/errors.ts';
import type { LocalAccount } from '../../domain/localAccount.ts';
import type { EphemeralStore, LocalAccountStore } from '../port.ts';
import { isUniqueViolation, type Database } from './database.ts';

/* What the redeem site keeps: local accounts, and expiring records (sessions, tokens, rate counters). */

type AccountRow = { contact_id: string; email: string; password_hash: string; created_at: number; updated_at: number; via_invitation_id: string | null };
const toAccount = (row: AccountRow): LocalAccount => ({
  contactId: row.contact_id, email: row.email, passwordHash: row.password_hash, createdAt: new Date(row.created_at), updatedAt: new Date(row.updated_at),
  viaInvitationId: row.via_invitation_id,
});

const takenEmail = () => new ConflictError('An account with this e-mail already exists.');

export function sqliteLocalAccounts(db: Database): LocalAccountStore {
  return {
    async get(contactId) {
      const row = db.one<AccountRow>('SELECT * FROM local_accounts WHERE contact_id = ?', contactId);
      return row ? toAccount(row) : null;
    },
    async findByEmail(email) {
      const row = db.one<AccountRow>('SELECT * FROM local_accounts WHERE email = ?', email);
      return row ? toAccount(row) : null;
    },
    async save(account) {
      try {
        db.run(`INSERT INTO local_accounts (contact_id, email, password_hash, created_at, updated_at, via_invitation_id) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (contact_id) DO UPDATE SET email = excluded.email, password_hash = excluded.password_hash, updated_at = excluded.updated_at,
                  via_invitation_id = excluded.via_invitation_id`,
          account.contactId, account.email, account.passwordHash, account.createdAt.getTime(), account.updatedAt.getTime(), account.viaInvitationId ?? null);
      } catch (error) {
        if (isUniqueViolation(error)) throw takenEmail();
        throw error;
      }
    },
    async create(account) {
      try {
        db.run('INSERT INTO local_accounts (contact_id, email, password_hash, created_at, updated_at, via_invitation_id) VALUES (?, ?, ?, ?, ?, ?)',
          account.contactId, account.email, account.passwordHash, account.createdAt.getTime(), account.updatedAt.getTime(), account.viaInvitationId ?? null);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        throw /local_accounts\.email/.test((error as Error).message) ? takenEmail() : new ConflictError('This contact already has an account.');
      }
    },
    async remove(contactId) {
      return db.run('DELETE FROM local_accounts WHERE contact_id = ?', contactId).changes === 1;
    },
  };
}

/** How often counters sweep out expired records. */
const SWEEP_INTERVAL_MS = 60_000;

export function sqliteEphemeral(db: Database): EphemeralStore {
  let nextSweepAt = 0;
  const read = (namespace: string, key: string, now: Date) => {
    const row = db.one<{ value: string }>('SELECT value FROM ephemeral WHERE namespace = ? AND key = ? AND expires_at > ?', namespace, key, now.getTime());
    return row ? (JSON.parse(row.value) as Record<string, unknown>) : null;
  };
  return {
    async put(namespace, key, value, expiresAt) {
      db.run(`INSERT INTO ephemeral (namespace, key, value, expires_at) VALUES (?, ?, ?, ?)
              ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
        namespace, key, JSON.stringify(value), expiresAt.getTime());
    },
    async get(namespace, key, now) {
      return read(namespace, key, now);
    },
    async delete(namespace, key) {
      db.run('DELETE FROM ephemeral WHERE namespace = ? AND key = ?', namespace, key);
    },
    async take(namespace, key, now) {
      return db.transaction(() => {
        const value = read(namespace, key, now);
        db.run('DELETE FROM ephemeral WHERE namespace = ? AND key = ?', namespace, key);
        return value;
      });
    },
    async hit(namespace, key, windowMs, now, by = 1) {
      // Counters are the most frequent writers, so they sweep out what has expired, once a minute.
      if (now.getTime() >= nextSweepAt) {
        db.run('DELETE FROM ephemeral WHERE expires_at <= ?', now.getTime());
        nextSweepAt = now.getTime() + SWEEP_INTERVAL_MS;
      }
      // One statement, so atomic by itself: a live window counts on, an ended one starts again.
      const row = db.one<{ value: string; expires_at: number }>(`INSERT INTO ephemeral (namespace, key, value, expires_at) VALUES (?, ?, json_object('count', ?), ?)
        ON CONFLICT (namespace, key) DO UPDATE SET
          value = CASE WHEN ephemeral.expires_at > ? THEN json_object('count', coalesce(json_extract(ephemeral.value, '$.count'), 0) + ?) ELSE excluded.value END,
          expires_at = CASE WHEN ephemeral.expires_at > ? THEN ephemeral.expires_at ELSE excluded.expires_at END
        RETURNING value, expires_at`,
      namespace, key, by, now.getTime() + windowMs, now.getTime(), by, now.getTime())!;
      return { count: (JSON.parse(row.value) as { count: number }).count, resetAt: new Date(row.expires_at) };
    },
  };
}
