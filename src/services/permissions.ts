import { apiRolesGrant, isApiActor, type Permission } from '../domain/apiClient.ts';
import { NotAllowedError } from '../domain/errors.ts';
import { phrase } from '../domain/phrases.ts';
import { hasRole } from '../domain/staff.ts';
import type { Actor, ServiceContext } from './context.ts';

/**
 * Refuses an actor whose staff role does not allow `what`. The admin CLI may do everything; a
 * staff member needs `permission` (admins hold every role), as does an ADMIN_OBJECT_IDS admin;
 * `directory` (contacts, accounts and web roles by hand) is the admins'. An API client (`api:…`)
 * needs it among what its app roles grant, and only the client the context acts for is one.
 */
export async function assertMay(ctx: ServiceContext, actor: Actor, permission: Permission, what: string): Promise<void> {
  if (actor === 'cli') return;
  if (isApiActor(actor)) {
    if (ctx.apiClient?.actor === actor && apiRolesGrant(ctx.apiClient.roles, permission)) return;
    throw new NotAllowedError(`This API client's roles do not allow ${what}.`);
  }
  const id = actor.trim().toLowerCase();
  if (ctx.adminObjectIds?.includes(id)) return;
  const member = await ctx.store.staff.get(id);
  if (member && hasRole(member, permission === 'directory' ? 'admin' : permission)) return;
  throw new NotAllowedError(phrase('permission.denied', { what }));
}
