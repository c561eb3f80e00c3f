import type { Contact } from '../../domain/contact.ts';
import { ConflictError, NotFoundError } from '../../domain/errors.ts';
import type { ContactStore } from '../port.ts';
import { casUpdate } from './cas.ts';
import { tupleId, type ContactDoc, type ContactIdentityDoc, type Models } from './models.ts';
import { listPage, startsWith } from './paging.ts';
import { insertManySkippingDuplicates, isDuplicateKey } from './writes.ts';
import { isKey } from './keys.ts';

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

function contactDoc(contact: Contact): ContactDoc {
  if (contact.identities.length) throw new Error('a new contact has no identities; link them with addIdentity');
  return {
    _id: contact.id, firstName: contact.firstName, lastName: contact.lastName, primaryEmail: contact.primaryEmail,
    emailKey: emailKey(contact), secondaryEmail: contact.secondaryEmail, alternateEmail: contact.alternateEmail,
    parentAccountId: contact.parentAccountId, webRoleIds: [...new Set(contact.webRoleIds)], identities: [],
    createdAt: contact.createdAt, revision: 0,
  };
}

export async function readContact(models: Models, id: string): Promise<Contact | null> {
  if (!isKey(id)) return null;
  const doc = await models.contacts.findById(id).lean<ContactDoc>();
  return doc ? toContact(doc) : null;
}

export function mongoContacts(models: Models): ContactStore {
  const { contacts, contactIdentities, markers } = models;
  return {
    async insert(contact) {
      try {
        await contacts.create(contactDoc(contact));
      } catch (error) {
        if (isDuplicateKey(error)) throw new ConflictError(`A contact with the e-mail ${contact.primaryEmail} already exists.`);
        throw error;
      }
    },
    async insertMany(list) {
      const { duplicateIndexes } = await insertManySkippingDuplicates(contacts.collection, list.map(contactDoc));
      return { skippedIds: duplicateIndexes.map((index) => list[index]!.id) };
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
      if (!isKey(email)) return null;
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
    /*
     * The link document decides who owns an identity (a unique insert, exact everywhere); the
     * contact's `identities` then follows through the compare-and-swap, as redemptions write the
     * contact at the same time. Should a crash come between the two, the next call repairs the list.
     */
    async addIdentity(contactId, identity) {
      const { issuer, subject } = identity;
      if (!(await contacts.exists({ _id: contactId }))) throw new NotFoundError('Contact', contactId);
      const linkId = tupleId(issuer, subject);
      try {
        await contactIdentities.create({ _id: linkId, issuer, subject, contactId });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        const link = await contactIdentities.findById(linkId).lean<ContactIdentityDoc>();
        if (link?.contactId !== contactId) throw new ConflictError('This sign-in is already linked to another account.');
      }
      await casUpdate(markers, contacts, contactId, (current) => {
        const identities = current.identities ?? [];
        if (identities.some((i) => i.issuer === issuer && i.subject === subject)) return null;
        return { identities: [...identities, { issuer, subject }] };
      }, 'The contact');
    },
    async findByIdentity(issuer, subject) {
      const link = await contactIdentities.findById(tupleId(issuer, subject)).lean<ContactIdentityDoc>();
      return link ? readContact(models, link.contactId) : null;
    },
  };
}
