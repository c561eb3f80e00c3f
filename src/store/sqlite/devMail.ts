import type { DevMail } from '../../domain/devMail.ts';
import type { DevMailStore } from '../port.ts';
import type { Database } from './database.ts';
import { listPage } from './paging.ts';

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
