import type { Contact, Identity } from '../domain/contact.ts';
import type { Invitation } from '../domain/invitation.ts';
import { isEmail, normaliseEmail } from '../domain/email.ts';
import { ConflictError, CustomerAccessError } from '../domain/errors.ts';
import { hashPassword, passwordProblem } from '../customers/passwords.ts';
import type { ServiceContext } from './context.ts';
import { text } from './input.ts';

/*
 * The sign-in methods of a contact (a local password, linked external identities) and the only
 * ways one is added. Who may add one is decided by the callers, each naming the proof it holds
 * (see "Who may become a contact" in docs/customer-access.md):
 *   (a) the contact is signed in by a method it already has;
 *   (b) control of the contact's primary e-mail was proven by a mailed link;
 *   (c) a single invitation's code, for a contact that has no sign-in method at all.
 * Under (c) the method records the invitation, so resetting that redemption takes it away again.
 */

export type NewPerson = { email: string; firstName: string; lastName: string };

/**
 * The proof a binding rests on; `new-contact`: the contact was made for this person in the same step.
 * A method added while signed in inherits the provenance of the method the session signed in with,
 * so resetting a redemption also removes what was added from a session its code alone opened.
 */
export type Proof =
  | { kind: 'signed-in'; viaInvitationId: string | null }
  | { kind: 'mailbox' }
  | { kind: 'new-contact' }
  | { kind: 'single-code'; invitationId: string };

export async function hasSignInMethod(ctx: ServiceContext, contact: Contact): Promise<boolean> {
  return contact.identities.length > 0 || (await ctx.store.localAccounts.get(contact.id)) !== null;
}

/** The contact as stored now (after a binding or a redemption changed it). */
export async function reread(ctx: ServiceContext, contact: Contact): Promise<Contact> {
  return (await ctx.store.contacts.get(contact.id)) ?? contact;
}

/** A single invitation's invited contact (null for a group, or one with nobody left). */
export async function invitedContactOf(ctx: ServiceContext, invitation: Invitation): Promise<Contact | null> {
  const [contactId] = (await ctx.store.invitations.invitedContactIds(invitation.id, { limit: 1 })).items;
  return contactId ? ctx.store.contacts.get(contactId) : null;
}

/** Rule (c): the single invitation's contact, if it has no sign-in method yet; else who they are must be proven otherwise. */
export async function unclaimedInvitedContact(ctx: ServiceContext, invitation: Invitation): Promise<Contact> {
  const invited = await invitedContactOf(ctx, invitation);
  if (!invited) throw new CustomerAccessError('details_missing', 'This invitation has no contact to give access to.');
  if (await hasSignInMethod(ctx, invited)) throw new CustomerAccessError('account_exists', 'You already have an account: sign in to accept the invitation.', 409);
  return invited;
}

export function checkNewPassword(password: string, confirm: string, email: string | null): void {
  if (password !== confirm) throw new CustomerAccessError('passwords_differ', 'The two passwords are not the same.');
  const problem = passwordProblem(password, email);
  if (problem) throw new CustomerAccessError(problem, 'Choose a longer, less common password.');
}

function viaInvitation(proof: Proof): string | null {
  if (proof.kind === 'single-code') return proof.invitationId;
  return proof.kind === 'signed-in' ? proof.viaInvitationId : null;
}

/**
 * After the mailbox is proven for a new password: unlinks every identity whose binding did not rest
 * on the mailbox (a code, a session, a provider's word), since whoever holds the mailbox is the
 * contact and may not know who else got in. Returns how many were unlinked.
 */
async function keepOnlyMailboxIdentities(ctx: ServiceContext, contact: Contact): Promise<number> {
  let unlinked = 0;
  for (const identity of contact.identities) {
    if (identity.proof !== 'mailbox' && (await ctx.store.contacts.removeIdentity(contact.id, identity))) unlinked++;
  }
  return unlinked;
}

/**
 * Gives the contact a password. A contact that had none gets one only if nobody else gave it one
 * first (of concurrent first passwords, one wins; the others are refused with nothing written).
 * Replacing a password needs the mailbox (b) or a sign-in (a). With the mailbox proven, identities
 * bound on weaker proof are unlinked; every other session ends when anything was replaced or unlinked.
 */
