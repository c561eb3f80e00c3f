import type { DevMail } from '../../domain/devMail.ts';
import { ConflictError } from '../../domain/errors.ts';
import type { CustomTemplate } from '../../domain/mailTemplate.ts';
import { nextRateSlot } from '../../domain/rateSlot.ts';
import type { Workflow } from '../../domain/workflow.ts';
import type { DevMailStore, RateSlotStore, TemplateStore, WorkflowStore } from '../port.ts';
import { isUniqueViolation, type Database } from './database.ts';
import { listPage } from './paging.ts';

/* The smaller stores of the mail and workflow side: rate slots, templates, workflows, dev mailbox. */

export function sqliteRateSlots(db: Database): RateSlotStore {
  return {
    async reserve(key, intervalMs, now, maxWaitMs) {
      return db.transaction(() => {
        const row = db.one<{ next_at: number }>('SELECT next_at FROM rate_slots WHERE key = ?', key);
        const slot = nextRateSlot(row ? new Date(row.next_at) : null, now, intervalMs, maxWaitMs);
        if (!slot.ok) return slot;
        db.run('INSERT INTO rate_slots (key, next_at) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET next_at = excluded.next_at', key, slot.nextFreeAt.getTime());
        return { ok: true as const, at: slot.at };
      });
    },
  };
}

type TemplateRow = { name: CustomTemplate['name']; locale: CustomTemplate['locale']; subject: string; html: string; text: string; updated_by: string; updated_at: number };
const toTemplate = (row: TemplateRow): CustomTemplate => ({
  name: row.name, locale: row.locale, subject: row.subject, html: row.html, text: row.text, updatedBy: row.updated_by, updatedAt: new Date(row.updated_at),
});

export function sqliteTemplates(db: Database): TemplateStore {
  return {
    async get(name, locale) {
      const row = db.one<TemplateRow>('SELECT * FROM mail_templates WHERE name = ? AND locale = ?', name, locale);
      return row ? toTemplate(row) : null;
    },
    async put(t) {
      db.run(`INSERT INTO mail_templates (name, locale, subject, html, text, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
              ON CONFLICT (name, locale) DO UPDATE SET subject = excluded.subject, html = excluded.html, text = excluded.text,
              updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
        t.name, t.locale, t.subject, t.html, t.text, t.updatedBy, t.updatedAt.getTime());
    },
    async remove(name, locale) {
      return db.run('DELETE FROM mail_templates WHERE name = ? AND locale = ?', name, locale).changes > 0;
    },
    async list() {
      return db.all<TemplateRow>('SELECT * FROM mail_templates ORDER BY name, locale').map(toTemplate);
    },
  };
}

type WorkflowRow = { id: string; name: string; url: string; secret: string; created_at: number };
const toWorkflow = (row: WorkflowRow): Workflow => ({ id: row.id, name: row.name, url: row.url, secret: row.secret, createdAt: new Date(row.created_at) });

export function sqliteWorkflows(db: Database): WorkflowStore {
  return {
    async insert(w) {
      try {
        db.run('INSERT INTO workflows (id, name, name_key, url, secret, created_at) VALUES (?, ?, ?, ?, ?, ?)',
          w.id, w.name, w.name.toLowerCase(), w.url, w.secret, w.createdAt.getTime());
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
    async remove(name) {
      return db.run('DELETE FROM workflows WHERE name_key = ?', name.toLowerCase()).changes > 0;
    },
  };
}

type DevMailRow = { id: string; at: number; sender: string; recipient: string; subject: string; html: string; text: string };
const toDevMail = (row: DevMailRow): DevMail => ({
  id: row.id, at: new Date(row.at), from: row.sender, to: row.recipient, subject: row.subject, html: row.html, text: row.text,
});

export function sqliteDevMail(db: Database): DevMailStore {
  return {
    async append(mail) {
      db.run('INSERT INTO dev_mail (id, at, sender, recipient, subject, html, text) VALUES (?, ?, ?, ?, ?, ?, ?)',
        mail.id, mail.at.getTime(), mail.from, mail.to, mail.subject, mail.html, mail.text);
    },
    async list(page) {
      return listPage(db, { select: 'SELECT *, at AS created_at FROM dev_mail', where: [], params: [] }, page, toDevMail, (m) => m.at);
    },
  };
}
