import type { Locale } from '../domain/invitation.ts';
import type { ServiceContext } from './context.ts';
import { clientOf, localeOf, nonceOf, redirectOf, type AccessOutcome, type VisitContext } from './customerVisit.ts';
import type { emailProofs } from './emailProofs.ts';
import { formFields, text } from './input.ts';
import { passwordResets } from './passwordResets.ts';
import { checkCode, redeemFor, type ClientInfo } from './redeemInvitation.ts';
import { bindPassword, hashNewPassword, personFrom, reread, unclaimedInvitedContact, type NewPerson } from './signInMethods.ts';

/**
 * Getting a password: with an invitation's code, by open registration, or by a reset, and the
 * mailed links that prove an address on the way (rule (b)); rule (c) for a single invitation.
 */
export function customerRegistration(ctx: ServiceContext, proofs: ReturnType<typeof emailProofs>) {
  const resets = passwordResets(ctx);

  return {
    /**
     * "Create a password" with a code. A single invitation's contact without a sign-in method gets
     * the password and the invitation at once (c; of two visitors at once, the first to redeem wins
     * and the other's password is never written). Anyone else (a group's invited member or someone
     * new) gets a mailed link to the address they typed (b).
     */
    async registerAndRedeem(given: NewPerson & { code: string; password: string; confirm: string } & VisitContext): Promise<AccessOutcome> {
      const input = textFields(given, ['code', 'email', 'firstName', 'lastName', 'password', 'confirm']);
      const invitation = await checkCode(ctx, input.code);
      if (invitation.type === 'single') {
        const invited = await unclaimedInvitedContact(ctx, invitation);
        const passwordHash = await hashNewPassword(input.password, input.confirm, invited.primaryEmail);
        const { invitation: redeemed } = await redeemFor(ctx, invitation, invited, clientOf(given));
        await bindPassword(ctx, invited, passwordHash, { kind: 'single-code', invitationId: invitation.id });
        return { kind: 'redeemed', contact: await reread(ctx, invited), invitation: redeemed, via: invitation.id };
      }
      return mailProof(input, given, invitation);
    },

    /** Open registration (only when switched on): the account is made when the mailed link is followed. */
    async register(given: NewPerson & { password: string; confirm: string } & VisitContext): Promise<AccessOutcome> {
      return mailProof(textFields(given, ['email', 'firstName', 'lastName', 'password', 'confirm']), given, null);
    },

    /** What a followed confirmation link is for, without using it. */
    openConfirmation: (token: string, sessionNonce: string | null) => proofs.open(text(token), sessionNonce),

    /** Uses a confirmation link (see emailProofs.ts); returns the contact to sign in and what was accepted. */
    confirmEmail(token: string, given: { sessionNonce: string | null; password?: string; confirm?: string } & ClientInfo) {
      return proofs.confirm(text(token), { ...given, password: text(given.password), confirm: text(given.confirm) });
    },

    requestPasswordReset: (email: string, locale?: Locale) => resets.request(email, locale),
    resetPassword: (token: string, password: string, confirm: string) => resets.reset(token, password, confirm),
    isResetTokenValid: (token: string) => resets.isValid(token),
  };

  /** The password is hashed now and kept with the mailed link; the account is made when it is followed. */
  async function mailProof(
    input: Record<'email' | 'firstName' | 'lastName' | 'password' | 'confirm', string>, visit: VisitContext,
    invitation: Parameters<typeof proofs.request>[0]['invitation'],
  ): Promise<AccessOutcome> {
    const person = personFrom(input);
    const passwordHash = await hashNewPassword(input.password, input.confirm, person.email);
    const request = { person, credential: { kind: 'password' as const, passwordHash }, invitation, locale: localeOf(visit), sessionNonce: nonceOf(visit) };
    return { kind: 'check-mail', ...(await proofs.request({ ...request, redirect: invitation ? redirectOf(visit) : null })) };
  }
}

/** The named fields of a form as text (a field that is missing or not a string is ''). */
function textFields<K extends string>(input: unknown, names: readonly K[]): Record<K, string> {
  return formFields(input, names, text, '') as Record<K, string>;
}
