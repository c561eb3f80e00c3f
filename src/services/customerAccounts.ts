import type { ServiceContext } from './context.ts';
import { customerRedemption } from './customerRedemption.ts';
import { customerRegistration } from './customerRegistration.ts';
import { customerSignIn } from './customerSignIn.ts';
import { emailProofs } from './emailProofs.ts';
import { externalIdentities } from './externalIdentities.ts';

export type { ClientInfo } from './redeemInvitation.ts';
export type { PendingInvitation } from './customerRedemption.ts';
export type { NewPerson } from './signInMethods.ts';
export type { AccessOutcome, ArrivingIdentity, VisitContext } from './customerVisit.ts';

/**
 * The customer side under one name: signing in (customerSignIn.ts), getting a password by code,
 * registration or reset (customerRegistration.ts), Microsoft sign-in (externalIdentities.ts), and
 * accepting invitations (customerRedemption.ts). Every binding of a person to a contact follows
 * "Who may become a contact" (docs/customer-access.md, rules in signInMethods.ts): a method is
 * added only when the contact is signed in already (a), its mailbox is proven by a mailed link (b),
 * or a single invitation's code vouches for a contact that has no sign-in method at all (c).
 */
export function customerAccountService(ctx: ServiceContext) {
  const proofs = emailProofs(ctx);
  return {
    ...customerSignIn(ctx),
    ...customerRegistration(ctx, proofs),
    ...externalIdentities(ctx, proofs),
    ...customerRedemption(ctx),
  };
}
