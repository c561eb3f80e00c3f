import { z } from 'zod';
import {
  API_ROLES, apiKeyActor, apiKeyHash, isApiRole, looksLikeApiKey, newApiKeySecret, type ApiClient, type ApiKey, type ApiRole,
} from '../domain/apiClient.ts';
import { InvitationStateError, NotFoundError } from '../domain/errors.ts';
import type { Page } from '../store/port.ts';
import type { Actor, ServiceContext } from './context.ts';
import { nameField, pageInput, parseInput, type PageInput } from './input.ts';
import { assertMay } from './permissions.ts';

const keyInput = z.object({
  name: nameField('Name'),
  roles: z.array(z.string().trim().refine(isApiRole, `must be one of ${API_ROLES.join(', ')}`)).min(1, 'needs at least one role'),
});

/** What anyone is shown of a key: everything but its hash. */
export type ApiKeyView = Omit<ApiKey, 'hash'>;

/** A key's use is written down at most this often (every call would be a write per request). */
const LAST_USED_PRECISION_MS = 60_000;

const view = ({ hash: _hash, ...key }: ApiKey): ApiKeyView => key;

/**
 * API keys for systems without Entra ID: admins create them (the key is shown once; the store
 * keeps its hash), list and revoke them, each change audited. A key carries app roles like an
 * Entra client's; `authenticate` turns a presented key into the API client it stands for, refusing
 * a revoked key at once, and records when it was last used.
 */
export function apiKeyService(ctx: ServiceContext) {
  const { store } = ctx;
  const audit = (actor: Actor, action: string, keyId: string, detail: Record<string, unknown>) =>
    store.audit.append({ id: ctx.newId(), at: ctx.clock(), actor, action, subjectId: apiKeyActor(keyId), detail });

  return {
    async create(actor: Actor, input: { name: string; roles: readonly string[] }): Promise<{ key: string; apiKey: ApiKeyView }> {
      await assertMay(ctx, actor, 'admin', 'managing API keys');
      const data = parseInput(keyInput, input);
      const secret = newApiKeySecret();
      const apiKey: ApiKey = {
        id: ctx.newId(), name: data.name, roles: [...new Set(data.roles)] as ApiRole[], hash: secret.hash, prefix: secret.prefix,
        createdAt: ctx.clock(), createdBy: actor, revokedAt: null, lastUsedAt: null,
      };
      await store.apiKeys.insert(apiKey);
      await audit(actor, 'apikey.created', apiKey.id, { name: apiKey.name, roles: apiKey.roles, prefix: apiKey.prefix });
      return { key: secret.key, apiKey: view(apiKey) };
    },

    async list(actor: Actor, page: PageInput = {}): Promise<Page<ApiKeyView>> {
      await assertMay(ctx, actor, 'admin', 'managing API keys');
      const result = await store.apiKeys.list(parseInput(pageInput, page));
      return { items: result.items.map(view), next: result.next };
    },

    /** Revokes the key (by id or its shown prefix): it is refused from the next request on. */
    async revoke(actor: Actor, reference: string): Promise<ApiKeyView> {
      await assertMay(ctx, actor, 'admin', 'managing API keys');
      const key = await findKey(reference.trim());
      if (!key) throw new NotFoundError('API key', reference.trim().slice(0, 60));
      if (!(await store.apiKeys.revoke(key.id, ctx.clock()))) throw new InvitationStateError('This API key is revoked already.');
      await audit(actor, 'apikey.revoked', key.id, { name: key.name, prefix: key.prefix });
      return view((await store.apiKeys.get(key.id))!);
    },

    /** The API client a presented key stands for, or null for anything but a stored key that is not revoked. */
    async authenticate(presented: string): Promise<ApiClient | null> {
      if (!looksLikeApiKey(presented)) return null;
      const key = await store.apiKeys.findByHash(apiKeyHash(presented));
      if (!key || key.revokedAt) return null;
      const now = ctx.clock();
      if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) await store.apiKeys.markUsed(key.id, now);
      return { actor: apiKeyActor(key.id), name: `API key "${key.name}"`, roles: key.roles };
    },
  };

  /** A key by its id, or by the prefix lists show (when exactly one key has it). */
  async function findKey(reference: string): Promise<ApiKey | null> {
    const byId = await store.apiKeys.get(reference);
    if (byId || !reference.startsWith('idk_')) return byId;
    const matches: ApiKey[] = [];
    let after: string | null = null;
    do {
      const page: Page<ApiKey> = await store.apiKeys.list({ limit: 100, after });
      matches.push(...page.items.filter((key) => key.prefix === reference));
      after = page.next;
    } while (after);
    return matches.length === 1 ? matches[0]! : null;
  }
}
