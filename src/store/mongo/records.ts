import type { InvitationActivity, RedemptionActivity, RedemptionResetActivity } from '../../domain/activity.ts';
import type { AuditEvent } from '../../domain/audit.ts';
import { ConflictError } from '../../domain/errors.ts';
import type { ActivityStore, AuditStore } from '../port.ts';
import type { ActivityDoc, AuditDoc, Models } from './models.ts';
import { listPage } from './paging.ts';
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

export function mongoActivities(models: Models): ActivityStore {
  return {
    async listForInvitation(invitationId, page) {
      return listPage(models.activities, { invitationId }, page, toActivity, 'at');
    },
  };
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
    async listForSubject(subjectId, page) {
      return listPage(models.audit, { subjectId }, page, toEvent, 'at');
    },
  };
}
