import { ConflictError } from '../../domain/errors.ts';
import type { Workflow } from '../../domain/workflow.ts';
import type { WorkflowStore } from '../port.ts';
import { isUniqueViolation, type Database } from './database.ts';
import { insertAudit } from './records.ts';

type WorkflowRow = { id: string; name: string; url: string; secret: string; created_at: number };
const toWorkflow = (row: WorkflowRow): Workflow => ({ id: row.id, name: row.name, url: row.url, secret: row.secret, createdAt: new Date(row.created_at) });

export function sqliteWorkflows(db: Database): WorkflowStore {
  return {
    async insert(w, audit) {
      try {
        db.transaction(() => {
          db.run('INSERT INTO workflows (id, name, name_key, url, secret, created_at) VALUES (?, ?, ?, ?, ?, ?)',
            w.id, w.name, w.name.toLowerCase(), w.url, w.secret, w.createdAt.getTime());
          if (audit) insertAudit(db, audit);
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError(`A workflow named "${w.name}" already exists.`);
        throw error;
      }
    },
    async findByName(name) {
      const row = db.one<WorkflowRow>('SELECT * FROM workflows WHERE name_key = ?', name.toLowerCase());
      return row ? toWorkflow(row) : null;
    },
    async list() {
      return db.all<WorkflowRow>('SELECT * FROM workflows ORDER BY name_key').map(toWorkflow);
    },
    async remove(name, audit) {
      return db.transaction(() => {
        const removed = db.run('DELETE FROM workflows WHERE name_key = ?', name.toLowerCase()).changes > 0;
        if (removed && audit) insertAudit(db, audit);
        return removed;
      });
    },
  };
}
