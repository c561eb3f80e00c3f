import { contactTag, type Contact } from '../../../src/domain/contact.ts';
import type { NewContactInput } from '../../../src/services/contacts.ts';
import type { ContactDetailsInput } from '../../../src/services/contactAdmin.ts';
import type { Services } from '../../../src/services/index.ts';
import { API_BASE_PATH } from '../openapi/document.ts';
import type { ApiCall, ApiHandler } from '../router.ts';

const page = (call: ApiCall) => ({ limit: call.query.limit as number | undefined, after: call.query.after as string | undefined });

/** What the API shows of a contact: its fields, not its session counter nor its sign-ins (those are on the profile). */
const contact = ({ id, firstName, lastName, primaryEmail, secondaryEmail, alternateEmail, parentAccountId, webRoleIds, createdAt }: Contact) =>
  ({ id, firstName, lastName, primaryEmail, secondaryEmail, alternateEmail, parentAccountId, webRoleIds, createdAt });

const ok = (body: unknown) => ({ status: 200, body });
/** A contact's answer with its version as the `ETag` (send it back as `If-Match` on a change). */
const okContact = (record: Contact, body: unknown = contact(record)) => ({ status: 200, body, headers: { ETag: `"${contactTag(record)}"` } });

/** The handlers of accounts or web roles (one set of use cases for each). */
function namedHandlers(prefix: string, param: string, admin: (services: Services) => Services['accountAdmin'] | Services['webRoleAdmin']): Record<string, ApiHandler> {
  return {
    [`list${prefix}s`]: async (call) => ok(await admin(call.services).list(call.actor, page(call))),
    [`create${prefix}`]: async (call) => ({ status: 201, body: await admin(call.services).create(call.actor, (call.body as { name: string }).name) }),
    [`get${prefix}`]: async (call) => ok(await admin(call.services).get(call.actor, call.params[param]!)),
    [`rename${prefix}`]: async (call) => ok(await admin(call.services).rename(call.actor, call.params[param]!, (call.body as { name: string }).name)),
    [`remove${prefix}`]: async (call) => {
      await admin(call.services).remove(call.actor, call.params[param]!);
      return { status: 204 };
    },
  };
}

/** Contacts, accounts and web roles, over the directory use cases. */
export const directoryHandlers: Record<string, ApiHandler> = {
  async listContacts(call) {
    const result = await call.services.contactAdmin.list(call.actor, { search: call.query.search as string | undefined }, page(call));
    return ok({ items: result.items.map(contact), next: result.next });
  },

  async createContact(call) {
    const created = await call.services.contactAdmin.create(call.actor, call.body as NewContactInput);
    return { status: 201, body: contact(created), headers: { Location: `${API_BASE_PATH}/contacts/${created.id}` } };
  },

  async importContacts(call) {
    const result = await call.services.contactAdmin.import(call.actor, (call.body as { contacts: NewContactInput[] }).contacts);
    return ok({ added: result.added.length, skipped: result.skipped });
  },

  async getContact(call) {
    const profile = await call.services.contactAdmin.show(call.actor, call.params.contact!);
    return okContact(profile.contact, { ...profile, contact: contact(profile.contact) });
  },

  updateContact: async (call) => okContact(await call.services.contactAdmin.updateDetails(call.actor, call.params.contact!, call.body as ContactDetailsInput, { ifTag: call.ifTag })),
  addContactWebRole: async (call) => ok(contact(await call.services.contactAdmin.addRole(call.actor, call.params.contact!, (call.body as { role: string }).role))),
  removeContactWebRole: async (call) => ok(contact(await call.services.contactAdmin.removeRole(call.actor, call.params.contact!, call.params.role!))),
  setContactAccount: async (call) => ok(contact(await call.services.contactAdmin.setAccount(call.actor, call.params.contact!, (call.body as { account: string }).account))),
  removeContactAccount: async (call) => ok(contact(await call.services.contactAdmin.removeAccount(call.actor, call.params.contact!))),

  ...namedHandlers('Account', 'account', (services) => services.accountAdmin),
  ...namedHandlers('WebRole', 'webRole', (services) => services.webRoleAdmin),
};
