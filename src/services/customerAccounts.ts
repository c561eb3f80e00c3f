import { createHash, randomBytes } from 'node:crypto';
import type { Contact, Identity } from '../domain/contact.ts';
import { displayName } from '../domain/contact.ts';
import { isEmail, normaliseEmail } from '../domain/email.ts';
import { newJob } from '../domain/job.ts';
import { DUMMY_HASH, hashPassword, passwordProblem, verifyPassword } from '../customers/passwords.ts';
import { JOB_KINDS } from '../jobs/kinds.ts';
import type { ServiceContext } from './context.ts';
import { CustomerAccessError } from './customerErrors.ts';
import { formFields, text } from './input.ts';
import { checkCode, redeemInvitation } from './redeemInvitation.ts';

export const RESET_TOKEN_TTL_MS = 60 * 60_000;
const RESET_NAMESPACE = 'password-reset';

export type NewPerson = { email: string; firstName: string; lastName: string };
export type ClientInfo = { ip?: string | null; userAgent?: string | null };

/**
 * The customer side: local accounts, sign-in, binding an invitation to the right contact, password
 * reset. Redemption itself is the invitation service's; this decides *who* redeems.
 */
export function customerAccountService(ctx: ServiceContext) {
  const { store } = ctx;

  function checkNewPassword(password: string, confirm: string, email: string | null) {
    if (password !== confirm) throw new CustomerAccessError('passwords_differ', 'The two passwords are not the same.');
    const problem = passwordProblem(password, email);
    if (problem) throw new CustomerAccessError(problem, 'Choose a longer, less common password.');
  }

  async function createContact(person: NewPerson): Promise<Contact> {
    person = { firstName: text(person.firstName), lastName: text(person.lastName), email: text(person.email) };
    if (!person.firstName.trim() || !person.lastName.trim() || !isEmail(person.email)) {
      throw new CustomerAccessError('details_missing', 'Fill in your first name, last name and e-mail address.');
    }
    const contact: Contact = {
      id: ctx.newId(), firstName: person.firstName.trim().slice(0, 100), lastName: person.lastName.trim().slice(0, 100),
      primaryEmail: normaliseEmail(person.email), secondaryEmail: null, alternateEmail: null, parentAccountId: null,
      webRoleIds: [], identities: [], createdAt: ctx.clock(),
    };
    await store.contacts.insert(contact);
    return contact;
  }

  /**
   * Who redeems a code when they create a password: a single invitation's invited contact (the code
   * reached them by mail, which proves the address); for a group, a new contact with the e-mail
   * given. An e-mail that already belongs to someone must be proven by signing in or by a reset mail.
   */
  async function contactForRegistration(code: string, person: NewPerson, checkPassword: (email: string) => void): Promise<Contact> {
    const invitation = await checkCode(ctx, code);
    if (invitation.type === 'single') {
      const [contactId] = (await store.invitations.invitedContactIds(invitation.id, { limit: 1 })).items;
      const invited = contactId ? await store.contacts.get(contactId) : null;
      if (!invited) throw new CustomerAccessError('details_missing', 'This invitation has no contact to give access to.');
      if (await store.localAccounts.get(invited.id)) throw new CustomerAccessError('account_exists', 'You already have an account: sign in to accept the invitation.');
      checkPassword(invited.primaryEmail ?? normaliseEmail(person.email));
      return invited;
    }
    const email = normaliseEmail(person.email);
    if (isEmail(email) && ((await store.contacts.findByPrimaryEmail(email)) || (await store.localAccounts.findByEmail(email)))) {
      throw new CustomerAccessError('email_known', 'This e-mail already belongs to an account. Sign in first (or set a password with "Forgot your password?"), then accept the invitation.');
    }
    // Before the contact is created: a refused password must leave no contact behind (its e-mail would then be "known").
    checkPassword(email);
    return createContact(person);
  }

  return {
    async signIn(email: string, password: string): Promise<Contact> {
      [email, password] = [text(email), text(password)];
      const account = isEmail(email) ? await store.localAccounts.findByEmail(normaliseEmail(email)) : null;
      const valid = await verifyPassword(password.slice(0, 1000), account?.passwordHash ?? DUMMY_HASH);
      const contact = valid && account ? await store.contacts.get(account.contactId) : null;
      if (!contact) throw new CustomerAccessError('sign_in_failed', 'The e-mail address or the password is not right.', 401);
      return contact;
    },

    /** Creates the local account the code is for, then redeems the code as its contact. */
    async registerAndRedeem(given: NewPerson & { code: string; password: string; confirm: string } & ClientInfo) {
      const input = { ...textFields(given, ['code', 'email', 'firstName', 'lastName', 'password', 'confirm']), ip: clientText(given?.ip), userAgent: clientText(given?.userAgent) };
      const contact = await contactForRegistration(input.code, input, (email) => checkNewPassword(input.password, input.confirm, email));
      const email = contact.primaryEmail ?? normaliseEmail(input.email);
      const now = ctx.clock();
      await store.localAccounts.save({ contactId: contact.id, email, passwordHash: await hashPassword(input.password), createdAt: now, updatedAt: now });
      return redeemInvitation(ctx, { code: input.code, contactId: contact.id, ip: input.ip, userAgent: input.userAgent });
    },

    /** Open registration (only when switched on): a new contact with a local account. */
    async register(given: NewPerson & { password: string; confirm: string }) {
      const input = textFields(given, ['email', 'firstName', 'lastName', 'password', 'confirm']);
      const email = normaliseEmail(input.email);
      if (isEmail(email) && ((await store.contacts.findByPrimaryEmail(email)) || (await store.localAccounts.findByEmail(email)))) {
        throw new CustomerAccessError('email_known', 'This e-mail already belongs to an account. Sign in, or set a password with "Forgot your password?".');
      }
      checkNewPassword(input.password, input.confirm, email);
      const contact = await createContact(input);
      const now = ctx.clock();
      await store.localAccounts.save({ contactId: contact.id, email, passwordHash: await hashPassword(input.password), createdAt: now, updatedAt: now });
      return contact;
    },

    /**
     * After "Sign in with Microsoft": the contact the identity is linked to. With a code in hand, an
     * unknown identity is linked to the invitation's contact first: a single invitation's invited
     * contact, or for a group the invited contact whose primary e-mail the identity shows, or a new
     * contact. The e-mail claim alone never links an identity to anyone.
     */
    async contactForIdentity(identity: Identity, claims: { email: string | null; firstName: string; lastName: string }, code: string | null): Promise<Contact> {
      const linked = await store.contacts.findByIdentity(identity.issuer, identity.subject);
      if (linked) return linked;
      if (!code) throw new CustomerAccessError('identity_unknown', 'No account is linked to this Microsoft account yet. Redeem your invitation first.', 403);
      const invitation = await checkCode(ctx, code);
      let contact: Contact | null = null;
      if (invitation.type === 'single') {
        const [contactId] = (await store.invitations.invitedContactIds(invitation.id, { limit: 1 })).items;
        contact = contactId ? await store.contacts.get(contactId) : null;
      } else if (claims.email && isEmail(claims.email)) {
        const known = await store.contacts.findByPrimaryEmail(normaliseEmail(claims.email));
        if (known && !(await store.invitations.isInvited(invitation.id, known.id))) {
          throw new CustomerAccessError('identity_email_taken', 'Your e-mail address already belongs to an account. Sign in with it first, then accept the invitation.', 409);
        }
        contact = known;
      }
      contact ??= await createContact({ email: claims.email ?? '', firstName: claims.firstName || 'Customer', lastName: claims.lastName || '-' });
      await store.contacts.addIdentity(contact.id, identity);
      return (await store.contacts.get(contact.id))!;
    },

    redeemAs(contactId: string, code: string, client: ClientInfo) {
      return redeemInvitation(ctx, { code, contactId, ip: client.ip, userAgent: client.userAgent });
    },

    /** Queues a reset mail if the address belongs to a contact; says nothing either way. */
    async requestPasswordReset(email: string): Promise<void> {
      email = text(email);
      if (!isEmail(email)) return;
      const contact = await store.contacts.findByPrimaryEmail(normaliseEmail(email));
      if (!contact) return;
      await store.jobs.enqueue(newJob({ id: ctx.newId(), kind: JOB_KINDS.passwordResetMail, subjectId: contact.id, payload: { contactId: contact.id } }, ctx.clock()));
    },

    /** Sets a new password with a mailed token; the token works once. Signs nobody in by itself. */
    async resetPassword(token: string, password: string, confirm: string): Promise<Contact> {
      [token, password, confirm] = [text(token), text(password), text(confirm)];
      const record = await store.ephemeral.get(RESET_NAMESPACE, tokenKey(token), ctx.clock());
      const contact = record ? await store.contacts.get(String(record.contactId)) : null;
      if (!contact) throw new CustomerAccessError('reset_link_invalid', 'This link has expired or has been used. Ask for a new one.', 410);
      checkNewPassword(password, confirm, contact.primaryEmail);
      if (!(await store.ephemeral.take(RESET_NAMESPACE, tokenKey(token), ctx.clock()))) {
        throw new CustomerAccessError('reset_link_invalid', 'This link has expired or has been used. Ask for a new one.', 410);
      }
      const existing = await store.localAccounts.get(contact.id);
      const now = ctx.clock();
      await store.localAccounts.save({
        contactId: contact.id, email: existing?.email ?? contact.primaryEmail!, passwordHash: await hashPassword(password),
        createdAt: existing?.createdAt ?? now, updatedAt: now,
      });
      return contact;
    },

    async isResetTokenValid(token: string): Promise<boolean> {
      return (await store.ephemeral.get(RESET_NAMESPACE, tokenKey(text(token)), ctx.clock())) !== null;
    },

    /** Who is signed in, for the page header: the contact's id and name, or null if it is gone. */
    async visitor(contactId: string): Promise<{ id: string; name: string } | null> {
      const contact = await store.contacts.get(contactId);
      return contact ? { id: contact.id, name: displayName(contact) } : null;
    },

    async profile(contactId: string) {
      const contact = await store.contacts.get(contactId);
      if (!contact) return null;
      const account = contact.parentAccountId ? await store.accounts.get(contact.parentAccountId) : null;
      const roles = await Promise.all(contact.webRoleIds.map((id) => store.webRoles.get(id)));
      return {
        contact, name: displayName(contact), account: account?.name ?? null,
        webRoles: roles.flatMap((r) => (r ? [r.name] : [])).sort(),
        hasPassword: Boolean(await store.localAccounts.get(contact.id)),
      };
    },

    /** What a code gives, for the summary page, without redeeming it. Throws why it cannot be used. */
    async invitationSummary(code: string) {
      const invitation = await checkCode(ctx, code);
      const inviter = invitation.inviterContactId ? await store.contacts.get(invitation.inviterContactId) : null;
      const owner = !inviter && invitation.ownerId ? await store.staff.get(invitation.ownerId) : null;
      const account = invitation.assignToAccountId ? await store.accounts.get(invitation.assignToAccountId) : null;
      const roles = await Promise.all(invitation.webRoleIds.map((id) => store.webRoles.get(id)));
      let invitedEmail: string | null = null;
      if (invitation.type === 'single') {
        const [contactId] = (await store.invitations.invitedContactIds(invitation.id, { limit: 1 })).items;
        invitedEmail = (contactId && (await store.contacts.get(contactId))?.primaryEmail) || null;
      }
      return {
        invitation,
        inviter: inviter ? displayName(inviter) : owner?.displayName ?? null,
        account: account?.name ?? null,
        webRoles: roles.flatMap((r) => (r ? [r.name] : [])),
        invitedEmail,
      };
    },
  };
}

/** The named fields of a form as text (a field that is missing or not a string is ''). */
function textFields<K extends string>(input: unknown, names: readonly K[]): Record<K, string> {
  return formFields(input, names, text, '') as Record<K, string>;
}

function clientText(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** Reset tokens are kept only as a hash: a leaked store does not let anyone reset a password. */
export function tokenKey(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function newResetToken(): string {
  return randomBytes(32).toString('base64url');
}

export { RESET_NAMESPACE };
