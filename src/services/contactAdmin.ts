import { z } from 'zod';
import { contactTag, type Contact, type Identity, type LinkedIdentity } from '../domain/contact.ts';
import { auditChanges } from '../domain/audit.ts';
import { isEmail, normaliseEmail } from '../domain/email.ts';
import { NotFoundError, PreconditionFailedError, ValidationError } from '../domain/errors.ts';
import type { ContactDetails, Page } from '../store/port.ts';
import { contactService, resolveContact, type NewContactInput } from './contacts.ts';
import { pageInput, parseInput, type PageInput } from './input.ts';
import type { Actor, ServiceContext } from './context.ts';
import { resolveNamed } from './directory.ts';
import { assertMay } from './permissions.ts';

/** Everything staff need to see about one contact's access. */
export type ContactProfile = {
  contact: Contact;
  account: { id: string; name: string } | null;
  webRoles: { id: string; name: string }[];
  /** Each with the invitation (id and name) whose code alone vouched for it, if any. */
  identities: (LinkedIdentity & { viaInvitation: { id: string; name: string } | null })[];
  localAccount: { email: string; viaInvitation: { id: string; name: string } | null } | null;
  emailVerifiedAt: Date | null;
  redemptions: { invitationId: string; name: string; at: Date }[];
};

const optionalEmail = z.string().trim().max(254)
  .refine((value) => value === '' || isEmail(value), 'is not an e-mail address')
  .transform((value) => (value === '' ? null : normaliseEmail(value)))
  .nullish();
const detailsInput = z.object({
  firstName: z.string().trim().max(100, 'is at most 100 characters').optional(),
  lastName: z.string().trim().max(100, 'is at most 100 characters').optional(),
  primaryEmail: optionalEmail, secondaryEmail: optionalEmail, alternateEmail: optionalEmail,
}).strict();
export type ContactDetailsInput = z.input<typeof detailsInput>;

/**
 * What admins do to one contact's access by hand: look at it, and take away an identity, a web
 * role or the parent account. Each change is audited with the contact as subject (and what changed,
 * before and after); taking a sign-in
 * method away ends the contact's sessions too.
 */
