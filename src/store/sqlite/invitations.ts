import type { SQLInputValue } from 'node:sqlite';
import type { AuditEvent } from '../../domain/audit.ts';
import { ConcurrentChangeError, ConflictError, NotFoundError, NotRedeemedError } from '../../domain/errors.ts';
import { redemptionGrant } from '../../domain/contact.ts';
import type { Invitation } from '../../domain/invitation.ts';
import { redemptionRefusal } from '../../domain/redemptionRules.ts';
import { escapeLike, toPage, decodeCursor } from '../cursor.ts';
import type { InvitationStore, NewInvitation, RedemptionReset, RedemptionResetRequest } from '../port.ts';
import type { RedemptionResetActivity } from '../../domain/activity.ts';
import { resetRemovals } from '../../domain/redemptionReset.ts';
import { addWebRoles, readContact, readRedeemer, removeIdentities } from './contacts.ts';
import { isUniqueViolation, type Database } from './database.ts';
import { insertRows } from './manyRows.ts';
import { listPage, type Query } from './paging.ts';
import { insertJobs } from './jobs.ts';
import { insertAudit, insertResetActivity } from './records.ts';

type InvitationRow = {
  id: string; name: string; type: Invitation['type']; owner_id: string | null;
  code_lookup_key: string; code_sealed: string; expires_at: number | null;
  inviter_contact_id: string | null; assign_to_account_id: string | null; workflow: string | null;
  web_role_ids: string; max_redemptions: number; remaining: number; invited_count: number;
  locale: Invitation['locale']; redirect_url: string | null; lifecycle: Invitation['lifecycle'];
  decided_by: string | null; decision_reason: string | null; created_by: string; batch_id: string | null;
  reminder_days: number | null; send_at: number | null; created_at: number; updated_at: number; version: number;
};

function toInvitation(row: InvitationRow): Invitation {
  return {
    id: row.id, name: row.name, type: row.type, ownerId: row.owner_id,
    codeLookupKey: row.code_lookup_key, codeSealed: row.code_sealed,
    expiresAt: row.expires_at === null ? null : new Date(row.expires_at),
    inviterContactId: row.inviter_contact_id, assignToAccountId: row.assign_to_account_id,
    workflow: row.workflow, webRoleIds: JSON.parse(row.web_role_ids),
    maxRedemptions: row.max_redemptions, remaining: row.remaining, invitedCount: row.invited_count,
    locale: row.locale, redirectUrl: row.redirect_url, lifecycle: row.lifecycle,
    decidedBy: row.decided_by, decisionReason: row.decision_reason, createdBy: row.created_by,
    ...(row.batch_id ? { batchId: row.batch_id } : {}),
    ...(row.reminder_days ? { reminderDays: row.reminder_days } : {}),
    ...(row.send_at !== null ? { sendAt: new Date(row.send_at) } : {}),
    createdAt: new Date(row.created_at), updatedAt: new Date(row.updated_at), version: row.version,
  };
}

const time = (date: Date | null | undefined) => (date ? date.getTime() : null);

