import type { ApiKey, ApiRole } from '../../domain/apiClient.ts';
import { ConflictError } from '../../domain/errors.ts';
import type { ApiKeyStore } from '../port.ts';
import { isUniqueViolation, type Database } from './database.ts';
import { listPage } from './paging.ts';

type ApiKeyRow = {
  id: string; name: string; roles: string; hash: string; prefix: string; created_at: number; created_by: string;
  revoked_at: number | null; last_used_at: number | null;
};

const toKey = (row: ApiKeyRow): ApiKey => ({
  id: row.id, name: row.name, roles: JSON.parse(row.roles) as ApiRole[], hash: row.hash, prefix: row.prefix,
  createdAt: new Date(row.created_at), createdBy: row.created_by,
  revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at),
  lastUsedAt: row.last_used_at === null ? null : new Date(row.last_used_at),
});

export function sqliteApiKeys(db: Database): ApiKeyStore {
  return {
    async insert(key) {
      try {
        db.run(
          `INSERT INTO api_keys (id, name, roles, hash, prefix, created_at, created_by, revoked_at, last_used_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          key.id, key.name, JSON.stringify(key.roles), key.hash, key.prefix, key.createdAt.getTime(), key.createdBy,
          key.revokedAt?.getTime() ?? null, key.lastUsedAt?.getTime() ?? null,
        );
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError('This API key exists already.');
        throw error;
      }
    },
    async get(id) {
      const row = db.one<ApiKeyRow>('SELECT * FROM api_keys WHERE id = ?', id);
      return row ? toKey(row) : null;
    },
    async findByHash(hash) {
      const row = db.one<ApiKeyRow>('SELECT * FROM api_keys WHERE hash = ?', hash);
      return row ? toKey(row) : null;
    },
    async list(page) {
      return listPage(db, { select: 'SELECT * FROM api_keys', where: [], params: [] }, page, toKey, (k) => k.createdAt);
    },
    async revoke(id, at) {
      return db.run('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', at.getTime(), id).changes > 0;
    },
    async markUsed(id, at) {
      db.run('UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)', at.getTime(), id, at.getTime());
    },
  };
}