export function contactAdminService(ctx: ServiceContext) {
  const { store } = ctx;
  const audit = (actor: Actor, action: string, contactId: string, detail: Record<string, unknown>) =>
    store.audit.append({ id: ctx.newId(), at: ctx.clock(), actor, action, subjectId: contactId, detail });

  const invitationNames = async (ids: readonly (string | null | undefined)[]) => {
    const names = new Map<string, string>();
    for (const id of new Set(ids.filter((i): i is string => Boolean(i)))) names.set(id, (await store.invitations.get(id))?.name ?? '(deleted)');
    return (id: string | null | undefined) => (id ? { id, name: names.get(id)! } : null);
  };

  const contacts = contactService(ctx);

  return {
    /** Contacts, newest first; `search` matches the start of a name or the primary e-mail. */
    async list(actor: Actor, filter: { search?: string }, page: PageInput = {}): Promise<Page<Contact>> {
      await assertMay(ctx, actor, 'viewer', 'looking at contacts');
      return contacts.list(filter, parseInput(pageInput, page));
    },

    async create(actor: Actor, input: NewContactInput): Promise<Contact> {
      await assertMay(ctx, actor, 'directory', 'adding contacts');
      const contact = await contacts.add(input);
      await audit(actor, 'contact.added', contact.id, { primaryEmail: contact.primaryEmail, accountId: contact.parentAccountId });
      return contact;
    },

    /** Many contacts at once, as `contacts.import`: every row checked first; e-mails that exist are skipped and reported. */
    async import(actor: Actor, rows: readonly NewContactInput[]) {
      await assertMay(ctx, actor, 'directory', 'adding contacts');
      const result = await contacts.import(rows);
      await store.audit.append({ id: ctx.newId(), at: ctx.clock(), actor, action: 'contacts.imported', subjectId: 'contacts', detail: { added: result.added.length, skipped: result.skipped.length } });
      return result;
    },

    /** Changes the names and e-mails given; a new primary e-mail is unproven until the contact confirms it. Audited with before and after. */
    /** With `ifTag`, changes the contact only while its `contactTag` is that (PreconditionFailedError otherwise). */
    async updateDetails(actor: Actor, reference: string, input: ContactDetailsInput, condition: { ifTag?: string } = {}): Promise<Contact> {
      await assertMay(ctx, actor, 'directory', 'changing contacts');
      const patch = parseInput(detailsInput, input) as ContactDetails;
      const contact = await resolveContact(ctx, reference);
      if (condition.ifTag !== undefined && contactTag(contact) !== condition.ifTag) throw new PreconditionFailedError('The contact');
      const changed = (Object.keys(patch) as (keyof ContactDetails)[]).filter((field) => patch[field] !== undefined && patch[field] !== contact[field]);
      if (!changed.length) return contact;
      const after = Object.fromEntries(changed.map((field) => [field, patch[field]])) as ContactDetails;
      const updated = await store.contacts.updateDetails(contact.id, after, condition.ifTag);
      await audit(actor, 'contact.updated', contact.id, { before: Object.fromEntries(changed.map((field) => [field, contact[field]])), after });
      return updated;
    },

    async addRole(actor: Actor, reference: string, role: string): Promise<Contact> {
      await assertMay(ctx, actor, 'directory', 'giving web roles');
      const contact = await resolveContact(ctx, reference);
      const webRole = await resolveNamed(store.webRoles, 'Web role', role);
      if (await store.contacts.addWebRole(contact.id, webRole.id)) {
        await audit(actor, 'contact.web-role-added', contact.id, { webRoleId: webRole.id, webRole: webRole.name });
      }
      return (await store.contacts.get(contact.id))!;
    },

    async setAccount(actor: Actor, reference: string, account: string): Promise<Contact> {
      await assertMay(ctx, actor, 'directory', 'setting accounts');
      const contact = await resolveContact(ctx, reference);
      const parent = await resolveNamed(store.accounts, 'Account', account);
      const previous = await store.contacts.setParentAccount(contact.id, parent.id);
      if (previous !== parent.id) await audit(actor, 'contact.account-set', contact.id, { accountId: parent.id, previousAccountId: previous });
      return (await store.contacts.get(contact.id))!;
    },

    async show(actor: Actor, reference: string): Promise<ContactProfile> {
      await assertMay(ctx, actor, 'viewer', 'looking at contacts');
      const contact = await resolveContact(ctx, reference);
      const [account, roles, localAccount, redemptions] = await Promise.all([
        contact.parentAccountId ? store.accounts.get(contact.parentAccountId) : null,
        Promise.all(contact.webRoleIds.map((id) => store.webRoles.get(id))),
        store.localAccounts.get(contact.id),
        store.invitations.redemptionsOf(contact.id),
      ]);
      const invitation = await invitationNames([
        ...contact.identities.map((i) => i.viaInvitationId), localAccount?.viaInvitationId, ...redemptions.map((r) => r.invitationId),
      ]);
      return {
        contact,
        account: contact.parentAccountId ? { id: contact.parentAccountId, name: account?.name ?? '(deleted)' } : null,
        webRoles: contact.webRoleIds.map((id, index) => ({ id, name: roles[index]?.name ?? '(deleted)' })),
        identities: contact.identities.map((i) => ({ ...i, viaInvitation: invitation(i.viaInvitationId) })),
        localAccount: localAccount && { email: localAccount.email, viaInvitation: invitation(localAccount.viaInvitationId) },
        emailVerifiedAt: contact.emailVerifiedAt ?? null,
        redemptions: redemptions.map((r) => ({ invitationId: r.invitationId, name: invitation(r.invitationId)!.name, at: r.at })),
      };
    },

    async unlinkIdentity(actor: Actor, reference: string, identity: Identity): Promise<Contact> {
      await assertMay(ctx, actor, 'admin', 'unlinking sign-ins');
      const issuer = identity.issuer.trim();
      const subject = identity.subject.trim();
      if (!issuer || !subject) throw new ValidationError([{ field: 'identity', message: 'give the issuer and the subject' }]);
      const contact = await resolveContact(ctx, reference);
      if (!(await store.contacts.removeIdentity(contact.id, { issuer, subject }))) {
        throw new NotFoundError('Sign-in', `${issuer} ${subject} of this contact`);
      }
      await store.contacts.endSessions(contact.id);
      const after = (await store.contacts.get(contact.id))!;
      const signIns = (c: Contact) => ({ identities: c.identities.map((i) => `${i.issuer} ${i.subject}`) });
      await audit(actor, 'contact.identity-unlinked', contact.id, { issuer, subject, changes: auditChanges(signIns(contact), signIns(after)) });
      return after;
    },

    async removeRole(actor: Actor, reference: string, role: string): Promise<Contact> {
      await assertMay(ctx, actor, 'directory', 'taking web roles away');
      const contact = await resolveContact(ctx, reference);
      const webRole = await resolveNamed(store.webRoles, 'Web role', role);
      if (!(await store.contacts.removeWebRole(contact.id, webRole.id))) throw new NotFoundError('Web role', `${webRole.name} on this contact`);
      const after = (await store.contacts.get(contact.id))!;
      await audit(actor, 'contact.web-role-removed', contact.id, {
        webRoleId: webRole.id, webRole: webRole.name, changes: auditChanges({ webRoleIds: contact.webRoleIds }, { webRoleIds: after.webRoleIds }),
      });
      return after;
    },

    async removeAccount(actor: Actor, reference: string): Promise<Contact> {
      await assertMay(ctx, actor, 'directory', 'taking accounts away');
      const contact = await resolveContact(ctx, reference);
      const removed = await store.contacts.removeParentAccount(contact.id);
      if (!removed) throw new NotFoundError('Parent account', 'of this contact');
      const after = (await store.contacts.get(contact.id))!;
      await audit(actor, 'contact.account-removed', contact.id, {
        accountId: removed, changes: auditChanges({ parentAccountId: removed }, { parentAccountId: after.parentAccountId }),
      });
      return after;
    },
  };
}
