import type { CustomTemplate } from '../../domain/mailTemplate.ts';
import type { TemplateStore } from '../port.ts';
import type { Database } from './database.ts';
import { insertAudit } from './records.ts';

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
    async put(t, audit) {
      db.transaction(() => {
        db.run(`INSERT INTO mail_templates (name, locale, subject, html, text, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (name, locale) DO UPDATE SET subject = excluded.subject, html = excluded.html, text = excluded.text,
                updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
          t.name, t.locale, t.subject, t.html, t.text, t.updatedBy, t.updatedAt.getTime());
        if (audit) insertAudit(db, audit);
      });
    },
    async remove(name, locale, audit) {
      return db.transaction(() => {
        const removed = db.run('DELETE FROM mail_templates WHERE name = ? AND locale = ?', name, locale).changes > 0;
        if (removed && audit) insertAudit(db, audit);
        return removed;
      });
    },
    async list() {
      return db.all<TemplateRow>('SELECT * FROM mail_templates ORDER BY name, locale').map(toTemplate);
    },
  };
}
