import { DUMMY_HASH, verifyPassword } from '../customers/passwords.ts';
import { displayName, type Contact } from '../domain/contact.ts';
import { isEmail, normaliseEmail } from '../domain/email.ts';
import { CustomerAccessError } from '../domain/errors.ts';
import type { ServiceContext } from './context.ts';
import { namesOf } from './directory.ts';
import { text } from './input.ts';

/** The signed-in customer of a request: id and name for the page, the contact as read. */
export type Visitor = { id: string; name: string; contact: Contact };

/** Signing in with a password, and who is signed in: the page header and the profile page. */
export function customerSignIn(ctx: ServiceContext) {
  const { store } = ctx;
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
     * Who is signed in: the contact's id and name for the page header, and the contact as read
     * (so a redemption in the same request does not read it again); null if it is gone or the
     * session was made before its sessions were ended (password reset, redemption reset).
     */
    async visitor(contactId: string, sessionGeneration: number): Promise<Visitor | null> {
      const contact = await store.contacts.get(contactId);
      if (!contact || (contact.sessionGeneration ?? 0) !== sessionGeneration) return null;
      return { id: contact.id, name: displayName(contact), contact };
    },

    async profile(contactId: string) {
      const contact = await store.contacts.get(contactId);
      if (!contact) return null;
      const { account, webRoles } = await namesOf(ctx, contact.parentAccountId, contact.webRoleIds);
      return {
        contact, name: displayName(contact), account,
        webRoles: [...webRoles].sort(),
        hasPassword: Boolean(await store.localAccounts.get(contact.id)),
        hasMicrosoft: contact.identities.length > 0,
        /** Who vouches for each linked identity (the issuer's host), so the owner sees every way in. */
        identityIssuers: contact.identities.map((i) => issuerHost(i.issuer)),
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
