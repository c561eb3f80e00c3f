import { LOCALES, type Locale } from '../domain/invitation.ts';
import { linkKey, RESET_NAMESPACE } from '../customers/mailedLinks.ts';
import type { Contact } from '../domain/contact.ts';
import { isEmail, normaliseEmail } from '../domain/email.ts';
import { CustomerAccessError } from '../domain/errors.ts';
import { newJob } from '../domain/job.ts';
import { JOB_KINDS } from '../domain/jobKinds.ts';
import type { ServiceContext } from './context.ts';
import { text } from './input.ts';
import { bindPassword, hashNewPassword } from './signInMethods.ts';

/**
 * Forgotten passwords: a single-use link mailed to the contact's primary e-mail (rule (b)). A
 * completed reset ends every session of the contact and voids every older reset link (both are
 * tied to the contact's session generation, which the reset moves on).
 */
export function passwordResets(ctx: ServiceContext) {
  const { store } = ctx;

  async function contactOfLink(token: string): Promise<Contact | null> {
    const record = token ? await store.ephemeral.get(RESET_NAMESPACE, linkKey(token), ctx.clock()) : null;
    const contact = record ? await store.contacts.get(String(record.contactId)) : null;
    if (!contact || (contact.sessionGeneration ?? 0) !== Number(record!.generation ?? 0)) return null;
    return contact;
  }

  const invalidLink = () => new CustomerAccessError('reset_link_invalid', 'This link has expired or has been used. Ask for a new one.', 410);

  return {
    /** Queues a reset mail, in the language the visitor reads the site in, if the address belongs to a contact; says nothing either way. */
    async request(email: string, locale: Locale = 'en'): Promise<void> {
      email = text(email);
      if (!isEmail(email)) return;
      const contact = await store.contacts.findByPrimaryEmail(normaliseEmail(email));
      if (!contact) return;
      await store.jobs.enqueue(newJob({ id: ctx.newId(), kind: JOB_KINDS.passwordResetMail, subjectId: contact.id, payload: { contactId: contact.id, locale: LOCALES.includes(locale) ? locale : 'en' } }, ctx.clock()));
    },

    /**
     * Sets a new password with a mailed link; the link works once. Signs nobody in by itself. Says
     * how many sign-ins with an external identity it unlinked (those not proven by this mailbox).
     */
    async reset(token: string, password: string, confirm: string): Promise<{ contact: Contact; unlinkedIdentities: number }> {
      [token, password, confirm] = [text(token), text(password), text(confirm)];
      const contact = await contactOfLink(token);
      if (!contact) throw invalidLink();
      const passwordHash = await hashNewPassword(password, confirm, contact.primaryEmail);
      if (!(await store.ephemeral.take(RESET_NAMESPACE, linkKey(token), ctx.clock()))) throw invalidLink();
      // A reset always voids every session and every older link, even when it only gave a first password.
      const bound = await bindPassword(ctx, contact, passwordHash, { kind: 'mailbox' });
      if (!bound.sessionsEnded) await store.contacts.endSessions(contact.id);
      await store.contacts.markEmailVerified(contact.id, ctx.clock());
      return { contact, unlinkedIdentities: bound.unlinkedIdentities };
    },

    async isValid(token: string): Promise<boolean> {
      return (await contactOfLink(text(token))) !== null;
    },
  };
}