export function sqliteInvitations(db: Database): InvitationStore {
  /** All in one transaction: every invitation with its contacts, audit event and jobs, or none. */
  const writeAll = (entries: readonly NewInvitation[]) => {
    try {
      db.transaction(() => { for (const entry of entries) insertInvitation(db, entry); });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('That invitation code is already in use.', 'code lookup key collision');
      throw error;
    }
  };
  const read = (id: string) => {
    const row = db.one<InvitationRow>('SELECT * FROM invitations WHERE id = ?', id);
    return row ? toInvitation(row) : null;
  };

  return {
    async insert(invitation, invitedContactIds, audit, jobs = []) {
      writeAll([{ invitation, invitedContactIds, audit, jobs }]);
    },

    async insertMany(entries) {
      if (entries.length) writeAll(entries);
    },

    async get(id) {
      return read(id);
    },

    async findByCodeLookupKey(lookupKey) {
      const row = db.one<InvitationRow>('SELECT * FROM invitations WHERE code_lookup_key = ?', lookupKey);
      return row ? toInvitation(row) : null;
    },

    async list(filter, page) {
      const query: Query = { select: 'SELECT i.* FROM invitations i', where: [], params: [], alias: 'i' };
      const add = (sql: string, ...params: SQLInputValue[]) => { query.where.push(sql); query.params.push(...params); };
      if (filter.status) {
        const condition = filter.status;
        add(`i.lifecycle IN (SELECT value FROM json_each(?))`, JSON.stringify(condition.lifecycles));
        if (condition.remaining === 'none') add('i.remaining = 0');
        if (condition.remaining === 'some') add('i.remaining > 0');
        if (condition.expiry === 'past') add('i.expires_at <= ?', condition.now.getTime());
        if (condition.expiry === 'future-or-none') add('(i.expires_at IS NULL OR i.expires_at > ?)', condition.now.getTime());
      }
      if (filter.invitedContactId) {
        add('i.id IN (SELECT invitation_id FROM invitation_contacts WHERE contact_id = ?)', filter.invitedContactId);
      }
      if (filter.contactId) {
        add(`i.id IN (SELECT invitation_id FROM invitation_contacts WHERE contact_id = ?
          UNION SELECT invitation_id FROM redemption_activities WHERE contact_id = ?)`, filter.contactId, filter.contactId);
      }
      if (filter.ownerId) add('i.owner_id = ?', filter.ownerId);
      if (filter.staffId) add('(i.owner_id = ? OR i.created_by = ?)', filter.staffId, filter.staffId);
      if (filter.search) add(`i.name LIKE ? ESCAPE '\\'`, `${escapeLike(filter.search)}%`);
      if (filter.accountId) add('i.assign_to_account_id = ?', filter.accountId);
      if (filter.createdFrom) add('i.created_at >= ?', filter.createdFrom.getTime());
      if (filter.createdBefore) add('i.created_at < ?', filter.createdBefore.getTime());
      return listPage(db, query, page, toInvitation, (i) => i.createdAt);
    },

    async invitedContactIds(invitationId, page) {
      const after = page.after ? decodeCursor(page.after).at : -1;
      const rows = db.all<{ position: number; contact_id: string }>(
        'SELECT position, contact_id FROM invitation_contacts WHERE invitation_id = ? AND position > ? ORDER BY position LIMIT ?',
        invitationId, after, page.limit + 1,
      );
      const paged = toPage(rows, page.limit, (row) => ({ at: row.position, id: '' }));
      return { items: paged.items.map((row) => row.contact_id), next: paged.next };
    },

    async firstInvitedContactIds(invitationIds) {
      if (!invitationIds.length) return new Map();
      const rows = db.all<{ invitation_id: string; contact_id: string }>(
        'SELECT invitation_id, contact_id FROM invitation_contacts WHERE position = 0 AND invitation_id IN (SELECT value FROM json_each(?))', JSON.stringify(invitationIds));
      return new Map(rows.map((row) => [row.invitation_id, row.contact_id]));
    },

    async isInvited(invitationId, contactId) {
      return db.one('SELECT 1 FROM invitation_contacts WHERE contact_id = ? AND invitation_id = ?', contactId, invitationId) !== undefined;
    },

    async update(id, expectedVersion, patch, audit: AuditEvent, jobs = []) {
      return db.transaction(() => {
        const sets: string[] = ['version = version + 1'];
        const params: SQLInputValue[] = [];
        const column: Record<keyof typeof patch, string> = {
          lifecycle: 'lifecycle', expiresAt: 'expires_at', decidedBy: 'decided_by', decisionReason: 'decision_reason', updatedAt: 'updated_at',
        };
        for (const [key, value] of Object.entries(patch) as [keyof typeof patch, unknown][]) {
          if (value === undefined) continue;
          sets.push(`${column[key]} = ?`);
          params.push(value instanceof Date ? value.getTime() : (value as SQLInputValue));
        }
        const { changes } = db.run(`UPDATE invitations SET ${sets.join(', ')} WHERE id = ? AND version = ?`, ...params, id, expectedVersion);
        if (changes === 0) {
          if (!read(id)) throw new NotFoundError('Invitation', id);
          throw new ConcurrentChangeError('The invitation');
        }
        insertAudit(db, audit);
        insertJobs(db, jobs);
        return read(id)!;
      });
    },

    async redeem(request) {
      return db.transaction(() => {
        const invitation = read(request.invitationId);
        if (!invitation) throw new NotFoundError('Invitation', request.invitationId);
        const redeemer = readRedeemer(db, request.contactId, invitation.id);
        if (!redeemer) throw new NotFoundError('Contact', request.contactId);
        const { contact, isInvited, hasRedeemed } = redeemer;
        const refusal = redemptionRefusal({ invitation, isInvitedContact: isInvited, hasRedeemed, now: request.now });
        if (refusal) throw refusal;

        const { activity } = request;
        db.run('UPDATE invitations SET remaining = remaining - 1, version = version + 1, updated_at = ? WHERE id = ?', request.now.getTime(), invitation.id);
        db.run('INSERT INTO redemptions (invitation_id, contact_id, activity_id, at) VALUES (?, ?, ?, ?)', invitation.id, contact.id, activity.id, activity.at.getTime());
        if (invitation.assignToAccountId) db.run('UPDATE contacts SET parent_account_id = ? WHERE id = ?', invitation.assignToAccountId, contact.id);
        addWebRoles(db, contact.id, invitation.webRoleIds);
        db.run(
          `INSERT INTO redemption_activities (id, invitation_id, contact_id, at, ip, user_agent, account_id, web_role_ids, workflow)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          activity.id, activity.invitationId, activity.contactId, activity.at.getTime(), activity.ip, activity.userAgent,
          activity.accountId, JSON.stringify(activity.webRoleIds), activity.workflow,
        );
        insertJobs(db, request.jobs);
        // The writes above change only these: no need to read the invitation or the contact again.
        const redeemed = { ...invitation, remaining: invitation.remaining - 1, version: invitation.version + 1, updatedAt: new Date(request.now.getTime()) };
        const granted = redemptionGrant(contact, { accountId: invitation.assignToAccountId, webRoleIds: invitation.webRoleIds });
        return { invitation: redeemed, contact: granted ? { ...contact, ...granted, webRoleIds: granted.webRoleIds.sort() } : contact };
      });
    },

    async resetRedemption(request) {
      try {
        return db.transaction(() => resetRedemption(db, request, read));
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError('That invitation code is already in use.', 'code lookup key collision');
        throw error;
      }
    },

    async redemptionsOf(contactId) {
      return db.all<{ invitation_id: string; contact_id: string; activity_id: string; at: number }>(
        'SELECT * FROM redemptions WHERE contact_id = ? ORDER BY at DESC, invitation_id', contactId,
      ).map((row) => ({ invitationId: row.invitation_id, contactId: row.contact_id, activityId: row.activity_id, at: new Date(row.at) }));
    },

    async redeemers(invitationId, page) {
      const query: Query = {
        select: 'SELECT invitation_id, contact_id, activity_id, at, at AS created_at, contact_id AS id FROM redemptions', where: ['invitation_id = ?'], params: [invitationId],
      };
      const found = listPage(db, query, page, (row: { invitation_id: string; contact_id: string; activity_id: string; at: number }) => ({
        id: row.contact_id, redemption: { invitationId: row.invitation_id, contactId: row.contact_id, activityId: row.activity_id, at: new Date(row.at) },
      }), (item) => item.redemption.at);
      return { items: found.items.map((item) => item.redemption), next: found.next };
    },
  };
}

/** See `InvitationStore.resetRedemption`; runs inside the caller's transaction. */
function resetRedemption(db: Database, request: RedemptionResetRequest, read: (id: string) => Invitation | null): RedemptionReset {
  const { invitationId, contactId, now } = request;
  const invitation = read(invitationId);
  if (!invitation) throw new NotFoundError('Invitation', invitationId);
  const contact = readContact(db, contactId);
  if (!contact) throw new NotFoundError('Contact', contactId);
  const redemption = db.one<{ activity_id: string }>('SELECT activity_id FROM redemptions WHERE invitation_id = ? AND contact_id = ?', invitationId, contactId);
  if (!redemption) throw new NotRedeemedError();

  const others = db.all<{ assign_to_account_id: string | null; web_role_ids: string }>(
    `SELECT i.assign_to_account_id, i.web_role_ids FROM redemptions r JOIN invitations i ON i.id = r.invitation_id
     WHERE r.contact_id = ? AND r.invitation_id <> ? ORDER BY r.at DESC`, contactId, invitationId,
  ).map((row) => ({ accountId: row.assign_to_account_id, webRoleIds: JSON.parse(row.web_role_ids) as string[] }));
  const staff = {
    accountId: db.one<{ staff_account_id: string | null }>('SELECT staff_account_id FROM contacts WHERE id = ?', contactId)!.staff_account_id,
    webRoleIds: db.all<{ web_role_id: string }>('SELECT web_role_id FROM contact_web_roles WHERE contact_id = ? AND from_staff = 1', contactId).map((r) => r.web_role_id),
  };
  const removals = resetRemovals({
    holds: contact, reset: { accountId: invitation.assignToAccountId, webRoleIds: invitation.webRoleIds }, others, staff,
  });

  db.run('DELETE FROM contact_web_roles WHERE contact_id = ? AND web_role_id IN (SELECT value FROM json_each(?))', contactId, JSON.stringify(removals.webRoleIds));
  if (removals.accountId) db.run('UPDATE contacts SET parent_account_id = ? WHERE id = ?', removals.parentAccountId, contactId);
  const identities = contact.identities.filter((i) => i.viaInvitationId === invitationId).map(({ issuer, subject }) => ({ issuer, subject }));
  removeIdentities(db, contactId, (i) => i.viaInvitationId === invitationId);
  const localAccountRemoved = db.run('DELETE FROM local_accounts WHERE contact_id = ? AND via_invitation_id = ?', contactId, invitationId).changes === 1;
  db.run('UPDATE contacts SET session_generation = session_generation + 1 WHERE id = ?', contactId);

  db.run('DELETE FROM redemptions WHERE invitation_id = ? AND contact_id = ?', invitationId, contactId);
  db.run('UPDATE invitations SET remaining = remaining + 1, version = version + 1, updated_at = ? WHERE id = ?', now.getTime(), invitationId);
  if (request.newCode) db.run('UPDATE invitations SET code_lookup_key = ?, code_sealed = ? WHERE id = ?', request.newCode.lookupKey, request.newCode.sealed, invitationId);
  const activity: RedemptionResetActivity = {
    kind: 'redemption-reset', ...request.activity, invitationId, contactId, redemptionActivityId: redemption.activity_id,
    accountId: removals.accountId, webRoleIds: removals.webRoleIds, identities, localAccountRemoved, reissued: request.newCode !== null,
  };
  insertResetActivity(db, activity);
  insertAudit(db, request.audit);
  insertJobs(db, request.jobs);
  return { invitation: read(invitationId)!, contact: readContact(db, contactId)!, activity };
}

function insertInvitation(db: Database, { invitation, invitedContactIds, audit, jobs }: NewInvitation): void {
  db.run(
    `INSERT INTO invitations (id, name, type, owner_id, code_lookup_key, code_sealed, expires_at, inviter_contact_id,
       assign_to_account_id, workflow, web_role_ids, max_redemptions, remaining, invited_count, locale, redirect_url,
       lifecycle, decided_by, decision_reason, created_by, created_at, updated_at, version, batch_id, reminder_days, send_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    invitation.id, invitation.name, invitation.type, invitation.ownerId, invitation.codeLookupKey, invitation.codeSealed,
    time(invitation.expiresAt), invitation.inviterContactId, invitation.assignToAccountId, invitation.workflow,
    JSON.stringify(invitation.webRoleIds), invitation.maxRedemptions, invitation.remaining, invitation.invitedCount,
    invitation.locale, invitation.redirectUrl, invitation.lifecycle, invitation.decidedBy, invitation.decisionReason,
    invitation.createdBy, invitation.createdAt.getTime(), invitation.updatedAt.getTime(), invitation.version, invitation.batchId ?? null,
    invitation.reminderDays ?? null, time(invitation.sendAt),
  );
  insertRows(db, 'INSERT INTO invitation_contacts (invitation_id, position, contact_id)', invitedContactIds.map((contactId, position) => [invitation.id, position, contactId]));
  insertAudit(db, audit);
  insertJobs(db, jobs);
}
