import { contactTag, type Contact, type LinkedIdentity } from '../../domain/contact.ts';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../../domain/errors.ts';
import { escapeLike } from '../cursor.ts';
import { linkedIdentity } from '../identity.ts';
import type { ContactDetails, ContactStore } from '../port.ts';
import { isUniqueViolation, type Database } from './database.ts';
import { insertRows } from './manyRows.ts';
import { listPage, type Query } from './paging.ts';
import { insertAudit } from './records.ts';

type ContactRow = {
  id: string; first_name: string; last_name: string;
  primary_email: string | null; secondary_email: string | null; alternate_email: string | null;
  parent_account_id: string | null; identities: string; created_at: number; web_role_ids: string | null;
  session_generation: number; email_verified_at: number | null;
};

/** An identity as kept in `contacts.identities` (JSON): `linkedAt` as epoch milliseconds; provenance only when it was given. */
type StoredIdentity = { issuer: string; subject: string; viaInvitationId?: string | null; linkedAt?: number; proof?: LinkedIdentity['proof'] };

const storedIdentity = ({ issuer, subject, viaInvitationId, linkedAt, proof }: LinkedIdentity): StoredIdentity => ({
  issuer, subject, ...(viaInvitationId !== undefined && { viaInvitationId }), ...(linkedAt && { linkedAt: linkedAt.getTime() }), ...(proof && { proof }),
});


export const storedIdentities = (row: Pick<ContactRow, 'identities'>): StoredIdentity[] => JSON.parse(row.identities);

const SELECT = `SELECT c.*, (SELECT json_group_array(web_role_id) FROM contact_web_roles WHERE contact_id = c.id) AS web_role_ids FROM contacts c`;

export function toContact(row: ContactRow): Contact {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    primaryEmail: row.primary_email,
    secondaryEmail: row.secondary_email,
    alternateEmail: row.alternate_email,
    parentAccountId: row.parent_account_id,
    webRoleIds: (JSON.parse(row.web_role_ids ?? '[]') as string[]).sort(),
    identities: storedIdentities(row).map((i) => linkedIdentity({ ...i, linkedAt: i.linkedAt === undefined ? undefined : new Date(i.linkedAt) })),
    createdAt: new Date(row.created_at),
    sessionGeneration: row.session_generation,
    emailVerifiedAt: row.email_verified_at === null ? null : new Date(row.email_verified_at),
  };
}

export function readContact(db: Database, id: string): Contact | null {
  const row = db.one<ContactRow>(`${SELECT} WHERE c.id = ?`, id);
  return row ? toContact(row) : null;
}

/**
 * A contact about to redeem an invitation, with what the redemption rules ask of it, in one
 * statement: whether the invitation invites it and whether it has redeemed it already.
 */
export function readRedeemer(db: Database, contactId: string, invitationId: string): { contact: Contact; isInvited: boolean; hasRedeemed: boolean } | null {
  const row = db.one<ContactRow & { invited: number; redeemed: number }>(
    `SELECT c.*, (SELECT json_group_array(web_role_id) FROM contact_web_roles WHERE contact_id = c.id) AS web_role_ids,
       EXISTS (SELECT 1 FROM invitation_contacts WHERE contact_id = c.id AND invitation_id = ?) AS invited,
       EXISTS (SELECT 1 FROM redemptions WHERE invitation_id = ? AND contact_id = c.id) AS redeemed
     FROM contacts c WHERE c.id = ?`,
    invitationId, invitationId, contactId,
  );
  return row ? { contact: toContact(row), isInvited: row.invited === 1, hasRedeemed: row.redeemed === 1 } : null;
}

/** Gives the contact these web roles (those it has already stay), in one statement. */
export function addWebRoles(db: Database, contactId: string, webRoleIds: readonly string[]): void {
  insertRows(db, 'INSERT OR IGNORE INTO contact_web_roles (contact_id, web_role_id)', webRoleIds.map((roleId) => [contactId, roleId]));
}

/**
 * Unlinks the contact's identities that `which` picks (in the caller's transaction); returns how
 * many were linked.
 */
export function removeIdentities(db: Database, contactId: string, which: (identity: StoredIdentity) => boolean): number {
  const row = db.one<Pick<ContactRow, 'identities'>>('SELECT identities FROM contacts WHERE id = ?', contactId);
  if (!row) return 0;
  const [removed, kept] = [storedIdentities(row).filter(which), storedIdentities(row).filter((i) => !which(i))];
  for (const { issuer, subject } of removed) db.run('DELETE FROM contact_identities WHERE issuer = ? AND subject = ? AND contact_id = ?', issuer, subject, contactId);
  if (removed.length) db.run('UPDATE contacts SET identities = ? WHERE id = ?', JSON.stringify(kept), contactId);
  return removed.length;
}

