import { NotFoundError } from '../domain/errors.ts';
import type { Invitation } from '../domain/invitation.ts';
import { CODE_LENGTH } from '../domain/inviteCode.ts';
import type { ServiceContext } from './context.ts';

/** An invitation as staff name it: by id, or by its code in any spelling a person might type. */
export async function findInvitation(ctx: ServiceContext, reference: string): Promise<Invitation> {
  const trimmed = reference.trim();
  const byCode = trimmed.replace(/[\s-]/g, '').length === CODE_LENGTH;
  const invitation = byCode
    ? await ctx.store.invitations.findByCodeLookupKey(ctx.vault.lookupKey(trimmed))
    : await ctx.store.invitations.get(trimmed);
  if (!invitation) throw new NotFoundError('Invitation', byCode ? 'with that code' : trimmed);
  return invitation;
}
