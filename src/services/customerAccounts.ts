import type { Contact } from '../domain/contact.ts';
import { displayName } from '../domain/contact.ts';
import { isEmail, normaliseEmail } from '../domain/email.ts';
import type { Invitation } from '../domain/invitation.ts';
import { DUMMY_HASH, verifyPassword } from '../customers/passwords.ts';
import type { ServiceContext } from './context.ts';
import { CustomerAccessError } from './customerErrors.ts';
import { clientOf, localeOf, nonceOf, redirectOf, type AccessOutcome, type VisitContext } from './customerVisit.ts';
import { emailProofs, type Confirmed } from './emailProofs.ts';
import { externalIdentities } from './externalIdentities.ts';
import { formFields, text } from './input.ts';
import { passwordResets } from './passwordResets.ts';
import { checkCode, invitationById, redeemFor, redeemInvitation, type ClientInfo } from './redeemInvitation.ts';
import { bindPassword, hashNewPassword, invitedContactOf, personFrom, reread, unclaimedInvitedContact, type NewPerson } from './signInMethods.ts';

export type { ClientInfo } from './redeemInvitation.ts';
export type { NewPerson } from './signInMethods.ts';
export type { AccessOutcome, ArrivingIdentity, VisitContext } from './customerVisit.ts';

/**
 * The customer side: sign-in, binding a person to a contact, accepting invitations, password reset.
 * Every binding follows "Who may become a contact" (docs/customer-access.md): a method is added only
 * when the contact is signed in already (a), its mailbox is proven by a mailed link (b), or a single
 * invitation's code vouches for a contact that has no sign-in method at all (c). An e-mail claim
 * never binds by itself. Redemption itself is the invitation service's; this decides *who* redeems.
 */
export function customerAccountService(ctx: ServiceContext) {
  const { store } = ctx;
  const proofs = emailProofs(ctx);
  const resets = passwordResets(ctx);

  const identities = externalIdentities(ctx, proofs);

  return {
    /** The contact whose local account has this address and password, and the provenance of that password. */
    async signIn(email: string, password: string): Promise<Contact & { signedInVia: string | null }> {
      [email, password] = [text(email), text(password)];
      const account = isEmail(email) ? await store.localAccounts.findByEmail(normaliseEmail(email)) : null;
      const valid = await verifyPassword(password.slice(0, 1000), account?.passwordHash ?? DUMMY_HASH);
      const contact = valid && account ? await store.contacts.get(account.contactId) : null;
      if (!contact) throw new CustomerAccessError('sign_in_failed', 'The e-mail address or the password is not right.', 401);
      return { ...contact, signedInVia: account!.viaInvitationId ?? null };
    },

    /**
     * "Create a password" with a code. A single invitation's contact without a sign-in method gets
     * the password and the invitation at once (c; of two visitors at once, the first to redeem wins
     * and the other's password is never written). Anyone else (a group's invited member or someone
     * new) gets a mailed link to the address they typed (b).
     */
    async registerAndRedeem(given: NewPerson & { code: string; password: string; confirm: string } & VisitContext): Promise<AccessOutcome> {
      const input = textFields(given, ['code', 'email', 'firstName', 'lastName', 'password', 'confirm']);
      const invitation = await checkCode(ctx, input.code);
      if (invitation.type === 'single') {
        const invited = await unclaimedInvitedContact(ctx, invitation);
        const passwordHash = await hashNewPassword(input.password, input.confirm, invited.primaryEmail);
        const { invitation: redeemed } = await redeemFor(ctx, invitation, invited.id, clientOf(given));
        await bindPassword(ctx, invited, passwordHash, { kind: 'single-code', invitationId: invitation.id });
        return { kind: 'redeemed', contact: await reread(ctx, invited), invitation: redeemed, via: invitation.id };
      }
      const person = personFrom(input);
      const passwordHash = await hashNewPassword(input.password, input.confirm, person.email);
      return { kind: 'check-mail', ...(await proofs.request({ person, credential: { kind: 'password', passwordHash }, invitation, redirect: redirectOf(given), locale: localeOf(given), sessionNonce: nonceOf(given) })) };
    },

    /** Open registration (only when switched on): the account is made when the mailed link is followed. */
    async register(given: NewPerson & { password: string; confirm: string } & VisitContext): Promise<AccessOutcome> {
      const input = textFields(given, ['email', 'firstName', 'lastName', 'password', 'confirm']);
      const person = personFrom(input);
      const passwordHash = await hashNewPassword(input.password, input.confirm, person.email);
      return { kind: 'check-mail', ...(await proofs.request({ person, credential: { kind: 'password', passwordHash }, invitation: null, redirect: null, locale: localeOf(given), sessionNonce: nonceOf(given) })) };
    },

    /** After "Sign in with Microsoft" (see externalIdentities.ts). */
    ...identities,

    /** What a followed confirmation link is for, without using it. */
    openConfirmation: (token: string, sessionNonce: string | null) => proofs.open(text(token), sessionNonce),

    /** Uses a confirmation link (see emailProofs.ts); returns the contact to sign in and what was accepted. */
    confirmEmail(token: string, given: { sessionNonce: string | null; password?: string; confirm?: string } & ClientInfo): Promise<Confirmed> {
      return proofs.confirm(text(token), { ...given, password: text(given.password), confirm: text(given.confirm) });
    },

    redeemAs(contactId: string, code: string, visit: ClientInfo) {
      return redeemInvitation(ctx, { code, contactId, ip: visit.ip, userAgent: visit.userAgent });
    },

    /** Accepts an invitation whose code was checked earlier in this session (only its id was kept). */
    async redeemByIdAs(contactId: string, invitationId: string, visit: ClientInfo) {
      return redeemFor(ctx, await invitationById(ctx, invitationId), contactId, visit);
    },

    /** The invitation a code is for, checked usable now: a flow that continues elsewhere keeps only its id. */
    async checkCode(code: string): Promise<Invitation> {
      return checkCode(ctx, text(code));
    },

    requestPasswordReset: (email: string) => resets.request(email),
    resetPassword: (token: string, password: string, confirm: string) => resets.reset(token, password, confirm),
    isResetTokenValid: (token: string) => resets.isValid(token),

    /**
     * Who is signed in, for the page header: the contact's id and name, or null if it is gone or
     * the session was made before its sessions were ended (password reset, redemption reset).
     */
    async visitor(contactId: string, sessionGeneration: number): Promise<{ id: string; name: string } | null> {
      const contact = await store.contacts.get(contactId);
      if (!contact || (contact.sessionGeneration ?? 0) !== sessionGeneration) return null;
      return { id: contact.id, name: displayName(contact) };
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
        hasMicrosoft: contact.identities.length > 0,
        /** Who vouches for each linked identity (the issuer's host), so the owner sees every way in. */
        identityIssuers: contact.identities.map((i) => issuerHost(i.issuer)),
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
      if (invitation.type === 'single') invitedEmail = (await invitedContactOf(ctx, invitation))?.primaryEmail ?? null;
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

function issuerHost(issuer: string): string {
  try {
    return new URL(issuer).host;
  } catch {
    return issuer.slice(0, 100);
  }
}

/** The named fields of a form as text (a field that is missing or not a string is ''). */
function textFields<K extends string>(input: unknown, names: readonly K[]): Record<K, string> {
  return formFields(input, names, text, '') as Record<K, string>;
}