export function sqliteContacts(db: Database): ContactStore {
  /** One contact and its web roles; a taken e-mail fails the first statement, so nothing is half written. */
  const insertRow = (contact: Contact) => {
    if (contact.identities.length) throw new Error('a new contact has no identities; link them with addIdentity');
    db.run(
      `INSERT INTO contacts (id, first_name, last_name, primary_email, secondary_email, alternate_email, parent_account_id, identities, created_at,
         session_generation, email_verified_at, staff_account_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?, ?)`,
      contact.id, contact.firstName, contact.lastName, contact.primaryEmail, contact.secondaryEmail,
      contact.alternateEmail, contact.parentAccountId, contact.createdAt.getTime(),
      contact.sessionGeneration ?? 0, contact.emailVerifiedAt?.getTime() ?? null, contact.parentAccountId,
    );
    // What a contact is stored with, staff gave it.
    for (const roleId of contact.webRoleIds) db.run('INSERT OR IGNORE INTO contact_web_roles (contact_id, web_role_id, from_staff) VALUES (?, ?, 1)', contact.id, roleId);
  };

  return {
    async insert(contact, audit) {
      try {
        db.transaction(() => {
          insertRow(contact);
          if (audit) insertAudit(db, audit);
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError(`A contact with the e-mail ${contact.primaryEmail} already exists.`);
        throw error;
      }
    },
    async insertMany(list, auditOf) {
      const skippedIds: string[] = [];
      db.transaction(() => {
        for (const contact of list) {
          try {
            insertRow(contact);
          } catch (error) {
            if (!isUniqueViolation(error)) throw error;
            skippedIds.push(contact.id);
            continue;
          }
          if (auditOf) insertAudit(db, auditOf(contact));
        }
      });
      return { skippedIds };
    },
    async get(id) {
      return readContact(db, id);
    },
    async getMany(ids) {
      if (ids.length === 0) return [];
      return db.all<ContactRow>(`${SELECT} WHERE c.id IN (SELECT value FROM json_each(?))`, JSON.stringify(ids)).map(toContact);
    },
    async findManyByPrimaryEmail(emails) {
      if (emails.length === 0) return [];
      return db.all<ContactRow>(`${SELECT} WHERE c.primary_email IN (SELECT value FROM json_each(?))`, JSON.stringify(emails)).map(toContact);
    },
    async findByPrimaryEmail(email) {
      const row = db.one<ContactRow>(`${SELECT} WHERE c.primary_email = ?`, email);
      return row ? toContact(row) : null;
    },
    async list(filter, page) {
      const query: Query = { select: SELECT, where: [], params: [], alias: 'c' };
      if (filter.search) {
        const prefix = `${escapeLike(filter.search)}%`;
        query.where.push(`(c.first_name LIKE ? ESCAPE '\\' OR c.last_name LIKE ? ESCAPE '\\' OR c.primary_email LIKE ? ESCAPE '\\')`);
        query.params.push(prefix, prefix, prefix);
      }
      return listPage(db, query, page, toContact, (c) => c.createdAt);
    },
    async addIdentity(contactId, identity) {
      db.transaction(() => {
        const row = db.one<Pick<ContactRow, 'identities'>>('SELECT identities FROM contacts WHERE id = ?', contactId);
        if (!row) throw new NotFoundError('Contact', contactId);
        const owner = db.one<{ contact_id: string }>('SELECT contact_id FROM contact_identities WHERE issuer = ? AND subject = ?', identity.issuer, identity.subject);
        if (owner?.contact_id === contactId) return;
        if (owner) throw new ConflictError('This sign-in is already linked to another account.');
        db.run('INSERT INTO contact_identities (issuer, subject, contact_id) VALUES (?, ?, ?)', identity.issuer, identity.subject, contactId);
        db.run('UPDATE contacts SET identities = ? WHERE id = ?', JSON.stringify([...storedIdentities(row), storedIdentity(identity)]), contactId);
      });
    },
    async findByIdentity(issuer, subject) {
      const row = db.one<ContactRow>(`${SELECT} WHERE c.id = (SELECT contact_id FROM contact_identities WHERE issuer = ? AND subject = ?)`, issuer, subject);
      return row ? toContact(row) : null;
    },
    async removeIdentity(contactId, identity) {
      return db.transaction(() => removeIdentities(db, contactId, (i) => i.issuer === identity.issuer && i.subject === identity.subject) > 0);
    },
    async endSessions(contactId) {
      const row = db.one<{ session_generation: number }>(
        'UPDATE contacts SET session_generation = session_generation + 1 WHERE id = ? RETURNING session_generation', contactId);
      if (!row) throw new NotFoundError('Contact', contactId);
      return row.session_generation;
    },
    async markEmailVerified(contactId, at) {
      const { changes } = db.run('UPDATE contacts SET email_verified_at = ? WHERE id = ?', at.getTime(), contactId);
      if (changes === 0) throw new NotFoundError('Contact', contactId);
    },
    async removeWebRole(contactId, webRoleId) {
      return db.transaction(() => {
        if (!db.one('SELECT 1 FROM contacts WHERE id = ?', contactId)) throw new NotFoundError('Contact', contactId);
        return db.run('DELETE FROM contact_web_roles WHERE contact_id = ? AND web_role_id = ?', contactId, webRoleId).changes === 1;
      });
    },
    async updateDetails(contactId, patch, expectedTag) {
      const columns: Record<keyof ContactDetails, string> = {
        firstName: 'first_name', lastName: 'last_name', primaryEmail: 'primary_email', secondaryEmail: 'secondary_email', alternateEmail: 'alternate_email',
      };
      const given = (Object.keys(columns) as (keyof ContactDetails)[]).filter((field) => patch[field] !== undefined);
      db.transaction(() => {
        const current = readContact(db, contactId);
        if (!current) throw new NotFoundError('Contact', contactId);
        if (expectedTag !== undefined && contactTag(current) !== expectedTag) throw new PreconditionFailedError('The contact');
        const newEmail = patch.primaryEmail !== undefined && patch.primaryEmail !== current.primaryEmail;
        const sets = [...given.map((field) => `${columns[field]} = ?`), ...(newEmail ? ['email_verified_at = NULL'] : [])];
        if (!sets.length) return;
        try {
          db.run(`UPDATE contacts SET ${sets.join(', ')} WHERE id = ?`, ...given.map((field) => patch[field] ?? null), contactId);
        } catch (error) {
          if (isUniqueViolation(error)) throw new ConflictError(`A contact with the e-mail ${patch.primaryEmail} already exists.`);
          throw error;
        }
      });
      return readContact(db, contactId)!;
    },
    async addWebRole(contactId, webRoleId) {
      return db.transaction(() => {
        if (!db.one('SELECT 1 FROM contacts WHERE id = ?', contactId)) throw new NotFoundError('Contact', contactId);
        const held = db.one('SELECT 1 FROM contact_web_roles WHERE contact_id = ? AND web_role_id = ?', contactId, webRoleId);
        db.run(`INSERT INTO contact_web_roles (contact_id, web_role_id, from_staff) VALUES (?, ?, 1)
          ON CONFLICT (contact_id, web_role_id) DO UPDATE SET from_staff = 1`, contactId, webRoleId);
        return !held;
      });
    },
    async setParentAccount(contactId, accountId) {
      return db.transaction(() => {
        const row = db.one<{ parent_account_id: string | null }>('SELECT parent_account_id FROM contacts WHERE id = ?', contactId);
        if (!row) throw new NotFoundError('Contact', contactId);
        db.run('UPDATE contacts SET parent_account_id = ?, staff_account_id = ? WHERE id = ?', accountId, accountId, contactId);
        return row.parent_account_id;
      });
    },
    async removeParentAccount(contactId) {
      return db.transaction(() => {
        const row = db.one<{ parent_account_id: string | null }>('SELECT parent_account_id FROM contacts WHERE id = ?', contactId);
        if (!row) throw new NotFoundError('Contact', contactId);
        db.run('UPDATE contacts SET parent_account_id = NULL, staff_account_id = NULL WHERE id = ?', contactId);
        return row.parent_account_id;
      });
    },
    async removeIfUnused(contactId) {
      return db.transaction(() => {
        const unused = db.one(
          `SELECT 1 FROM contacts c WHERE c.id = ? AND c.parent_account_id IS NULL AND c.identities = '[]'
             AND NOT EXISTS (SELECT 1 FROM contact_web_roles WHERE contact_id = c.id)
             AND NOT EXISTS (SELECT 1 FROM contact_identities WHERE contact_id = c.id)
             AND NOT EXISTS (SELECT 1 FROM local_accounts WHERE contact_id = c.id)
             AND NOT EXISTS (SELECT 1 FROM invitation_contacts WHERE contact_id = c.id)
             AND NOT EXISTS (SELECT 1 FROM invitations WHERE inviter_contact_id = c.id)
             AND NOT EXISTS (SELECT 1 FROM redemptions WHERE contact_id = c.id)
             AND NOT EXISTS (SELECT 1 FROM redemption_activities WHERE contact_id = c.id)`, contactId);
        return unused !== undefined && db.run('DELETE FROM contacts WHERE id = ?', contactId).changes === 1;
      });
    },
  };
}
