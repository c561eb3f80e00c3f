import type { Account } from '../domain/account.ts';
import { ConflictError, NotFoundError } from '../domain/errors.ts';
import type { WebRole } from '../domain/webRole.ts';
import type { NamedStore, Page } from '../store/port.ts';
import { changeEvent } from './auditTrail.ts';
import type { Actor, ServiceContext } from './context.ts';
import { nameField, pageInput, parseInput, type PageInput } from './input.ts';

/**
 * Accounts and web roles: named records staff create once and invitations refer to. `actor` is
 * who adds one, for the audit trail (`account.added`, `web-role.added`).
 */
export function namedService<T extends Account | WebRole>(ctx: ServiceContext, records: NamedStore<T>, label: string) {
  const addedAction = `${label.toLowerCase().replace(/ /g, '-')}.added`;
  return {
    async add(name: string, actor: Actor = 'system'): Promise<T> {
      const record = { id: ctx.newId(), name: parseInput(nameField('Name'), name), createdAt: ctx.clock() } as T;
      await records.insert(record, changeEvent(ctx, actor, addedAction, record.id, null, { name: record.name }));
      return record;
    },
    async list(page: PageInput = {}): Promise<Page<T>> {
      return records.list(parseInput(pageInput, page));
    },
    /** The record with this name, or a new one. */
    async ensure(name: string, actor: Actor = 'system'): Promise<T> {
      const trimmed = parseInput(nameField('Name'), name);
      const existing = await records.findByName(trimmed);
      if (existing) return existing;
      try {
        return await this.add(trimmed, actor);
      } catch (error) {
        const raced = error instanceof ConflictError ? await records.findByName(trimmed) : null;
        if (raced) return raced;
        throw error;
      }
    },

    /** Finds a record by id or by name (case-insensitive). */
    async resolve(reference: string): Promise<T> {
      return resolveNamed(records, label, reference);
    },
  };
}

export async function resolveNamed<T extends { id: string; name: string }>(records: NamedStore<T>, label: string, reference: string): Promise<T> {
  const trimmed = reference.trim();
  const found = (await records.get(trimmed)) ?? (await records.findByName(trimmed));
  if (!found) throw new NotFoundError(label, `"${trimmed}"`);
  return found;
}

/** The names of an account and of web roles, for people to read; ids that are gone are left out. */
export async function namesOf(ctx: ServiceContext, accountId: string | null, webRoleIds: readonly string[]): Promise<{ account: string | null; webRoles: string[] }> {
  const [account, roles] = await Promise.all([accountId ? ctx.store.accounts.get(accountId) : null, ctx.store.webRoles.getMany(webRoleIds)]);
  return { account: account?.name ?? null, webRoles: roles.map((role) => role.name) };
}
