import { z } from 'zod';
import { NotFoundError } from '../domain/errors.ts';
import { isEmail, normaliseEmail } from '../domain/email.ts';
import { GUID } from '../domain/guid.ts';
import { isStaffRole, STAFF_ROLES, type StaffMember } from '../domain/staff.ts';
import type { Page } from '../store/port.ts';
import type { Actor, ServiceContext } from './context.ts';
import { changeEvent } from './auditTrail.ts';
import { assertMay } from './permissions.ts';
import { nameField, pageInput, parseInput, type PageInput } from './input.ts';

const staffInput = z.object({
  id: z.string().trim().regex(GUID, 'must be an Entra object id (a GUID)'),
  displayName: nameField('Display name'),
  roles: z.array(z.string().trim().refine(isStaffRole, `must be one of ${STAFF_ROLES.join(', ')}`)).min(1, 'needs at least one role'),
  /** Omitted: the address stays as it was; blank: the member has none. */
  email: z.string().trim().refine((value) => value === '' || isEmail(value), 'must be an e-mail address').optional(),
});

/** The name of an ADMIN_OBJECT_IDS admin until Teams tells us theirs. */
export const BOOTSTRAP_ADMIN_NAME = 'Invite Desk admin';

export function staffService(ctx: ServiceContext) {
  const { store } = ctx;
  /** What the audit trail keeps of a member: what an admin can change. */
  const audited = (member: StaffMember | null) => member && { displayName: member.displayName, roles: member.roles, email: member.email ?? null };
  const audit = (actor: Actor, action: string, before: StaffMember | null, after: StaffMember | null, extra: Record<string, unknown> = {}) =>
    changeEvent(ctx, actor, action, (after ?? before)!.id, audited(before), audited(after), extra);

  return {
    /** Adds a staff member, or replaces the name and roles (and the e-mail address, when given) of an existing one. */
    async save(actor: Actor, input: z.input<typeof staffInput>): Promise<StaffMember> {
      await assertMay(ctx, actor, 'admin', 'managing staff');
      const data = parseInput(staffInput, input);
      const existing = await store.staff.get(data.id.toLowerCase());
      const member: StaffMember = {
        id: data.id.toLowerCase(),
        displayName: data.displayName,
        roles: [...new Set(data.roles)],
        createdAt: existing?.createdAt ?? ctx.clock(),
      };
      const email = data.email === undefined ? existing?.email : normaliseEmail(data.email);
      if (email) member.email = email;
      await store.staff.upsert(member, audit(actor, existing ? 'staff.updated' : 'staff.added', existing, member));
      return member;
    },
    /**
     * Makes each ADMIN_OBJECT_IDS admin a staff record with the admin role (run at start), so they
     * are asked to approve like any approver. Their Teams name replaces the placeholder when they
     * first speak (see `learnName`).
     */
    async ensureBootstrapAdmins(ids: readonly string[]): Promise<void> {
      for (const raw of ids) {
        const id = raw.trim().toLowerCase();
        const existing = await store.staff.get(id);
        if (existing?.roles.includes('admin')) continue;
        const member: StaffMember = existing
          ? { ...existing, roles: [...existing.roles, 'admin'] }
          : { id, displayName: BOOTSTRAP_ADMIN_NAME, roles: ['admin'], createdAt: ctx.clock() };
        await store.staff.upsert(member, audit('system', existing ? 'staff.updated' : 'staff.added', existing, member, { from: 'ADMIN_OBJECT_IDS' }));
      }
    },
    /**
     * Gives a bootstrap admin (as just read with `get`) the name Teams knows them by, once; returns
     * the member as named.
     */
    async learnName(member: StaffMember | null, displayName: string): Promise<StaffMember | null> {
      const name = displayName.trim().slice(0, 200);
      if (!member || member.displayName !== BOOTSTRAP_ADMIN_NAME || !name) return member;
      const named = { ...member, displayName: name };
      await store.staff.upsert(named, audit('system', 'staff.updated', member, named, { from: 'Teams' }));
      return named;
    },
    async get(id: string): Promise<StaffMember | null> {
      return store.staff.get(id.trim().toLowerCase());
    },
    async list(actor: Actor, page: PageInput = {}): Promise<Page<StaffMember>> {
      await assertMay(ctx, actor, 'admin', 'managing staff');
      return store.staff.list(parseInput(pageInput, page));
    },
    async remove(actor: Actor, id: string): Promise<void> {
      await assertMay(ctx, actor, 'admin', 'managing staff');
      const key = id.trim().toLowerCase();
      const existing = await store.staff.get(key);
      if (!existing || !(await store.staff.remove(key, audit(actor, 'staff.removed', existing, null)))) throw new NotFoundError('Staff member', key);
    },
  };
}
