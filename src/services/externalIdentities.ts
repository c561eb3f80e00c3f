import { isEmail, normaliseEmail } from '../domain/email.ts';
import { CustomerAccessError } from '../domain/errors.ts';
import type { Invitation } from '../domain/invitation.ts';
import type { ServiceContext } from './context.ts';
import { clientOf, localeOf, nonceOf, redirectOf, type AccessOutcome, type ArrivingIdentity, type VisitContext } from './customerVisit.ts';
import type { emailProofs } from './emailProofs.ts';
import { text } from './input.ts';
import { checkUsable, invitationById, redeemFor } from './redeemInvitation.ts';
import { bindIdentity, contactWithAddress, reread, unclaimedInvitedContact } from './signInMethods.ts';

/**
 * "Sign in with Microsoft" (or any OpenID issuer) and who the identity becomes: the rules of
 * docs/customer-access.md for external identities. An e-mail claim never binds by itself.
 */
export function externalIdentities(ctx: ServiceContext, proofs: ReturnType<typeof emailProofs>) {
  const { store } = ctx;

  /** A group identity with an address to use: a verified claim for an unknown address makes a new contact; anything else is proven by mail. */
  async function identityWithAddress(identity: ArrivingIdentity, email: string, verifiedClaim: boolean, invitation: Invitation, visit: VisitContext): Promise<AccessOutcome> {
    const person = { email, firstName: identity.firstName || 'Customer', lastName: identity.lastName || '-' };
    const byMail = async (): Promise<AccessOutcome> => ({
      kind: 'check-mail',
      ...(await proofs.request({ person, credential: { kind: 'identity', issuer: identity.issuer, subject: identity.subject }, invitation, redirect: redirectOf(visit), locale: localeOf(visit), sessionNonce: nonceOf(visit) })),
    });
    if (!verifiedClaim) return byMail();
    const { contact, fresh: isNew } = await contactWithAddress(ctx, person);
    if (!isNew) return byMail();
    try {
      await redeemFor(ctx, invitation, contact, clientOf(visit));
    } catch (error) {
      await store.contacts.removeIfUnused(contact.id);
      throw error;
    }
    await bindIdentity(ctx, contact, identity, { kind: 'new-contact' });
    return { kind: 'redeemed', contact: await reread(ctx, contact), invitation: await invitationById(ctx, invitation.id), via: null };
  }

  return {
    /**
     * After "Sign in with Microsoft". A linked identity signs its contact in. Otherwise it is linked
     * to the signed-in visitor (a); or, with an invitation waiting, to a single invitation's contact
     * that has no sign-in method (c); or, for a group, to the contact whose address is proven by a
     * mailed link (b), or to a new contact when the provider vouches for an address nobody has.
     */
    async identityArrived(identity: ArrivingIdentity, visit: VisitContext & { signedInContactId: string | null; signedInVia?: string | null; invitationId: string | null }): Promise<AccessOutcome> {
      const linked = await store.contacts.findByIdentity(identity.issuer, identity.subject);
      if (linked) {
        const via = linked.identities.find((i) => i.issuer === identity.issuer && i.subject === identity.subject)?.viaInvitationId ?? null;
        return { kind: 'signed-in', contact: linked, via };
      }
      const signedIn = visit.signedInContactId ? await store.contacts.get(visit.signedInContactId) : null;
      if (signedIn) {
        const via = visit.signedInVia ?? null;
        await bindIdentity(ctx, signedIn, identity, { kind: 'signed-in', viaInvitationId: via });
        return { kind: 'signed-in', contact: await reread(ctx, signedIn), via };
      }
      if (!visit.invitationId) throw new CustomerAccessError('identity_unknown', 'No account is linked to this Microsoft account yet. Redeem your invitation first.', 403);
      const invitation = checkUsable(ctx, await invitationById(ctx, visit.invitationId));
      if (invitation.type === 'single') {
        const invited = await unclaimedInvitedContact(ctx, invitation);
        const { invitation: redeemed } = await redeemFor(ctx, invitation, invited, clientOf(visit));
        await bindIdentity(ctx, invited, identity, { kind: 'single-code', invitationId: invitation.id });
        return { kind: 'redeemed', contact: await reread(ctx, invited), invitation: redeemed, via: invitation.id };
      }
      const email = identity.email ? normaliseEmail(identity.email) : '';
      if (!isEmail(email)) return { kind: 'need-email' };
      return identityWithAddress(identity, email, identity.emailVerified, invitation, visit);
    },

    /** A group identity that came without an address: the visitor typed one, which is proven by mail. */
    async identityWithTypedEmail(identity: ArrivingIdentity, email: string, visit: VisitContext & { invitationId: string }): Promise<AccessOutcome> {
      email = normaliseEmail(text(email));
      if (!isEmail(email)) throw new CustomerAccessError('email_missing', 'Fill in your e-mail address.');
      const invitation = checkUsable(ctx, await invitationById(ctx, visit.invitationId));
      return identityWithAddress(identity, email, false, invitation, visit);
    },

  };
}
