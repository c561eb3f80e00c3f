import type { Actor, ServiceContext } from './context.ts';

/**
 * How staff read who did something: a staff member's display name, "the admin CLI" for `cli`,
 * "API client <name>" for `api:<name>`,
 * never an object id. Someone no longer on staff is named as that.
 */
export async function actorDisplayName(ctx: ServiceContext, actor: Actor): Promise<string> {
  if (actor === 'cli') return 'the admin CLI';
  if (actor === 'system') return 'Invite Desk';
  if (actor.startsWith('api:')) return `API client ${actor.slice(4)}`;
  return (await ctx.store.staff.get(actor.toLowerCase()))?.displayName ?? 'a former staff member';
}
