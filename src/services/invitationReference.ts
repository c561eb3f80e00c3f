import { NotFoundError } from '../domain/errors.ts';
import type { Invitation } from '../domain/invitation.ts';
import { isEmail, normaliseEmail } from '../domain/email.ts';
import { CODE_LENGTH, normaliseCode } from '../domain/inviteCode.ts';
import type { ServiceContext } from './context.ts';

/** A reference that is a code in any spelling a person might type: 16 symbols, spaces and dashes aside. */
export function looksLikeCode(reference: string): boolean {
  return reference.replace(/[\s-]/g, '').length === CODE_LENGTH;
}

/**
 * An invitation as staff name it, in every edge (CLI, bot, API): by id, by its code, or by an
 * invited contact's e-mail address (then the newest invitation sent to that contact). Callers
 * check the actor's role first, so a refused actor never learns whether a reference exists.
 */
export async function findInvitation(ctx: ServiceContext, reference: string): Promise<Invitation> {
  const trimmed = reference.trim();
  const invitation = isEmail(trimmed)
    ? await newestFor(ctx, trimmed)
    : looksLikeCode(trimmed)
      ? await byCode(ctx, trimmed)
      : await ctx.store.invitations.get(trimmed);
  if (!invitation) throw new NotFoundError('Invitation', looksLikeCode(trimmed) ? 'with that code' : trimmed);
  return invitation;
}

async function byCode(ctx: ServiceContext, code: string): Promise<Invitation | null> {
  let canonical: string;
  try {
    canonical = normaliseCode(code);
  } catch {
    return null; // a code-length reference with symbols no code has: simply no such invitation
  }
  return ctx.store.invitations.findByCodeLookupKey(ctx.vault.lookupKey(canonical));
}

async function newestFor(ctx: ServiceContext, email: string): Promise<Invitation | null> {
  const contact = await ctx.store.contacts.findByPrimaryEmail(normaliseEmail(email));
  if (!contact) return null;
  const [newest] = (await ctx.store.invitations.list({ invitedContactId: contact.id }, { limit: 1 })).items;
  return newest ?? null;
}
