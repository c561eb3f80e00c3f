import { z } from 'zod';
import type { Contact } from '../domain/contact.ts';
import { isEmail, normaliseEmail } from '../domain/email.ts';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors.ts';
import type { Page } from '../store/port.ts';
import { auditChanges } from '../domain/audit.ts';
import { auditEvent } from './auditTrail.ts';
import type { Actor, ServiceContext } from './context.ts';
import { pageInput, parseInput, type PageInput } from './input.ts';
import { noProgress, type OnProgress } from './progress.ts';
import { resolveNamed } from './directory.ts';

const optionalEmail = z.string().trim().max(254)
  .refine((value) => value === '' || isEmail(value), 'is not an e-mail address')
  .transform((value) => (value === '' ? null : normaliseEmail(value)))
  .nullish();

export const newContactInput = z.object({
  firstName: z.string().trim().max(100, 'is at most 100 characters').default(''),
  lastName: z.string().trim().max(100, 'is at most 100 characters').default(''),
  primaryEmail: optionalEmail,
  secondaryEmail: optionalEmail,
  alternateEmail: optionalEmail,
  /** Account id or name. */
  account: z.string().trim().max(200).nullish(),
}).refine((c) => c.firstName || c.lastName || c.primaryEmail, { message: 'needs a name or a primary e-mail', path: ['contact'] });
export type NewContactInput = z.input<typeof newContactInput>;

const contactFilter = z.object({ search: z.string().trim().max(200, 'is at most 200 characters').optional() });

/** Rows written per store call during an import. */
const IMPORT_CHUNK = 1_000;

/** What the audit trail keeps of a new contact: the fields staff typed. */
export const contactAdded = (ctx: ServiceContext, actor: Actor, c: Contact) => auditEvent(ctx, actor, 'contact.added', c.id, {
  changes: auditChanges(null, { firstName: c.firstName, lastName: c.lastName, primaryEmail: c.primaryEmail, secondaryEmail: c.secondaryEmail, alternateEmail: c.alternateEmail, parentAccountId: c.parentAccountId }),
});

/**
 * Contacts: add one, import many, find or make one while inviting. `actor` is who does it, for
 * the audit trail (each added contact is one `contact.added` event).
 */
export function contactService(ctx: ServiceContext) {
  const { store } = ctx;

  async function build(input: NewContactInput): Promise<Contact> {
    const data = parseInput(newContactInput, input);
    const account = data.account ? await resolveNamed(store.accounts, 'Account', data.account) : null;
    return {
      id: ctx.newId(),
      firstName: data.firstName,
      lastName: data.lastName,
      primaryEmail: data.primaryEmail ?? null,
      secondaryEmail: data.secondaryEmail ?? null,
      alternateEmail: data.alternateEmail ?? null,
      parentAccountId: account?.id ?? null,
      webRoleIds: [],
      identities: [],
      createdAt: ctx.clock(),
    };
  }

  return {
    async add(input: NewContactInput, actor: Actor = 'system'): Promise<Contact> {
      const contact = await build(input);
      await store.contacts.insert(contact, contactAdded(ctx, actor, contact));
      return contact;
    },

    /**
     * Adds many contacts. Every row is checked first; if any is invalid nothing is written and the
     * error lists each bad row. Rows whose e-mail already belongs to a contact are skipped and reported.
     * `onProgress` hears of the rows checked, then of the rows written.
     */
    async import(rows: readonly NewContactInput[], actor: Actor = 'system', options: { onProgress?: OnProgress } = {}): Promise<{ added: Contact[]; skipped: { row: number; email: string; reason: string }[] }> {
      if (!Array.isArray(rows)) throw new ValidationError([{ field: 'rows', message: 'must be a list of contacts' }]);
      const problems: { field: string; message: string }[] = [];
      const built: Contact[] = [];
      const onProgress = options.onProgress ?? noProgress;
      for (const [index, row] of rows.entries()) {
        try {
          built.push(await build(row));
        } catch (error) {
          if (!(error instanceof ValidationError || error instanceof NotFoundError)) throw error;
          problems.push({ field: `row ${index + 1}`, message: error.message });
        }
        onProgress({ step: 'checking', done: index + 1, total: rows.length });
      }
      if (problems.length) throw new ValidationError(problems);

      // The store skips a contact whose e-mail is taken (by an earlier row, too), in one write per chunk.
      const added: Contact[] = [];
      const skipped: { row: number; email: string; reason: string }[] = [];
      for (let start = 0; start < built.length; start += IMPORT_CHUNK) {
        const chunk = built.slice(start, start + IMPORT_CHUNK);
        const refused = new Set((await store.contacts.insertMany(chunk, (c) => contactAdded(ctx, actor, c))).skippedIds);
        chunk.forEach((contact, offset) => {
          if (!refused.has(contact.id)) added.push(contact);
          else skipped.push({ row: start + offset + 1, email: contact.primaryEmail ?? '', reason: 'a contact with this e-mail already exists' });
        });
        onProgress({ step: 'writing', done: start + chunk.length, total: built.length });
      }
      return { added, skipped };
    },

    async list(filter: { search?: string }, page: PageInput = {}): Promise<Page<Contact>> {
      const { search } = parseInput(contactFilter, filter);
      return store.contacts.list({ search: search || undefined }, parseInput(pageInput, page));
    },

    /** The contact with this primary e-mail, or a new one with the names given (staff inviting someone new). */
    async ensure(input: { email: string; firstName?: string; lastName?: string; account?: string | null }, actor: Actor = 'system'): Promise<Contact> {
      const existing = isEmail(input.email) ? await store.contacts.findByPrimaryEmail(normaliseEmail(input.email)) : null;
      if (existing) return existing;
      const contact = await build({ primaryEmail: input.email, firstName: input.firstName ?? '', lastName: input.lastName ?? '', account: input.account });
      try {
        await store.contacts.insert(contact, contactAdded(ctx, actor, contact));
        return contact;
      } catch (error) {
        const raced = error instanceof ConflictError ? await store.contacts.findByPrimaryEmail(contact.primaryEmail!) : null;
        if (raced) return raced;
        throw error;
      }
    },

    /** Finds a contact by id or primary e-mail. */
    async resolve(reference: string): Promise<Contact> {
      return resolveContact(ctx, reference);
    },
  };
}

export async function resolveContact(ctx: ServiceContext, reference: string): Promise<Contact> {
  const trimmed = reference.trim();
  const contact = isEmail(trimmed)
    ? await ctx.store.contacts.findByPrimaryEmail(normaliseEmail(trimmed))
    : await ctx.store.contacts.get(trimmed);
  if (!contact) throw new NotFoundError('Contact', trimmed);
  return contact;
}
