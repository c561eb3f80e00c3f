import type { Contact, Identity } from '../domain/contact.ts';
import { displayName } from '../domain/contact.ts';
import { isEmail, normaliseEmail } from '../domain/email.ts';
import type { Invitation, Locale } from '../domain/invitation.ts';
import { isLocale } from '../domain/invitation.ts';
import { DUMMY_HASH, verifyPassword } from '../customers/passwords.ts';
import type { ServiceContext } from './context.ts';
import { CustomerAccessError } from './customerErrors.ts';
import { emailProofs, type Confirmed } from './emailProofs.ts';
import { formFields, text } from './input.ts';
import { passwordResets } from './passwordResets.ts';
import { checkCode, checkUsable, invitationById, redeemFor, redeemInvitation, type ClientInfo } from './redeemInvitation.ts';
import { bindIdentity, bindPassword, contactWithAddress, hasSignInMethod, hashNewPassword, personFrom, type NewPerson } from './signInMethods.ts';

export type { ClientInfo } from './redeemInvitation.ts';
export type { NewPerson } from './signInMethods.ts';

/** Where the visitor is asking from: the browser session's secret, its language, where to go afterwards. */
export type VisitContext = ClientInfo & { sessionNonce?: string | null; locale?: string | null; redirect?: string | null };

/**
 * How a customer's request ended: signed in (and perhaps redeemed), or waiting for a mailed link.
 * `via`: the invitation whose code alone vouched for the sign-in method used, if any; the session
 * keeps it, so that a method added from that session carries the same provenance.
 */
export type AccessOutcome =
  | { kind: 'signed-in'; contact: Contact; via: string | null }
  | { kind: 'redeemed'; contact: Contact; invitation: Invitation; via: string | null }
  | { kind: 'check-mail'; email: string }
  | { kind: 'need-email' };

