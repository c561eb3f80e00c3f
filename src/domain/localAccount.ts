/** A customer's local sign-in: e-mail and password hash, one per contact. */
export type LocalAccount = {
  contactId: string;
  email: string;
  passwordHash: string;
  createdAt: Date;
  updatedAt: Date;
  /** The invitation whose code alone vouched for this password (rule (c)); null when proven otherwise. */
  viaInvitationId?: string | null;
};
