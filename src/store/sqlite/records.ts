import type { SQLInputValue } from 'node:sqlite';
import type { InvitationActivity, RedemptionResetActivity } from '../../domain/activity.ts';
import type { AuditEvent } from '../../domain/audit.ts';
import { escapeLike } from '../cursor.ts';
import type { ActivityStore, AuditFilter, AuditStore } from '../port.ts';
import type { Database } from './database.ts';
import { listPage, type Query } from './paging.ts';

/* Append-only records: redemption activities and audit events. */

type ActivityRow = {
  id: string; invitation_id: string; contact_id: string; at: number; ip: string | null; user_agent: string | null;
  account_id: string | null; web_role_ids: string; workflow: string | null; kind: string; detail: string | null;
};

/** What a reset keeps in `detail` (JSON); its removed account and roles sit in the redemption's columns. */
type ResetDetail = Pick<RedemptionResetActivity, 'actor' | 'reason' | 'redemptionActivityId' | 'identities' | 'localAccountRemoved' | 'reissued'>;

export function insertResetActivity(db: Database, a: RedemptionResetActivity): void {
  const detail: ResetDetail = {
    actor: a.actor, reason: a.reason, redemptionActivityId: a.redemptionActivityId, identities: a.identities,
    localAccountRemoved: a.localAccountRemoved, reissued: a.reissued,
  };
  db.run(
    `INSERT INTO redemption_activities (id, invitation_id, contact_id, at, ip, user_agent, account_id, web_role_ids, workflow, kind, detail)
     VALUES (?, ?, ?, ?, NULL, NULL, ?, ?, NULL, 'redemption-reset', ?)`,
    a.id, a.invitationId, a.contactId, a.at.getTime(), a.accountId, JSON.stringify(a.webRoleIds), JSON.stringify(detail),
  );
}
type AuditRow = { id: string; at: number; actor: string; action: string; subject_id: string; detail: string };

export function insertAudit(db: Database, event: AuditEvent): void {
  db.run('INSERT INTO audit_events (id, at, actor, action, subject_id, detail) VALUES (?, ?, ?, ?, ?, ?)',
    event.id, event.at.getTime(), event.actor, event.action, event.subjectId, JSON.stringify(event.detail));
}

export function sqliteActivities(db: Database): ActivityStore {
  const toActivity = (row: ActivityRow): InvitationActivity => {
    const common = { id: row.id, invitationId: row.invitation_id, contactId: row.contact_id, at: new Date(row.at), accountId: row.account_id, webRoleIds: JSON.parse(row.web_role_ids) };
    if (row.kind === 'redemption-reset') return { kind: 'redemption-reset', ...common, ...(JSON.parse(row.detail!) as ResetDetail) };
    return { ...common, ip: row.ip, userAgent: row.user_agent, workflow: row.workflow };
  };
  return {
    async listForInvitation(invitationId, page) {
      const query: Query = { select: 'SELECT *, at AS created_at FROM redemption_activities', where: ['invitation_id = ?'], params: [invitationId] };
      return listPage(db, query, page, toActivity, (a) => a.at);
    },
  };
}

/** The WHERE conditions of an audit filter (see `AuditFilter`). */
function auditConditions(filter: AuditFilter): Pick<Query, 'where' | 'params'> {
  const where: string[] = [];
  const params: SQLInputValue[] = [];
  if (filter.actor !== undefined) { where.push('actor = ?'); params.push(filter.actor); }
  if (filter.subjectId !== undefined) { where.push('subject_id = ?'); params.push(filter.subjectId); }
  if (filter.action?.endsWith('*')) { where.push("action LIKE ? ESCAPE '\\'"); params.push(`${escapeLike(filter.action.slice(0, -1))}%`); }
  else if (filter.action !== undefined) { where.push('action = ?'); params.push(filter.action); }
  if (filter.since) { where.push('at >= ?'); params.push(filter.since.getTime()); }
  if (filter.until) { where.push('at < ?'); params.push(filter.until.getTime()); }
  return { where, params };
}

export function sqliteAudit(db: Database): AuditStore {
  const toEvent = (row: AuditRow): AuditEvent => ({
    id: row.id, at: new Date(row.at), actor: row.actor, action: row.action, subjectId: row.subject_id, detail: JSON.parse(row.detail),
  });
  return {
    async append(event) {
      insertAudit(db, event);
    },
    async appendMany(events) {
      db.transaction(() => { for (const event of events) insertAudit(db, event); });
    },
    async listForSubject(subjectId, page) {
      const query: Query = { select: 'SELECT *, at AS created_at FROM audit_events', where: ['subject_id = ?'], params: [subjectId] };
      return listPage(db, query, page, toEvent, (e) => e.at);
    },
    async list(filter, page) {
      const query: Query = { select: 'SELECT *, at AS created_at FROM audit_events', ...auditConditions(filter) };
      return listPage(db, query, page, toEvent, (e) => e.at);
    },
    async *stream(filter, batchSize = 500) {
      const base = auditConditions(filter);
      let last: { at: number; id: string } | null = null;
      for (;;) {
        const where: string[] = [...base.where, ...(last ? ['(at > ? OR (at = ? AND id > ?))'] : [])];
        const params: SQLInputValue[] = [...base.params, ...(last ? [last.at, last.at, last.id] : [])];
        const rows: AuditRow[] = db.all<AuditRow>(
          `SELECT * FROM audit_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at, id LIMIT ?`, ...params, batchSize);
        for (const row of rows) yield toEvent(row);
        if (rows.length < batchSize) return;
        const end: AuditRow = rows[rows.length - 1]!;
        last = { at: end.at, id: end.id };
      }
    },
  };
}
