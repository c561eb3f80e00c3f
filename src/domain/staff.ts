export const STAFF_ROLES = ['admin', 'inviter', 'approver', 'viewer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** A member of the organisation, identified by their Entra object id. */
export type StaffMember = {
  id: string;
  displayName: string;
  roles: StaffRole[];
  createdAt: Date;
  /** Where notices go by mail when Teams cannot reach them (lower-cased); absent when unknown. */
  email?: string;
};

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}

/** Admins may do everything; anyone with a role may view (inviters and approvers see what they act on). */
export function hasRole(member: { roles: readonly StaffRole[] }, role: StaffRole): boolean {
  return member.roles.includes('admin') || member.roles.includes(role) || (role === 'viewer' && member.roles.length > 0);
}
