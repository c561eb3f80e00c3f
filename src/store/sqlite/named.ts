import { ConflictError } from '../../domain/errors.ts';
import type { NamedStore } from '../port.ts';
import { isUniqueViolation, type Database } from './database.ts';
import { inOrder } from '../inOrder.ts';
import { listPage } from './paging.ts';
import { insertAudit } from './records.ts';

type NamedRow = { id: string; name: string; created_at: number };
type Named = { id: string; name: string; createdAt: Date };

/** What refers to an account or a web role: contacts that hold it, invitations that give it. */
const IN_USE = {
  accounts: `SELECT 1 WHERE EXISTS (SELECT 1 FROM contacts WHERE parent_account_id = ?1 OR staff_account_id = ?1)
    OR EXISTS (SELECT 1 FROM invitations WHERE assign_to_account_id = ?1)`,
  web_roles: `SELECT 1 WHERE EXISTS (SELECT 1 FROM contact_web_roles WHERE web_role_id = ?1)
    OR EXISTS (SELECT 1 FROM invitations i, json_each(i.web_role_ids) given WHERE given.value = ?1)`,
};

/** Accounts and web roles share one shape: a table with a unique, case-insensitive name. */
export function sqliteNamed(db: Database, table: 'accounts' | 'web_roles', label: string): NamedStore<Named> {
  const toRecord = (row: NamedRow): Named => ({ id: row.id, name: row.name, createdAt: new Date(row.created_at) });
  return {
    async insert(record, audit) {
      try {
        db.transaction(() => {
          db.run(`INSERT INTO ${table} (id, name, name_key, created_at) VALUES (?, ?, ?, ?)`,
            record.id, record.name, record.name.toLowerCase(), record.createdAt.getTime());
          if (audit) insertAudit(db, audit);
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError(`${label} "${record.name}" already exists.`);
        throw error;
      }
    },
    async get(id) {
      const row = db.one<NamedRow>(`SELECT id, name, created_at FROM ${table} WHERE id = ?`, id);
      return row ? toRecord(row) : null;
    },
    async getMany(ids) {
      if (ids.length === 0) return [];
      const rows = db.all<NamedRow>(`SELECT id, name, created_at FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`, JSON.stringify(ids));
      return inOrder(ids, rows.map(toRecord));
    },
    async findByName(name) {
      const row = db.one<NamedRow>(`SELECT id, name, created_at FROM ${table} WHERE name_key = ?`, name.toLowerCase());
      return row ? toRecord(row) : null;
    },
    async list(page) {
      return listPage(db, { select: `SELECT id, name, created_at FROM ${table}`, where: [], params: [] }, page, toRecord, (r) => r.createdAt);
    },
    async rename(id, name) {
      try {
        if (db.run(`UPDATE ${table} SET name = ?, name_key = ? WHERE id = ?`, name, name.toLowerCase(), id).changes === 0) return null;
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError(`${label} "${name}" already exists.`);
        throw error;
      }
      return this.get(id);
    },
    async removeIfUnused(id) {
      return db.transaction(() => {
        if (!db.one(`SELECT 1 FROM ${table} WHERE id = ?`, id)) return 'missing';
        if (db.one(IN_USE[table], id)) return 'in-use';
        db.run(`DELETE FROM ${table} WHERE id = ?`, id);
        return 'removed';
      });
    },
  };
}
