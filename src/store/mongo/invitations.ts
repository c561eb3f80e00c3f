import { ConcurrentChangeError, ConflictError, NotFoundError } from '../../domain/errors.ts';
import type { Invitation } from '../../domain/invitation.ts';
import { decodeCursor, toPage } from '../cursor.ts';
import type { InvitationPatch, InvitationStore, NewInvitation } from '../port.ts';
import { casUpdate } from './cas.ts';
import { readContact, toContact } from './contacts.ts';
import { finishEffect } from './effects.ts';
import { jobDoc } from './jobs.ts';
import { tupleId, type InvitationContactDoc, type InvitationDoc, type Models, type PendingEffect, type RedemptionDoc } from './models.ts';
import { listPage, startsWith } from './paging.ts';
import { auditDoc } from './records.ts';
import { redeem, type RedemptionHooks } from './redemption.ts';
import { resetRedemption } from './resetRedemption.ts';
import { isDuplicateKey } from './writes.ts';
import { isKey } from './keys.ts';
import { insertInvitations } from './insertInvitations.ts';

const LINK_BATCH = 1000;
const PATCHABLE: readonly (keyof InvitationPatch)[] = ['lifecycle', 'expiresAt', 'decidedBy', 'decisionReason', 'updatedAt'];

function toInvitation(doc: InvitationDoc): Invitation {
  return {
    id: doc._id, name: doc.name, type: doc.type, ownerId: doc.ownerId ?? null,
    codeLookupKey: doc.codeLookupKey, codeSealed: doc.codeSealed, expiresAt: doc.expiresAt ?? null,
    inviterContactId: doc.inviterContactId ?? null, assignToAccountId: doc.assignToAccountId ?? null,
    workflow: doc.workflow ?? null, webRoleIds: [...(doc.webRoleIds ?? [])],
    maxRedemptions: doc.maxRedemptions, remaining: doc.remaining, invitedCount: doc.invitedCount,
    locale: doc.locale, redirectUrl: doc.redirectUrl ?? null, lifecycle: doc.lifecycle,
    decidedBy: doc.decidedBy ?? null, decisionReason: doc.decisionReason ?? null, createdBy: doc.createdBy,
    ...(doc.batchId ? { batchId: doc.batchId } : {}),
    ...(doc.reminderDays ? { reminderDays: doc.reminderDays } : {}),
    ...(doc.sendAt ? { sendAt: doc.sendAt } : {}),
    createdAt: doc.createdAt, updatedAt: doc.updatedAt, version: doc.version,
  };
}

