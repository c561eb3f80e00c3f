import { randomUUID } from 'node:crypto';
import { linkKey, PROOF_LATEST_NAMESPACE, PROOF_LINK_NAMESPACE, PROOF_NAMESPACE, PROOF_TTL_MS } from '../customers/mailedLinks.ts';
import type { Contact, Identity } from '../domain/contact.ts';
import { CustomerAccessError } from '../domain/errors.ts';
import type { Invitation, Locale } from '../domain/invitation.ts';
import { newJob } from '../domain/job.ts';
import { JOB_KINDS } from '../domain/jobKinds.ts';
import type { ServiceContext } from './context.ts';
import { checkUsable, invitationById, redeemFor, type ClientInfo } from './redeemInvitation.ts';
import { bindIdentity, bindPassword, contactWithAddress, hashNewPassword, type NewPerson } from './signInMethods.ts';

/*
 * Rule (b) of "Who may become a contact": an address is never claimed without its mailbox. A
 * visitor who wants a sign-in method for an address (a new password, or a Microsoft identity whose
 * e-mail is to become the contact's) asks here; a single-use link goes to that address; following
 * it binds the method to the contact with that address (or to a new contact), marks the address
 * verified and accepts the invitation, in one step.
 *
 * The link completes what was asked only in the browser session that asked (the session holds a
 * nonce the request remembers by hash). Opened anywhere else, a password request asks the person
 * at the link to choose the password themselves (they hold the mailbox, so the address is theirs),
 * and an identity request completes nothing: an identity proven in one browser is never bound
 * from another, or whoever asked could have the owner of an address bind the asker's identity.
 */

export type ProofCredential = { kind: 'password'; passwordHash: string } | ({ kind: 'identity' } & Identity);

export type ProofRequest = {
  person: NewPerson;
  credential: ProofCredential;
  /** The invitation to accept once the address is proven (its code has been checked); null to register only. */
  invitation: Invitation | null;
  redirect: string | null;
  locale: Locale;
  /** The asking browser session's secret. */
  sessionNonce: string;
};

type StoredProof = {
  email: string; firstName: string; lastName: string; credential: ProofCredential; invitationId: string | null;
  invitationName: string | null; redirect: string | null; locale: Locale; nonceKey: string;
  /** The session generation of the contact with this address when asked (0 if none): a reset since voids the link. */
  generation: number;
};

export type OpenedLink = { sameBrowser: boolean; credential: ProofCredential['kind']; email: string };
export type Confirmed = { contact: Contact; invitation: Invitation | null; redirect: string | null };

