/** A customer's local sign-in: e-mail and password hash, one per contact. */
export type LocalAccount = {
  contactId: string;
  email: string;
  passwordHash: string;
  createdAt: Date;
  updatedAt: Date;
};
