import { createHash } from 'node:crypto';
/** A sign-in identity linked to a contact: who vouches for them (issuer) and their id there (subject). */
export type Identity = { issuer: string; subject: string };

/**
 * Where a sign-in method came from, kept with it: the invitation whose code alone vouched for the
 * binding (rule (c) in "Who may become a contact"), so that resetting that redemption removes it.
 * Null when the contact proved itself otherwise (signed in already, or a mailed link).
 */
export type Provenance = { viaInvitationId?: string | null };

/**
 * What a binding rested on (see docs/customer-access.md): `mailbox` (b), `signed-in` (a),
 * `single-code` (c), `new-contact` (the contact was made for this identity, on the provider's word
 * for a new address). A password reset, which proves the mailbox, keeps only `mailbox` identities.
 */
export type BindingProof = 'mailbox' | 'signed-in' | 'single-code' | 'new-contact';

/** An identity as it is linked: with when, what it rested on, and the provenance of the link. */
export type LinkedIdentity = Identity & Provenance & { linkedAt?: Date; proof?: BindingProof };

/** A customer (Dynamics: contact). Mail only ever goes to `primaryEmail`. */
export type Contact = {
  id: string;
  firstName: string;
  lastName: string;
  primaryEmail: string | null;
  secondaryEmail: string | null;
  alternateEmail: string | null;
  parentAccountId: string | null;
  webRoleIds: string[];
  identities: LinkedIdentity[];
  createdAt: Date;
  /**
   * Bumped to end every session of the contact (and every reset or confirmation link issued
   * before): a session or link remembers the value it was made under and is void once it moved.
   * Stores return 0 for a contact that never had it bumped.
   */
  sessionGeneration?: number;
  /** When control of the primary e-mail was last proven by a mailed link; null if never. */
  emailVerifiedAt?: Date | null;
};

export function displayName(contact: Pick<Contact, 'firstName' | 'lastName' | 'primaryEmail'>): string {
  const name = `${contact.firstName} ${contact.lastName}`.trim();
  return name || contact.primaryEmail || '(no name)';
}

/**
 * The contact's version as the API shows it (its `ETag`): a digest of what staff and API clients
 * can change (names, e-mails, account, web roles), so any change to those gives another tag.
 */
export function contactTag(contact: Pick<Contact, 'firstName' | 'lastName' | 'primaryEmail' | 'secondaryEmail' | 'alternateEmail' | 'parentAccountId' | 'webRoleIds'>): string {
  const fields = [contact.firstName, contact.lastName, contact.primaryEmail, contact.secondaryEmail, contact.alternateEmail, contact.parentAccountId, [...contact.webRoleIds].sort()];
  return `c${createHash('sha256').update(JSON.stringify(fields)).digest('hex').slice(0, 20)}`;
}

/**
 * What a redemption gives a contact: the invitation's account as parent (when it names one) and
 * its web roles beside those the contact has. Null when the contact has all of that already.
 */
export function redemptionGrant(
  contact: Pick<Contact, 'parentAccountId' | 'webRoleIds'>,
  gives: { accountId: string | null; webRoleIds: readonly string[] },
): Pick<Contact, 'parentAccountId' | 'webRoleIds'> | null {
  const webRoleIds = [...new Set([...contact.webRoleIds, ...gives.webRoleIds])];
  const parentAccountId = gives.accountId ?? contact.parentAccountId;
  if (webRoleIds.length === contact.webRoleIds.length && parentAccountId === contact.parentAccountId) return null;
  return { parentAccountId, webRoleIds };
}
