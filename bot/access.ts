import type { Activity } from 'botbuilder';
import { hasRole, type StaffMember, type StaffRole } from '../src/domain/staff.ts';
import type { Services } from '../src/services/index.ts';

/** Who is speaking to the bot, as far as Invite Desk is concerned. */
export type Speaker = { objectId: string | null; name: string; member: Pick<StaffMember, 'roles'> | null };

export function tenantOf(activity: Partial<Activity>): string | null {
  const fromChannel = (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  return (activity.conversation?.tenantId ?? fromChannel ?? null)?.toLowerCase() ?? null;
}

/** Activities from other tenants get a polite refusal and nothing else. No list means any tenant (local use only). */
export function tenantAllowed(activity: Partial<Activity>, allowedTenants: readonly string[]): boolean {
  if (allowedTenants.length === 0) return true;
  const tenant = tenantOf(activity);
  return tenant !== null && allowedTenants.includes(tenant);
}

/** Staff are identified by the activity's Entra object id; ADMIN_OBJECT_IDS are admins before anyone adds them. */
export async function identifySpeaker(activity: Partial<Activity>, services: Services, adminObjectIds: readonly string[]): Promise<Speaker> {
  const objectId = activity.from?.aadObjectId?.toLowerCase() ?? null;
  const name = activity.from?.name ?? 'there';
  if (!objectId) return { objectId, name, member: null };
  const bootstrapAdmin = adminObjectIds.includes(objectId);
  const stored = await services.staff.get(objectId);
  const member = bootstrapAdmin && activity.from?.name ? await services.staff.learnName(stored, activity.from.name) : stored;
  if (!member && !bootstrapAdmin) return { objectId, name, member: null };
  const roles: StaffRole[] = [...new Set([...(member?.roles ?? []), ...(bootstrapAdmin ? ['admin' as const] : [])])];
  return { objectId, name: member?.displayName ?? name, member: { roles } };
}

export function may(speaker: Speaker, role: StaffRole): boolean {
  return speaker.member !== null && hasRole(speaker.member, role);
}
