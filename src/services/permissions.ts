import { NotAllowedError } from '../domain/errors.ts';
import { phrase } from '../domain/phrases.ts';
import { hasRole, type StaffRole } from '../domain/staff.ts';
import type { Actor, ServiceContext } from './context.ts';

/**
 * Refuses an actor whose staff role does not allow `what`. The admin CLI may do everything; a
 * staff member needs `role` (admins hold every role), as does an ADMIN_OBJECT_IDS admin.
 */
export async function assertMay(ctx: ServiceContext, actor: Actor, role: StaffRole, what: string): Promise<void> {
  if (actor === 'cli') return;
  const id = actor.trim().toLowerCase();
  if (ctx.adminObjectIds?.includes(id)) return;
  const member = await ctx.store.staff.get(id);
  if (member && hasRole(member, role)) return;
  throw new NotAllowedError(phrase('permission.denied', { what }));
}
