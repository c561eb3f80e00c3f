import type { LinkedIdentity } from '../domain/contact.ts';

/** An identity as a store returns it: provenance, time and proof only when `addIdentity` was given them. */
export function linkedIdentity({ issuer, subject, viaInvitationId, linkedAt, proof }: LinkedIdentity): LinkedIdentity {
  return {
    issuer, subject, ...(viaInvitationId !== undefined && { viaInvitationId }), ...(linkedAt !== undefined && { linkedAt }),
    ...(proof !== undefined && { proof }),
  };
}
