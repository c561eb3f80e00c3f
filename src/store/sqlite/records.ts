import type { RedemptionActivity } from '../../domain/activity.ts';
import type { AuditEvent } from '../../domain/audit.ts';
import type { ActivityStore, AuditStore } from '../port.ts';
import type { Database } from './database.ts';
import { listPage, type Query } from './paging.ts';

/* Append-only records: redemption activities and audit events. */

type ActivityRow = {
  id: string; invitation_id: string; contact_id: string; at: number; ip: string | null; user_agent: string | null;
  account_id: string | null; web_role_ids: string; workflow: string | null;
};
type AuditRow = { id: string; at: number; actor: string; action: string; subject_id: string; detail: string };

export function insertAudit(db: Database, event: AuditEvent): void {
  db.run('INSERT INTO audit_events (id, at, actor, action, subject_id, detail) VALUES (?, ?, ?, ?, ?, ?)',
    event.id, event.at.getTime(), event.actor, event.action, event.subjectId, JSON.stringify(event.detail));
}

export function sqliteActivities(db: Database): ActivityStore {
  const toActivity = (row: ActivityRow): RedemptionActivity => ({
    id: row.id, invitationId: row.invitation_id, contactId: row.contact_id, at: new Date(row.at), ip: row.ip,
    userAgent: row.user_agent, accountId: row.account_id, webRoleIds: JSON.parse(row.web_role_ids), workflow: row.workflow,
  });
  return {
    async listForInvitation(invitationId, page) {
      const query: Query = { select: 'SELECT *, at AS created_at FROM redemption_activities', where: ['invitation_id = ?'], params: [invitationId] };
      return listPage(db, query, page, toActivity, (a) => a.at);
    },
  };
}

export function sqliteAudit(db: Database): AuditStore {
  const toEvent = (row: AuditRow): AuditEvent => ({
    id: row.id, at: new Date(row.at), actor: row.actor, action: row.action, subjectId: row.subject_id, detail: JSON.parse(row.detail),
  });
  return {
    async append(event) {
      insertAudit(db, event);
    },
    async listForSubject(subjectId, page) {
      const query: Query = { select: 'SELECT *, at AS created_at FROM audit_events', where: ['subject_id = ?'], params: [subjectId] };
      return listPage(db, query, page, toEvent, (e) => e.at);
    },
  };
}
