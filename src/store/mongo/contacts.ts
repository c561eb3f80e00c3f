import type { Contact } from '../../domain/contact.ts';
import { ConflictError } from '../../domain/errors.ts';
import type { ContactStore } from '../port.ts';
import type { ContactDoc, Models } from './models.ts';
import { listPage, startsWith } from './paging.ts';
import { isDuplicateKey } from './writes.ts';

function toContact(doc: ContactDoc): Contact {
  return {
    id: doc._id,
    firstName: doc.firstName ?? '',
    lastName: doc.lastName ?? '',
    primaryEmail: doc.primaryEmail ?? null,
    secondaryEmail: doc.secondaryEmail ?? null,
    alternateEmail: doc.alternateEmail ?? null,
    parentAccountId: doc.parentAccountId ?? null,
    webRoleIds: [...(doc.webRoleIds ?? [])].sort(),
    identities: (doc.identities ?? []).map(({ issuer, subject }) => ({ issuer, subject })),
    createdAt: doc.createdAt,
  };
}

function emailKey(contact: Pick<Contact, 'id' | 'primaryEmail'>): string {
  return contact.primaryEmail ?? `no-email:${contact.id}`;
}

export async function readContact(models: Models, id: string): Promise<Contact | null> {
  const doc = await models.contacts.findById(id).lean<ContactDoc>();
  return doc ? toContact(doc) : null;
}

export function mongoContacts(models: Models): ContactStore {
  const { contacts } = models;
  return {
    async insert(contact) {
      try {
        await contacts.create({
          _id: contact.id, firstName: contact.firstName, lastName: contact.lastName, primaryEmail: contact.primaryEmail,
          emailKey: emailKey(contact), secondaryEmail: contact.secondaryEmail, alternateEmail: contact.alternateEmail,
          parentAccountId: contact.parentAccountId, webRoleIds: [...new Set(contact.webRoleIds)], identities: contact.identities,
          createdAt: contact.createdAt, revision: 0,
        });
      } catch (error) {
        if (isDuplicateKey(error)) throw new ConflictError(`A contact with the e-mail ${contact.primaryEmail} already exists.`);
        throw error;
      }
    },
    async get(id) {
      return readContact(models, id);
    },
    async getMany(ids) {
      if (ids.length === 0) return [];
      const docs = await contacts.find({ _id: { $in: [...new Set(ids)] } }).lean<ContactDoc[]>();
      const byId = new Map(docs.map((doc) => [doc._id, toContact(doc)]));
      return [...new Set(ids)].flatMap((id) => byId.get(id) ?? []);
    },
    async findByPrimaryEmail(email) {
      const doc = await contacts.findOne({ emailKey: email, primaryEmail: email }).lean<ContactDoc>();
      return doc ? toContact(doc) : null;
    },
    async list(filter, page) {
      const query: Record<string, unknown> = {};
      if (filter.search) {
        const prefix = startsWith(filter.search);
        query.$or = [{ firstName: prefix }, { lastName: prefix }, { primaryEmail: prefix }];
      }
      return listPage(contacts, query, page, toContact);
    },
  };
}
