/** A sign-in identity linked to a contact: who vouches for them (issuer) and their id there (subject). */
export type Identity = { issuer: string; subject: string };

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
  identities: Identity[];
  createdAt: Date;
};

export function displayName(contact: Pick<Contact, 'firstName' | 'lastName' | 'primaryEmail'>): string {
  const name = `${contact.firstName} ${contact.lastName}`.trim();
  return name || contact.primaryEmail || '(no name)';
}
