import type { LinkedIdentity } from '../domain/contact.ts';

/** An identity as a store returns it: provenance and time only when `addIdentity` was given them. */
export function linkedIdentity(issuer: string, subject: string, viaInvitationId: string | null | undefined, linkedAt: Date | undefined): LinkedIdentity {
  return { issuer, subject, ...(viaInvitationId !== undefined && { viaInvitationId }), ...(linkedAt !== undefined && { linkedAt }) };
}
