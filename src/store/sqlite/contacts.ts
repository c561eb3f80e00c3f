import type { Contact } from '../../domain/contact.ts';
import { ConflictError, NotFoundError } from '../../domain/errors.ts';
import { escapeLike } from '../cursor.ts';
import type { ContactStore } from '../port.ts';
import { isUniqueViolation, type Database } from './database.ts';
import { listPage, type Query } from './paging.ts';

type ContactRow = {
  id: string; first_name: string; last_name: string;
  primary_email: string | null; secondary_email: string | null; alternate_email: string | null;
  parent_account_id: string | null; identities: string; created_at: number; web_role_ids: string | null;
};

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
    identities: JSON.parse(row.identities),
    createdAt: new Date(row.created_at),
  };
}

export function readContact(db: Database, id: string): Contact | null {
  const row = db.one<ContactRow>(`${SELECT} WHERE c.id = ?`, id);
  return row ? toContact(row) : null;
}

export function sqliteContacts(db: Database): ContactStore {
  /** One contact and its web roles; a taken e-mail fails the first statement, so nothing is half written. */
  const insertRow = (contact: Contact) => {
    if (contact.identities.length) throw new Error('a new contact has no identities; link them with addIdentity');
    db.run(
      `INSERT INTO contacts (id, first_name, last_name, primary_email, secondary_email, alternate_email, parent_account_id, identities, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      contact.id, contact.firstName, contact.lastName, contact.primaryEmail, contact.secondaryEmail,
      contact.alternateEmail, contact.parentAccountId, JSON.stringify(contact.identities), contact.createdAt.getTime(),
    );
    for (const roleId of contact.webRoleIds) db.run('INSERT OR IGNORE INTO contact_web_roles VALUES (?, ?)', contact.id, roleId);
  };

  return {
    async insert(contact) {
      try {
        db.transaction(() => insertRow(contact));
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError(`A contact with the e-mail ${contact.primaryEmail} already exists.`);
        throw error;
      }
    },
    async insertMany(list) {
      const skippedIds: string[] = [];
      db.transaction(() => {
        for (const contact of list) {
          try {
            insertRow(contact);
          } catch (error) {
            if (!isUniqueViolation(error)) throw error;
            skippedIds.push(contact.id);
          }
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
        const contact = readContact(db, contactId);
        if (!contact) throw new NotFoundError('Contact', contactId);
        const owner = db.one<{ contact_id: string }>('SELECT contact_id FROM contact_identities WHERE issuer = ? AND subject = ?', identity.issuer, identity.subject);
        if (owner?.contact_id === contactId) return;
        if (owner) throw new ConflictError('This sign-in is already linked to another account.');
        db.run('INSERT INTO contact_identities (issuer, subject, contact_id) VALUES (?, ?, ?)', identity.issuer, identity.subject, contactId);
        db.run('UPDATE contacts SET identities = ? WHERE id = ?', JSON.stringify([...contact.identities, identity]), contactId);
      });
    },
    async findByIdentity(issuer, subject) {
      const row = db.one<ContactRow>(`${SELECT} WHERE c.id = (SELECT contact_id FROM contact_identities WHERE issuer = ? AND subject = ?)`, issuer, subject);
      return row ? toContact(row) : null;
    },
  };
}
