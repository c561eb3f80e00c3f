import { isBrandingField, type StoredBrandingValue } from '../../domain/branding.ts';
import type { BrandingStore } from '../port.ts';
import type { Database } from './database.ts';
import { insertAudit } from './records.ts';

type BrandingRow = { field: string; value: string; updated_by: string; updated_at: number };

/** One row per stored field, so a change touches only its own fields. */
export function sqliteBranding(db: Database): BrandingStore {
  return {
    async get() {
      const stored: Record<string, StoredBrandingValue> = {};
      for (const row of db.all<BrandingRow>('SELECT field, value, updated_by, updated_at FROM branding')) {
        if (isBrandingField(row.field)) stored[row.field] = { value: row.value, updatedBy: row.updated_by, updatedAt: new Date(row.updated_at) };
      }
      return stored;
    },
    async change({ set, clear, by, at }, audit) {
      db.transaction(() => {
        for (const [field, value] of Object.entries(set)) {
          db.run(`INSERT INTO branding (field, value, updated_by, updated_at) VALUES (?, ?, ?, ?)
                  ON CONFLICT (field) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
          field, value, by, at.getTime());
        }
        for (const field of clear) db.run('DELETE FROM branding WHERE field = ?', field);
        if (audit) insertAudit(db, audit);
      });
    },
  };
}
