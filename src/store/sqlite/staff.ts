import type { StaffMember } from '../../domain/staff.ts';
import type { StaffStore } from '../port.ts';
import type { Database } from './database.ts';
import { listPage } from './paging.ts';
import { insertAudit } from './records.ts';

type StaffRow = { id: string; display_name: string; roles: string; created_at: number; email: string | null };

const toMember = (row: StaffRow): StaffMember => ({
  id: row.id, displayName: row.display_name, roles: JSON.parse(row.roles), createdAt: new Date(row.created_at),
  ...(row.email ? { email: row.email } : {}),
});

export function sqliteStaff(db: Database): StaffStore {
  return {
    async upsert(member, audit) {
      db.transaction(() => {
        db.run(
          `INSERT INTO staff (id, display_name, roles, created_at, email) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name, roles = excluded.roles, email = excluded.email`,
          member.id, member.displayName, JSON.stringify(member.roles), member.createdAt.getTime(), member.email ?? null,
        );
        if (audit) insertAudit(db, audit);
      });
    },
    async get(id) {
      const row = db.one<StaffRow>('SELECT * FROM staff WHERE id = ?', id);
      return row ? toMember(row) : null;
    },
    async list(page) {
      return listPage(db, { select: 'SELECT * FROM staff', where: [], params: [] }, page, toMember, (m) => m.createdAt);
    },
    async remove(id, audit) {
      return db.transaction(() => {
        const removed = db.run('DELETE FROM staff WHERE id = ?', id).changes > 0;
        if (removed && audit) insertAudit(db, audit);
        return removed;
      });
    },
  };
}