export async function bindPassword(ctx: ServiceContext, contact: Contact, passwordHash: string, proof: Proof): Promise<{ sessionsEnded: boolean; unlinkedIdentities: number }> {
  const now = ctx.clock();
  const existing = await ctx.store.localAccounts.get(contact.id);
  if (existing && proof.kind === 'single-code') throw new CustomerAccessError('account_exists', 'You already have an account: sign in to accept the invitation.');
  if (existing) {
    await ctx.store.localAccounts.save({ ...existing, passwordHash, updatedAt: now, viaInvitationId: viaInvitation(proof) });
  } else {
    const email = contact.primaryEmail;
    if (!email) throw new CustomerAccessError('details_missing', 'This account has no e-mail address to sign in with.');
    try {
      await ctx.store.localAccounts.create({ contactId: contact.id, email, passwordHash, createdAt: now, updatedAt: now, viaInvitationId: viaInvitation(proof) });
    } catch (error) {
      if (error instanceof ConflictError) throw new CustomerAccessError('account_exists', 'You already have an account: sign in to accept the invitation.', 409);
      throw error;
    }
  }
  const unlinkedIdentities = proof.kind === 'mailbox' ? await keepOnlyMailboxIdentities(ctx, contact) : 0;
  const sessionsEnded = Boolean(existing) || unlinkedIdentities > 0;
  if (sessionsEnded) await ctx.store.contacts.endSessions(contact.id);
  return { sessionsEnded, unlinkedIdentities };
}

/** Links an external identity (issuer + subject) to the contact, recording the proof's invitation. */
export async function bindIdentity(ctx: ServiceContext, contact: Contact, identity: Identity, proof: Proof): Promise<void> {
  try {
    await ctx.store.contacts.addIdentity(contact.id, { issuer: identity.issuer, subject: identity.subject, linkedAt: ctx.clock(), viaInvitationId: viaInvitation(proof), proof: proof.kind });
  } catch (error) {
    if (error instanceof ConflictError) throw new CustomerAccessError('identity_linked_elsewhere', 'This Microsoft account is already linked to another account.', 409);
    throw error;
  }
}

export async function hashNewPassword(password: string, confirm: string, email: string | null): Promise<string> {
  checkNewPassword(password, confirm, email);
  return hashPassword(password);
}

/** A person's details from a form: trimmed, checked, the address normalised. */
export function personFrom(given: NewPerson): NewPerson {
  const person = { firstName: text(given.firstName).trim().slice(0, 100), lastName: text(given.lastName).trim().slice(0, 100), email: normaliseEmail(text(given.email)) };
  if (!person.firstName || !person.lastName || !isEmail(person.email)) {
    throw new CustomerAccessError('details_missing', 'Fill in your first name, last name and e-mail address.');
  }
  return person;
}

/**
 * The contact with the person's address, or a new one for them (`fresh`), whichever comes first when
 * two requests for one new address finish at once.
 */
export async function contactWithAddress(ctx: ServiceContext, person: NewPerson): Promise<{ contact: Contact; fresh: boolean }> {
  const known = await ctx.store.contacts.findByPrimaryEmail(person.email);
  if (known) return { contact: known, fresh: false };
  try {
    return { contact: await createContact(ctx, person), fresh: true };
  } catch (error) {
    const raced = error instanceof ConflictError ? await ctx.store.contacts.findByPrimaryEmail(person.email) : null;
    if (!raced) throw error;
    return { contact: raced, fresh: false };
  }
}

/** A new contact for a person whose address has been proven (or is about to be, in the same step). */
export async function createContact(ctx: ServiceContext, person: NewPerson): Promise<Contact> {
  const contact: Contact = {
    id: ctx.newId(), firstName: person.firstName, lastName: person.lastName, primaryEmail: person.email,
    secondaryEmail: null, alternateEmail: null, parentAccountId: null, webRoleIds: [], identities: [], createdAt: ctx.clock(),
  };
  await ctx.store.contacts.insert(contact);
  return contact;
}
