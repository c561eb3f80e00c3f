import type { InvitationActivity, RedemptionActivity, RedemptionResetActivity } from '../../domain/activity.ts';
import type { AuditEvent } from '../../domain/audit.ts';
import { ConflictError } from '../../domain/errors.ts';
import type { ActivityStore, AuditFilter, AuditStore } from '../port.ts';
import type { ActivityDoc, AuditDoc, Models } from './models.ts';
import { listPage, startsWith } from './paging.ts';
import { isDuplicateKey } from './writes.ts';

/* Append-only records: redemption activities and audit events. */

/**
 * Free-form detail and payload objects are stored as their JSON form, which is what the SQLite
 * adapter keeps: a Date inside comes back as its ISO string on both, an undefined value goes.
 */
export const asJson = (value: Record<string, unknown>): Record<string, unknown> => JSON.parse(JSON.stringify(value ?? {}));

export const activityDoc = (a: RedemptionActivity): ActivityDoc => ({
  _id: a.id, invitationId: a.invitationId, contactId: a.contactId, at: a.at, ip: a.ip, userAgent: a.userAgent,
  accountId: a.accountId, webRoleIds: [...a.webRoleIds], workflow: a.workflow,
});

/** A reset keeps who, why and what it unlinked in `detail`; what it took away in the redemption's fields. */
export const resetActivityDoc = (a: RedemptionResetActivity): ActivityDoc => ({
  _id: a.id, invitationId: a.invitationId, contactId: a.contactId, at: a.at, ip: null, userAgent: null,
  accountId: a.accountId, webRoleIds: [...a.webRoleIds], workflow: null, kind: 'redemption-reset',
  detail: asJson({
    actor: a.actor, reason: a.reason, redemptionActivityId: a.redemptionActivityId, identities: a.identities,
    localAccountRemoved: a.localAccountRemoved, reissued: a.reissued,
  }),
});

export const toActivity = (doc: ActivityDoc): InvitationActivity => {
  const common = { id: doc._id, invitationId: doc.invitationId, contactId: doc.contactId, at: doc.at, accountId: doc.accountId ?? null, webRoleIds: [...(doc.webRoleIds ?? [])] };
  if (doc.kind === 'redemption-reset') return { kind: 'redemption-reset', ...common, ...(doc.detail as Omit<RedemptionResetActivity, keyof typeof common | 'kind'>) };
  return { ...common, ip: doc.ip ?? null, userAgent: doc.userAgent ?? null, workflow: doc.workflow ?? null };
};

export const auditDoc = (e: AuditEvent): AuditDoc => ({
  _id: e.id, at: e.at, actor: e.actor, action: e.action, subjectId: e.subjectId, detail: asJson(e.detail),
});

const toEvent = (doc: AuditDoc): AuditEvent => ({
  id: doc._id, at: doc.at, actor: doc.actor, action: doc.action, subjectId: doc.subjectId, detail: doc.detail ?? {},
});

/** Records the audit event of a change just written (MongoDB has no transaction to put both in). */
export async function appendAudit(audit: Models['audit'], event: AuditEvent | undefined): Promise<void> {
  if (event) await audit.create(auditDoc(event));
}

export function mongoActivities(models: Models): ActivityStore {
  return {
    async listForInvitation(invitationId, page) {
      return listPage(models.activities, { invitationId }, page, toActivity, 'at');
    },
  };
}

/** The query of an audit filter (see `AuditFilter`). */
function auditQuery(filter: AuditFilter): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  if (filter.actor !== undefined) query.actor = filter.actor;
  if (filter.subjectId !== undefined) query.subjectId = filter.subjectId;
  if (filter.action !== undefined) query.action = filter.action.endsWith('*') ? startsWith(filter.action.slice(0, -1)) : filter.action;
  if (filter.since || filter.until) query.at = { ...(filter.since ? { $gte: filter.since } : {}), ...(filter.until ? { $lt: filter.until } : {}) };
  return query;
}

export function mongoAudit(models: Models): AuditStore {
  return {
    async append(event) {
      try {
        await models.audit.create(auditDoc(event));
      } catch (error) {
        if (isDuplicateKey(error)) throw new ConflictError(`Audit event ${event.id} was already recorded.`);
        throw error;
      }
    },
    async appendMany(events) {
      if (events.length) await models.audit.insertMany(events.map(auditDoc), { ordered: true, lean: true });
    },
    async listForSubject(subjectId, page) {
      return listPage(models.audit, { subjectId }, page, toEvent, 'at');
    },
    async list(filter, page) {
      return listPage(models.audit, auditQuery(filter), page, toEvent, 'at');
    },
    async *stream(filter, batchSize = 500) {
      const base = auditQuery(filter);
      let last: { at: Date; id: string } | null = null;
      for (;;) {
        const query = last ? { $and: [base, { $or: [{ at: { $gt: last.at } }, { at: last.at, _id: { $gt: last.id } }] }] } : base;
        const docs = (await models.audit.find(query).sort({ at: 1, _id: 1 }).limit(batchSize).lean()) as unknown as AuditDoc[];
        for (const doc of docs) yield toEvent(doc);
        if (docs.length < batchSize) return;
        const end = docs[docs.length - 1]!;
        last = { at: end.at, id: end._id };
      }
    },
  };
}
