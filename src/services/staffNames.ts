import { apiKeyIdOf, isApiActor } from '../domain/apiClient.ts';
import type { Actor, ServiceContext } from './context.ts';

/**
 * How staff read who did something: a staff member's display name, "the admin CLI" for `cli`,
 * an API client by its name, never an object id. Someone no longer on staff is named as that.
 */
export async function actorDisplayName(ctx: ServiceContext, actor: Actor): Promise<string> {
  if (actor === 'cli') return 'the admin CLI';
  if (actor === 'system') return 'Invite Desk';
  if (isApiActor(actor)) {
    if (ctx.apiClient?.actor === actor) return ctx.apiClient.name;
    const keyId = apiKeyIdOf(actor);
    const key = keyId ? await ctx.store.apiKeys.get(keyId) : null;
    return key ? `API key "${key.name}"` : `API client ${actor.slice('api:'.length)}`;
  }
  return (await ctx.store.staff.get(actor.toLowerCase()))?.displayName ?? 'a former staff member';
}
