import { ConflictError } from '../../domain/errors.ts';
import type { NamedStore } from '../port.ts';
import { isUniqueViolation, type Database } from './database.ts';
import { listPage } from './paging.ts';
import { insertAudit } from './records.ts';

type NamedRow = { id: string; name: string; created_at: number };
type Named = { id: string; name: string; createdAt: Date };

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
    async findByName(name) {
      const row = db.one<NamedRow>(`SELECT id, name, created_at FROM ${table} WHERE name_key = ?`, name.toLowerCase());
      return row ? toRecord(row) : null;
    },
    async list(page) {
      return listPage(db, { select: `SELECT id, name, created_at FROM ${table}`, where: [], params: [] }, page, toRecord, (r) => r.createdAt);
    },
  };
}