export function mongoInvitations(models: Models, hooks: RedemptionHooks): InvitationStore {
  const { invitations, invitationContacts } = models;
  const read = async (id: string) => {
    if (!isKey(id)) return null;
    const doc = await invitations.findById(id).lean<InvitationDoc>();
    return doc ? toInvitation(doc) : null;
  };
  const insertOne = async ({ invitation, invitedContactIds, audit, jobs }: NewInvitation) => {
    const { id, ...fields } = invitation;
    const effect: PendingEffect = { id: audit.id, redemption: null, audit: auditDoc(audit), jobs: jobs.map(jobDoc) };
    try {
      for (let start = 0; start < invitedContactIds.length; start += LINK_BATCH) {
        const batch: InvitationContactDoc[] = invitedContactIds.slice(start, start + LINK_BATCH)
          .map((contactId, offset) => ({ _id: tupleId(id, contactId), invitationId: id, position: start + offset, contactId }));
        await invitationContacts.insertMany(batch, { ordered: true, lean: true });
      }
      await invitations.create({ _id: id, ...fields, webRoleIds: [...fields.webRoleIds], revision: 0, pending: [effect], pendingCount: 1 });
    } catch (error) {
      if (!(await invitations.exists({ _id: id }))) await invitationContacts.deleteMany({ invitationId: id });
      if (isDuplicateKey(error)) throw new ConflictError('That invitation code is already in use.', 'code lookup key collision');
      throw error;
    }
    await finishEffect(models, id, effect);
  };

  return {
    /**
     * The invited contacts go in first and the invitation (carrying its audit event and jobs as
     * a pending effect) last, so no reader ever sees an invitation with contacts missing.
     */
    insert: (invitation, invitedContactIds, audit, jobs = []) => insertOne({ invitation, invitedContactIds, audit, jobs }),

    insertMany: (entries) => insertInvitations(models, entries),

    get: read,

    async findByCodeLookupKey(lookupKey) {
      if (!isKey(lookupKey)) return null;
      const doc = await invitations.findOne({ codeLookupKey: lookupKey }).lean<InvitationDoc>();
      return doc ? toInvitation(doc) : null;
    },

    async list(filter, page) {
      const query: Record<string, unknown> = {};
      if (filter.status) {
        const { lifecycles, remaining, expiry, now } = filter.status;
        query.lifecycle = { $in: lifecycles };
        if (remaining === 'none') query.remaining = 0;
        if (remaining === 'some') query.remaining = { $gt: 0 };
        if (expiry === 'past') query.expiresAt = { $lte: now };
        if (expiry === 'future-or-none') query.$or = [{ expiresAt: null }, { expiresAt: { $gt: now } }];
      }
      if (filter.invitedContactId) {
        query._id = { $in: await invitationContacts.distinct('invitationId', { contactId: filter.invitedContactId }) };
      }
      if (filter.contactId) {
        const [invited, redeemed] = await Promise.all([
          invitationContacts.distinct('invitationId', { contactId: filter.contactId }),
          models.activities.distinct('invitationId', { contactId: filter.contactId }),
        ]);
        const ids = [...new Set([...invited, ...redeemed])];
        query._id = query._id ? { $in: ids.filter((id) => (query._id as { $in: string[] }).$in.includes(id)) } : { $in: ids };
      }
      if (filter.ownerId) query.ownerId = filter.ownerId;
      if (filter.staffId) {
        const mine = [{ ownerId: filter.staffId }, { createdBy: filter.staffId }];
        if (query.$or) {
          query.$and = [{ $or: query.$or }, { $or: mine }];
          delete query.$or;
        } else query.$or = mine;
      }
      if (filter.search) query.name = startsWith(filter.search);
      if (filter.accountId) query.assignToAccountId = String(filter.accountId);
      if (filter.createdFrom || filter.createdBefore) {
        query.createdAt = { ...(filter.createdFrom ? { $gte: filter.createdFrom } : {}), ...(filter.createdBefore ? { $lt: filter.createdBefore } : {}) };
      }
      return listPage(invitations, query, page, toInvitation);
    },

    async invitedContactIds(invitationId, page) {
      const after = page.after ? decodeCursor(page.after).at : -1;
      const links = await invitationContacts.find({ invitationId, position: { $gt: after } }, { _id: 0, position: 1, contactId: 1 })
        .sort({ position: 1 }).limit(page.limit + 1).batchSize(page.limit + 1).lean<Pick<InvitationContactDoc, 'position' | 'contactId'>[]>();
      const paged = toPage(links, page.limit, (link) => ({ at: link.position, id: '' }));
      return { items: paged.items.map((link) => link.contactId), next: paged.next };
    },

    async firstInvitedContactIds(invitationIds) {
      const keys = invitationIds.filter(isKey);
      if (!keys.length) return new Map();
      const links = await invitationContacts.find({ invitationId: { $in: keys }, position: 0 }, { _id: 0, invitationId: 1, contactId: 1 })
        .batchSize(keys.length + 1).lean<Pick<InvitationContactDoc, 'invitationId' | 'contactId'>[]>();
      return new Map(links.map((link) => [link.invitationId, link.contactId]));
    },

    async isInvited(invitationId, contactId) {
      return (await invitationContacts.exists({ _id: tupleId(invitationId, contactId) })) !== null;
    },

    async update(id, expectedVersion, patch, audit, jobs = []) {
      const set: InvitationPatch = {};
      for (const key of PATCHABLE) if (patch[key] !== undefined) Object.assign(set, { [key]: patch[key] });
      const effect: PendingEffect = { id: audit.id, redemption: null, audit: auditDoc(audit), jobs: jobs.map(jobDoc) };
      const written = await casUpdate(models.markers, invitations, id, (current) => {
        if (current.version !== expectedVersion) throw new ConcurrentChangeError('The invitation');
        return { ...set, version: current.version + 1, pending: [...current.pending, effect], pendingCount: current.pending.length + 1 };
      }, 'The invitation');
      if (!written) throw new NotFoundError('Invitation', id);
      await finishEffect(models, id, effect);
      return toInvitation(written);
    },

    async redeem(request) {
      const { invitation, contact } = await redeem(models, request, hooks);
      return { invitation: toInvitation(invitation), contact: toContact(contact) };
    },

    async resetRedemption(request) {
      if (!isKey(request.invitationId)) throw new NotFoundError('Invitation', String(request.invitationId));
      if (!isKey(request.contactId)) throw new NotFoundError('Contact', String(request.contactId));
      const activity = await resetRedemption(models, request, hooks);
      const [invitation, contact] = await Promise.all([read(request.invitationId), readContact(models, request.contactId)]);
      return { invitation: invitation!, contact: contact!, activity };
    },

    async redemptionsOf(contactId) {
      if (!isKey(contactId)) return [];
      const records = await models.redemptions.find({ contactId }).lean<RedemptionDoc[]>();
      return records
        .map((r) => ({ invitationId: r.invitationId, contactId: r.contactId, activityId: r.activityId, at: r.at }))
        .sort((a, b) => b.at.getTime() - a.at.getTime() || a.invitationId.localeCompare(b.invitationId));
    },

    async redeemers(invitationId, page) {
      if (!isKey(invitationId)) return { items: [], next: null };
      return listPage(models.redemptions, { invitationId }, page, (r: RedemptionDoc) => ({ invitationId: r.invitationId, contactId: r.contactId, activityId: r.activityId, at: r.at }), 'at');
    },
  };
}