export function emailProofs(ctx: ServiceContext) {
  const { store } = ctx;

  /**
   * The request behind a link, if the link still stands: it is the newest request for its address,
   * and the contact with that address has not had its sessions ended (a password reset) since.
   */
  async function readLink(token: string): Promise<{ proofId: string; proof: StoredProof } | null> {
    if (!token) return null;
    const link = await store.ephemeral.get(PROOF_LINK_NAMESPACE, linkKey(token), ctx.clock());
    const proofId = typeof link?.proofId === 'string' ? link.proofId : null;
    const proof = proofId ? (await store.ephemeral.get(PROOF_NAMESPACE, proofId, ctx.clock())) as StoredProof | null : null;
    if (!proofId || !proof) return null;
    const latest = await store.ephemeral.get(PROOF_LATEST_NAMESPACE, linkKey(proof.email), ctx.clock());
    if (latest?.proofId !== proofId) return null;
    if (await generationOf(proof.email) !== proof.generation) return null;
    return { proofId, proof };
  }

  async function generationOf(email: string): Promise<number> {
    return (await store.contacts.findByPrimaryEmail(email))?.sessionGeneration ?? 0;
  }

  const invalidLink = () => new CustomerAccessError('confirm_link_invalid', 'This link has expired or has already been used. Start again to get a new one.', 410);

  /**
   * Binds the credential to the contact that has the proven address (or a new one), accepts the
   * invitation, and marks the address verified. A refused invitation binds and keeps nothing.
   */
  async function complete(proof: StoredProof, credential: ProofCredential, client: ClientInfo): Promise<Confirmed> {
    const invitation = proof.invitationId ? await invitationById(ctx, proof.invitationId) : null;
    if (invitation) checkUsable(ctx, invitation);
    if (credential.kind === 'identity') {
      const owner = await store.contacts.findByIdentity(credential.issuer, credential.subject);
      if (owner && owner.primaryEmail !== proof.email) throw new CustomerAccessError('identity_linked_elsewhere', 'This Microsoft account is already linked to another account.', 409);
    }
    const { contact, fresh } = await contactWithAddress(ctx, { email: proof.email, firstName: proof.firstName, lastName: proof.lastName });
    if (invitation) {
      try {
        await redeemFor(ctx, invitation, contact, client);
      } catch (error) {
        if (fresh) await store.contacts.removeIfUnused(contact.id);
        throw error;
      }
    }
    if (credential.kind === 'password') await bindPassword(ctx, contact, credential.passwordHash, { kind: 'mailbox' });
    else await bindIdentity(ctx, contact, credential, { kind: 'mailbox' });
    await store.contacts.markEmailVerified(contact.id, ctx.clock());
    return { contact: (await store.contacts.get(contact.id))!, invitation: invitation ? await invitationById(ctx, invitation.id) : null, redirect: proof.redirect };
  }

  return {
    /** Keeps the request and queues the mail with its link. Says nothing about whether the address is known. */
    async request(request: ProofRequest): Promise<{ email: string }> {
      const proofId = randomUUID();
      const stored: StoredProof = {
        email: request.person.email, firstName: request.person.firstName, lastName: request.person.lastName,
        credential: request.credential, invitationId: request.invitation?.id ?? null, invitationName: request.invitation?.name ?? null,
        redirect: request.redirect, locale: request.locale, nonceKey: linkKey(request.sessionNonce), generation: await generationOf(request.person.email),
      };
      const now = ctx.clock();
      const expiresAt = new Date(now.getTime() + PROOF_TTL_MS);
      await store.ephemeral.put(PROOF_NAMESPACE, proofId, stored, expiresAt);
      await store.ephemeral.put(PROOF_LATEST_NAMESPACE, linkKey(stored.email), { proofId }, expiresAt);
      await store.jobs.enqueue(newJob({ id: ctx.newId(), kind: JOB_KINDS.emailConfirmationMail, subjectId: request.invitation?.id ?? null, payload: { proofId } }, now));
      return { email: stored.email };
    },

    /** What a followed link is for, without using it (mail scanners open links too). Null when it is not valid. */
    async open(token: string, sessionNonce: string | null): Promise<OpenedLink | null> {
      const found = await readLink(token);
      if (!found) return null;
      return { sameBrowser: Boolean(sessionNonce) && linkKey(sessionNonce!) === found.proof.nonceKey, credential: found.proof.credential.kind, email: found.proof.email };
    },

    /**
     * Uses the link: in the asking session, completes what was asked; elsewhere, a password request
     * completes with the password chosen here (`password`, `confirm`). The link works once.
     */
    async confirm(token: string, given: { sessionNonce: string | null; password?: string; confirm?: string } & ClientInfo): Promise<Confirmed> {
      const found = await readLink(token);
      if (!found) throw invalidLink();
      const { proof } = found;
      let credential = proof.credential;
      const sameBrowser = Boolean(given.sessionNonce) && linkKey(given.sessionNonce!) === proof.nonceKey;
      if (!sameBrowser) {
        if (credential.kind !== 'password') throw new CustomerAccessError('confirm_other_browser', 'Open this link in the browser where you signed in with Microsoft.', 409);
        credential = { kind: 'password', passwordHash: await hashNewPassword(given.password ?? '', given.confirm ?? '', proof.email) };
      }
      if (!(await store.ephemeral.take(PROOF_LINK_NAMESPACE, linkKey(token), ctx.clock()))) throw invalidLink();
      await store.ephemeral.delete(PROOF_NAMESPACE, found.proofId);
      // Finishing one request voids every other link for the address.
      await store.ephemeral.delete(PROOF_LATEST_NAMESPACE, linkKey(proof.email));
      return complete(proof, credential, given);
    },
  };
}
