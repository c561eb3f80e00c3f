import { displayName, type Contact } from '../domain/contact.ts';
import { CodeNotUsableError, DomainError } from '../domain/errors.ts';
import type { Invitation } from '../domain/invitation.ts';
import type { ServiceContext } from './context.ts';
import { namesOf } from './directory.ts';
import { text } from './input.ts';
import { checkCode, invitationById, invitationForCode, redeemFor, type ClientInfo } from './redeemInvitation.ts';
import { hasSignInMethod, invitedContactOf } from './signInMethods.ts';

/** The invitation a customer accepts: by its code, or by its id when the code was checked earlier in the visit (before leaving for Microsoft). */
export type PendingInvitation = { code: string } | { invitationId: string };

/** A signed-in customer and an invitation: what a code gives, and accepting it. */
export function customerRedemption(ctx: ServiceContext) {
  const { store } = ctx;
  return {
    /**
     * Accepts an invitation for the signed-in contact, as read for this request (the visitor), so
     * it is not read again here; the redemption rules decide in the store whether it may.
     */
    async redeemAs(visitor: Contact, pending: PendingInvitation, visit: ClientInfo) {
      return redeemFor(ctx, await pendingInvitation(ctx, pending), visitor, visit);
    },

    /** The invitation a code is for, checked usable now: a flow that continues elsewhere keeps only its id. */
    async checkCode(code: string): Promise<Invitation> {
      return checkCode(ctx, text(code));
    },

    /** What a code gives, for the summary page, without redeeming it. Throws why it cannot be used. */
    async invitationSummary(code: string) {
      const invitation = await checkCode(ctx, code);
      const inviter = invitation.inviterContactId ? await store.contacts.get(invitation.inviterContactId) : null;
      const owner = !inviter && invitation.ownerId ? await store.staff.get(invitation.ownerId) : null;
      const { account, webRoles } = await namesOf(ctx, invitation.assignToAccountId, invitation.webRoleIds);
      const invited = invitation.type === 'single' ? await invitedContactOf(ctx, invitation) : null;
      // Which way to offer first: signing in for a contact who has a way to, creating a password for one who has none.
      const invitedHasSignIn = invited ? await hasSignInMethod(ctx, invited) : false;
      return { invitation, inviter: inviter ? displayName(inviter) : owner?.displayName ?? null, account, webRoles, invitedEmail: invited?.primaryEmail ?? null, invitedHasSignIn };
    },

    /**
     * Whether the contact has accepted the invitation behind this code and the redemption stands,
     * whatever the invitation's state now (used up, expired): their own link then says so instead
     * of refusing. False for a code that names no invitation.
     */
    async acceptedBy(code: string, contactId: string): Promise<boolean> {
      let invitation: Invitation;
      try {
        invitation = await invitationForCode(ctx, text(code));
      } catch (error) {
        if (error instanceof DomainError) return false;
        throw error;
      }
      return (await store.invitations.redemptionsOf(contactId)).some((redemption) => redemption.invitationId === invitation.id);
    },
  };
}

/** The invitation named by a code or an id; anything else a request may carry names none. */
async function pendingInvitation(ctx: ServiceContext, pending: unknown): Promise<Invitation> {
  if (pending && typeof pending === 'object') {
    if ('code' in pending) return invitationForCode(ctx, text(pending.code));
    if ('invitationId' in pending && typeof pending.invitationId === 'string') return invitationById(ctx, pending.invitationId);
  }
  throw new CodeNotUsableError('no invitation was named');
}
