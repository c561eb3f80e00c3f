import type { InvitationActivity, RedemptionResetActivity } from '../../domain/activity.ts';
import type { AuditEvent } from '../../domain/audit.ts';
import type { ActivityStore, AuditStore } from '../port.ts';
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
