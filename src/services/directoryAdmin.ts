import type { Account } from '../domain/account.ts';
import { ConflictError, NotFoundError } from '../domain/errors.ts';
import type { WebRole } from '../domain/webRole.ts';
import type { NamedStore, Page } from '../store/port.ts';
import type { Actor, ServiceContext } from './context.ts';
import { namedService, resolveNamed } from './directory.ts';
import { nameField, pageInput, parseInput, type PageInput } from './input.ts';
import { assertMay } from './permissions.ts';

/**
 * Accounts and web roles by hand, for directory managers (among staff: admins; API clients with
 * Directory.ReadWrite): list, create, rename, and remove one nothing refers to. Each change is
 * audited with the record as subject.
 */
export function directoryAdminService<T extends Account | WebRole>(ctx: ServiceContext, records: NamedStore<T>, label: string, kind: 'account' | 'web-role') {
  const named = namedService(ctx, records, label);
  const audit = (actor: Actor, action: string, id: string, detail: Record<string, unknown>) =>
    ctx.store.audit.append({ id: ctx.newId(), at: ctx.clock(), actor, action: `${kind}.${action}`, subjectId: id, detail });
  const what = kind === 'account' ? 'accounts' : 'web roles';

  return {
    async list(actor: Actor, page: PageInput = {}): Promise<Page<T>> {
      await assertMay(ctx, actor, 'viewer', `looking at ${what}`);
      return records.list(parseInput(pageInput, page));
    },
    async get(actor: Actor, reference: string): Promise<T> {
      await assertMay(ctx, actor, 'viewer', `looking at ${what}`);
      return resolveNamed(records, label, reference);
    },
    async create(actor: Actor, name: string): Promise<T> {
      await assertMay(ctx, actor, 'directory', `managing ${what}`);
      const record = await named.add(name);
      await audit(actor, 'added', record.id, { name: record.name });
      return record;
    },
    async rename(actor: Actor, reference: string, name: string): Promise<T> {
      await assertMay(ctx, actor, 'directory', `managing ${what}`);
      const newName = parseInput(nameField('Name'), name);
      const record = await resolveNamed(records, label, reference);
      const renamed = await records.rename(record.id, newName);
      if (!renamed) throw new NotFoundError(label, `"${reference.trim()}"`);
      await audit(actor, 'renamed', record.id, { before: record.name, after: renamed.name });
      return renamed;
    },
    /** Removes the record if no contact holds it and no invitation gives it. */
    async remove(actor: Actor, reference: string): Promise<void> {
      await assertMay(ctx, actor, 'directory', `managing ${what}`);
      const record = await resolveNamed(records, label, reference);
      const outcome = await records.removeIfUnused(record.id);
      if (outcome === 'missing') throw new NotFoundError(label, `"${reference.trim()}"`);
      if (outcome === 'in-use') throw new ConflictError(`${label} "${record.name}" is still held by a contact or given by an invitation; it can be removed once nothing uses it.`);
      await audit(actor, 'removed', record.id, { name: record.name });
    },
  };
}
