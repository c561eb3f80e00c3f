import type { Contact, Identity, LinkedIdentity } from '../domain/contact.ts';
import { auditChanges } from '../domain/audit.ts';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import { resolveContact } from './contacts.ts';
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

  return {
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
      await assertMay(ctx, actor, 'admin', 'taking web roles away');
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
      await assertMay(ctx, actor, 'admin', 'taking accounts away');
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
