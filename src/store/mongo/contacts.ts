import { contactTag, type Contact } from '../../domain/contact.ts';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../../domain/errors.ts';
import type { ContactDetails, ContactStore } from '../port.ts';
import { linkedIdentity } from '../identity.ts';
import { backOff, casDelete, casUpdate } from './cas.ts';
import { tupleId, type ContactDoc, type ContactIdentityDoc, type InvitationDoc, type Models } from './models.ts';
import { listPage, startsWith } from './paging.ts';
import { insertManySkippingDuplicates, isDuplicateKey } from './writes.ts';
import { isKey } from './keys.ts';
import { appendAudit, auditDoc } from './records.ts';

export function toContact(doc: ContactDoc): Contact {
  return {
    id: doc._id,
    firstName: doc.firstName ?? '',
    lastName: doc.lastName ?? '',
    primaryEmail: doc.primaryEmail ?? null,
    secondaryEmail: doc.secondaryEmail ?? null,
    alternateEmail: doc.alternateEmail ?? null,
    parentAccountId: doc.parentAccountId ?? null,
    webRoleIds: [...(doc.webRoleIds ?? [])].sort(),
    identities: (doc.identities ?? []).map((identity) => linkedIdentity({ ...identity, linkedAt: identity.linkedAt ?? undefined, proof: identity.proof ?? undefined })),
    createdAt: doc.createdAt,
    sessionGeneration: doc.sessionGeneration ?? 0,
    emailVerifiedAt: doc.emailVerifiedAt ?? null,
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
    createdAt: contact.createdAt, revision: 0, sessionGeneration: contact.sessionGeneration ?? 0, emailVerifiedAt: contact.emailVerifiedAt ?? null,
    // What a contact is stored with, staff gave it.
    staffWebRoleIds: [...new Set(contact.webRoleIds)], staffAccountId: contact.parentAccountId,
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
    async insert(contact, audit) {
      try {
        await contacts.create(contactDoc(contact));
      } catch (error) {
        if (isDuplicateKey(error)) throw new ConflictError(`A contact with the e-mail ${contact.primaryEmail} already exists.`);
        throw error;
      }
      await appendAudit(models.audit, audit);
    },
    async insertMany(list, auditOf) {
      const { duplicateIndexes } = await insertManySkippingDuplicates(contacts.collection, list.map(contactDoc));
      const skipped = new Set(duplicateIndexes);
      if (auditOf) {
        const events = list.filter((_, index) => !skipped.has(index)).map((contact) => auditDoc(auditOf(contact)));
        if (events.length) await models.audit.insertMany(events, { ordered: true, lean: true });
      }
      return { skippedIds: duplicateIndexes.map((index) => list[index]!.id) };
    },
    async get(id) {
      return readContact(models, id);
    },
    async getMany(ids) {
      if (ids.length === 0) return [];
      const unique = [...new Set(ids)];
      // All in one answer (one more than can come, so the server ends the cursor): the default first batch, 101 documents, would add a round trip per hundred.
      const docs = await contacts.find({ _id: { $in: unique } }).batchSize(unique.length + 1).lean<ContactDoc[]>();
      const byId = new Map(docs.map((doc) => [doc._id, toContact(doc)]));
      return unique.flatMap((id) => byId.get(id) ?? []);
    },
    async findManyByPrimaryEmail(emails) {
      const keys = [...new Set(emails)].filter(isKey);
      if (keys.length === 0) return [];
      return (await contacts.find({ emailKey: { $in: keys } }).lean<ContactDoc[]>()).filter((doc) => doc.primaryEmail === doc.emailKey).map(toContact);
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
        return { identities: [...identities, linkedIdentity(identity)] };
      }, 'The contact');
    },
    async findByIdentity(issuer, subject) {
      const link = await contactIdentities.findById(tupleId(issuer, subject)).lean<ContactIdentityDoc>();
      return link ? readContact(models, link.contactId) : null;
    },
    /* The link goes first: a crash before the list follows leaves a sign-in that no longer works, never one that still does. */
    async removeIdentity(contactId, identity) {
      if (!isKey(contactId)) return false;
      const { issuer, subject } = identity;
      const { deletedCount } = await contactIdentities.deleteOne({ _id: tupleId(issuer, subject), contactId });
      const written = await casUpdate(markers, contacts, contactId, (current) => {
        const identities = current.identities ?? [];
        const kept = identities.filter((i) => i.issuer !== issuer || i.subject !== subject);
        return kept.length === identities.length ? null : { identities: kept };
      }, 'The contact');
      return deletedCount === 1 || written !== null;
    },
    async endSessions(contactId) {
      const written = isKey(contactId)
        ? await casUpdate(markers, contacts, contactId, (current) => ({ sessionGeneration: (current.sessionGeneration ?? 0) + 1 }), 'The contact')
        : null;
      if (!written) throw new NotFoundError('Contact', contactId);
      return written.sessionGeneration!;
    },
    async markEmailVerified(contactId, at) {
      const written = isKey(contactId) ? await casUpdate(markers, contacts, contactId, () => ({ emailVerifiedAt: at }), 'The contact') : null;
      if (!written) throw new NotFoundError('Contact', contactId);
    },
    async removeWebRole(contactId, webRoleId) {
      let seen = false;
      let held = false;
      if (isKey(contactId)) {
        await casUpdate(markers, contacts, contactId, (current) => {
          seen = true;
          held = current.webRoleIds.includes(webRoleId);
          if (!held) return null;
          const without = (ids: string[]) => ids.filter((id) => id !== webRoleId);
          return { webRoleIds: without(current.webRoleIds), ...(current.staffWebRoleIds && { staffWebRoleIds: without(current.staffWebRoleIds) }) };
        }, 'The contact');
      }
      if (!seen) throw new NotFoundError('Contact', contactId);
      return held;
    },
    async updateDetails(contactId, patch, expectedTag) {
      const given = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as ContactDetails;
      let seen = false;
      try {
        if (isKey(contactId)) {
          await casUpdate(markers, contacts, contactId, (current) => {
            seen = true;
            // Checked on the revision the write is filtered on: a change in between makes the write read again, and check again.
            if (expectedTag !== undefined && contactTag(toContact(current)) !== expectedTag) throw new PreconditionFailedError('The contact');
            const newEmail = given.primaryEmail !== undefined && given.primaryEmail !== (current.primaryEmail ?? null);
            return {
              ...given,
              ...(newEmail ? { emailKey: emailKey({ id: contactId, primaryEmail: given.primaryEmail ?? null }), emailVerifiedAt: null } : {}),
            };
          }, 'The contact');
        }
      } catch (error) {
        // A unique index broken by an update: E11000 on MongoDB, another error on FerretDB.
        const holder = given.primaryEmail ? await contacts.findOne({ emailKey: given.primaryEmail }).lean<ContactDoc>() : null;
        if (holder && holder._id !== contactId) throw new ConflictError(`A contact with the e-mail ${given.primaryEmail} already exists.`);
        throw error;
      }
      if (!seen) throw new NotFoundError('Contact', contactId);
      return (await readContact(models, contactId))!;
    },
    async addWebRole(contactId, webRoleId) {
      let seen = false;
      let held = false;
      if (isKey(contactId) && isKey(webRoleId)) {
        await casUpdate(markers, contacts, contactId, (current) => {
          seen = true;
          held = current.webRoleIds.includes(webRoleId);
          const staffHas = current.staffWebRoleIds?.includes(webRoleId) ?? true;
          if (held && staffHas) return null;
          return {
            ...(held ? {} : { webRoleIds: [...current.webRoleIds, webRoleId] }),
            ...(current.staffWebRoleIds && !staffHas ? { staffWebRoleIds: [...current.staffWebRoleIds, webRoleId] } : {}),
          };
        }, 'The contact');
      }
      if (!seen) throw new NotFoundError('Contact', contactId);
      return !held;
    },
    async setParentAccount(contactId, accountId) {
      let previous: string | null = null;
      let seen = false;
      if (isKey(contactId) && isKey(accountId)) {
        await casUpdate(markers, contacts, contactId, (current) => {
          seen = true;
          previous = current.parentAccountId ?? null;
          return { parentAccountId: accountId, staffAccountId: accountId };
        }, 'The contact');
      }
      if (!seen) throw new NotFoundError('Contact', contactId);
      return previous;
    },
    async removeParentAccount(contactId) {
      let previous: string | null = null;
      let seen = false;
      if (isKey(contactId)) {
        await casUpdate(markers, contacts, contactId, (current) => {
          seen = true;
          previous = current.parentAccountId ?? null;
          return previous === null && !current.staffAccountId ? null : { parentAccountId: null, staffAccountId: null };
        }, 'The contact');
      }
      if (!seen) throw new NotFoundError('Contact', contactId);
      return previous;
    },
    /*
     * Deleted at the revision that was checked (casDelete), so no redemption or link that goes
     * through the contact's compare-and-swap can land in between; a contact that changed is checked again.
     */
    async removeIfUnused(contactId) {
      if (!isKey(contactId)) return false;
      for (let attempt = 0; ; attempt++) {
        const doc = await contacts.findById(contactId).lean<ContactDoc>();
        if (!doc || !(await isUnused(models, doc))) return false;
        if (await casDelete(markers, contacts, doc)) return true;
        await backOff(attempt);
      }
    },
  };
}

/** Nothing refers to the contact: see `ContactStore.removeIfUnused`. */
async function isUnused(models: Models, doc: ContactDoc): Promise<boolean> {
  if (doc.parentAccountId || doc.webRoleIds?.length || doc.identities?.length) return false;
  const contactId = doc._id;
  const references = await Promise.all([
    models.localAccounts.exists({ _id: contactId }),
    models.contactIdentities.exists({ contactId }),
    models.invitationContacts.exists({ contactId }),
    models.invitations.exists({ inviterContactId: contactId }),
    models.redemptions.exists({ contactId }),
    models.activities.exists({ contactId }),
  ]);
  if (references.some((found) => found !== null)) return false;
  const withEffects = await models.invitations.find({ pendingCount: { $gt: 0 } }, { pending: 1 }).lean<Pick<InvitationDoc, 'pending'>[]>();
  return !withEffects.some((invitation) => invitation.pending.some((effect) => effect.redemption?.contactId === contactId));
}