/** An external identity as the sign-in returned it, with the claims we read (and never trust to bind). */
export type ArrivingIdentity = Identity & { email: string | null; emailVerified: boolean; firstName: string; lastName: string };

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

  const localeOf = (visit: VisitContext): Locale => (typeof visit.locale === 'string' && isLocale(visit.locale) ? visit.locale : 'en');
  const nonceOf = (visit: VisitContext): string => {
    if (typeof visit.sessionNonce !== 'string' || visit.sessionNonce.length < 16) throw new Error('a mailed-link request needs the browser session\'s nonce');
    return visit.sessionNonce;
  };
  const redirectOf = (visit: VisitContext) => (typeof visit.redirect === 'string' && visit.redirect ? visit.redirect.slice(0, 2000) : null);
  const client = (visit: VisitContext): ClientInfo => ({ ip: visit.ip, userAgent: visit.userAgent });
  const fresh = async (contact: Contact) => (await store.contacts.get(contact.id)) ?? contact;

  async function invitedContactOf(invitation: Invitation): Promise<Contact | null> {
    const [contactId] = (await store.invitations.invitedContactIds(invitation.id, { limit: 1 })).items;
    return contactId ? store.contacts.get(contactId) : null;
  }

  /** Rule (c): the single invitation's contact, if it has no sign-in method yet; else who they are must be proven otherwise. */
  async function unclaimedInvitedContact(invitation: Invitation): Promise<Contact> {
    const invited = await invitedContactOf(invitation);
    if (!invited) throw new CustomerAccessError('details_missing', 'This invitation has no contact to give access to.');
    if (await hasSignInMethod(ctx, invited)) throw new CustomerAccessError('account_exists', 'You already have an account: sign in to accept the invitation.', 409);
    return invited;
  }

  /** A group identity with an address to use: a verified claim for an unknown address makes a new contact; anything else is proven by mail. */
  async function identityWithAddress(identity: ArrivingIdentity, email: string, verifiedClaim: boolean, invitation: Invitation, visit: VisitContext): Promise<AccessOutcome> {
    const person = { email, firstName: identity.firstName || 'Customer', lastName: identity.lastName || '-' };
    const byMail = async (): Promise<AccessOutcome> => ({
      kind: 'check-mail',
      ...(await proofs.request({ person, credential: { kind: 'identity', issuer: identity.issuer, subject: identity.subject }, invitation, redirect: redirectOf(visit), locale: localeOf(visit), sessionNonce: nonceOf(visit) })),
    });
    if (!verifiedClaim) return byMail();
    const { contact, fresh: isNew } = await contactWithAddress(ctx, person);
    if (!isNew) return byMail();
    try {
      await redeemFor(ctx, invitation, contact.id, client(visit));
    } catch (error) {
      await store.contacts.removeIfUnused(contact.id);
      throw error;
    }
    await bindIdentity(ctx, contact, identity, { kind: 'new-contact' });
    return { kind: 'redeemed', contact: await fresh(contact), invitation: await invitationById(ctx, invitation.id), via: null };
  }

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
        const invited = await unclaimedInvitedContact(invitation);
        const passwordHash = await hashNewPassword(input.password, input.confirm, invited.primaryEmail);
        const { invitation: redeemed } = await redeemFor(ctx, invitation, invited.id, client(given));
        await bindPassword(ctx, invited, passwordHash, { kind: 'single-code', invitationId: invitation.id });
        return { kind: 'redeemed', contact: await fresh(invited), invitation: redeemed, via: invitation.id };
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

    /**
     * After "Sign in with Microsoft". A linked identity signs its contact in. Otherwise it is linked
     * to the signed-in visitor (a); or, with an invitation waiting, to a single invitation's contact
     * that has no sign-in method (c); or, for a group, to the contact whose address is proven by a
     * mailed link (b), or to a new contact when the provider vouches for an address nobody has.
     */
    async identityArrived(identity: ArrivingIdentity, visit: VisitContext & { signedInContactId: string | null; signedInVia?: string | null; invitationId: string | null }): Promise<AccessOutcome> {
      const linked = await store.contacts.findByIdentity(identity.issuer, identity.subject);
      if (linked) {
        const via = linked.identities.find((i) => i.issuer === identity.issuer && i.subject === identity.subject)?.viaInvitationId ?? null;
        return { kind: 'signed-in', contact: linked, via };
      }
      const signedIn = visit.signedInContactId ? await store.contacts.get(visit.signedInContactId) : null;
      if (signedIn) {
        const via = visit.signedInVia ?? null;
        await bindIdentity(ctx, signedIn, identity, { kind: 'signed-in', viaInvitationId: via });
        return { kind: 'signed-in', contact: await fresh(signedIn), via };
      }
      if (!visit.invitationId) throw new CustomerAccessError('identity_unknown', 'No account is linked to this Microsoft account yet. Redeem your invitation first.', 403);
      const invitation = checkUsable(ctx, await invitationById(ctx, visit.invitationId));
      if (invitation.type === 'single') {
        const invited = await unclaimedInvitedContact(invitation);
        const { invitation: redeemed } = await redeemFor(ctx, invitation, invited.id, client(visit));
        await bindIdentity(ctx, invited, identity, { kind: 'single-code', invitationId: invitation.id });
        return { kind: 'redeemed', contact: await fresh(invited), invitation: redeemed, via: invitation.id };
      }
      const email = identity.email ? normaliseEmail(identity.email) : '';
      if (!isEmail(email)) return { kind: 'need-email' };
      return identityWithAddress(identity, email, identity.emailVerified, invitation, visit);
    },

    /** A group identity that came without an address: the visitor typed one, which is proven by mail. */
    async identityWithTypedEmail(identity: ArrivingIdentity, email: string, visit: VisitContext & { invitationId: string }): Promise<AccessOutcome> {
      email = normaliseEmail(text(email));
      if (!isEmail(email)) throw new CustomerAccessError('email_missing', 'Fill in your e-mail address.');
      const invitation = checkUsable(ctx, await invitationById(ctx, visit.invitationId));
      return identityWithAddress(identity, email, false, invitation, visit);
    },

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
      if (invitation.type === 'single') invitedEmail = (await invitedContactOf(invitation))?.primaryEmail ?? null;
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
