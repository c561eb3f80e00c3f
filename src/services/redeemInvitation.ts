import { CodeNotUsableError, NotFoundError } from '../domain/errors.ts';
import type { Contact } from '../domain/contact.ts';
import type { Invitation } from '../domain/invitation.ts';
import { newJob, type Job } from '../domain/job.ts';
import { JOB_KINDS } from '../domain/jobKinds.ts';
import { normaliseCode } from '../domain/inviteCode.ts';
import { redemptionRefusal } from '../domain/redemptionRules.ts';
import type { ServiceContext } from './context.ts';
import { redeemedNotice } from './notices/redeemed.ts';
import { invitationEventJob } from '../domain/webhookEvent.ts';

export type RedeemInput = { code: string; contactId: string; ip?: string | null; userAgent?: string | null };
export type ClientInfo = { ip?: string | null; userAgent?: string | null };

/** Finds the invitation a code belongs to. Unknown and malformed codes get errors that reveal nothing. */
export async function invitationForCode(ctx: ServiceContext, code: string): Promise<Invitation> {
  const lookupKey = ctx.vault.lookupKey(normaliseCode(code));
  const invitation = await ctx.store.invitations.findByCodeLookupKey(lookupKey);
  if (!invitation) throw new CodeNotUsableError('no invitation has this code');
  return invitation;
}

/**
 * Checks a code before anyone signs in: the invitation behind it exists and could be redeemed now.
 * Throws the reason otherwise (expired, revoked, used up...). Contact-specific rules wait for `redeem`.
 */
export async function checkCode(ctx: ServiceContext, code: string): Promise<Invitation> {
  return checkUsable(ctx, await invitationForCode(ctx, code));
}

/** The invitation could be redeemed now by someone it allows; throws why not otherwise. */
export function checkUsable(ctx: ServiceContext, invitation: Invitation): Invitation {
  const refusal = redemptionRefusal({ invitation, isInvitedContact: true, hasRedeemed: false, now: ctx.clock() });
  if (refusal) throw refusal;
  return invitation;
}

/**
 * Redeems a code for a contact: one atomic step in the store that applies the account and web
 * roles, records the redeemer and the activity, and queues the invitation's workflow.
 */
export async function redeemInvitation(ctx: ServiceContext, input: RedeemInput) {
  const invitation = await invitationForCode(ctx, input.code);
  // Only a string is an id: an object here must never reach a store query (no operator injection).
  const contactId = typeof input.contactId === 'string' ? input.contactId : null;
  const contact = contactId === null ? null : await ctx.store.contacts.get(contactId);
  if (!contact) throw new NotFoundError('Contact', contactId ?? '(not an id)');
  return redeemFor(ctx, invitation, contact, input);
}

/** Looks an invitation up by id for a redemption (a flow that already checked its code keeps only the id). */
export async function invitationById(ctx: ServiceContext, invitationId: string): Promise<Invitation> {
  const invitation = await ctx.store.invitations.get(invitationId);
  if (!invitation) throw new CodeNotUsableError('the invitation is gone');
  return invitation;
}

/**
 * Redeems an invitation already looked up (by its code) for a contact the caller read from the store
 * in the same request (the signed-in visitor, the contact just registered or proven); see
 * `redeemInvitation`. The store checks again, in the redemption's own step, that the contact still
 * exists and may redeem: the contact given here only words the mail, notice and event it queues.
 */
export async function redeemFor(ctx: ServiceContext, invitation: Invitation, contact: Contact, client: ClientInfo) {
  // Only a contact with a text id is one: anything else must never reach a store query (no operator injection).
  if (typeof (contact as Partial<Contact> | null)?.id !== 'string') throw new NotFoundError('Contact', '(not a contact)');
  const input = { ip: client.ip, userAgent: client.userAgent };
  const now = ctx.clock();
  const activity = {
    id: ctx.newId(),
    invitationId: invitation.id,
    contactId: contact.id,
    at: now,
    ip: typeof input.ip === 'string' ? input.ip.slice(0, 100) : null,
    userAgent: typeof input.userAgent === 'string' ? input.userAgent.slice(0, 500) : null,
    accountId: invitation.assignToAccountId,
    webRoleIds: invitation.webRoleIds,
    workflow: invitation.workflow,
  };
  const jobs: Job[] = [];
  if (invitation.workflow) {
    jobs.push(newJob({
      id: ctx.newId(), kind: JOB_KINDS.workflow, subjectId: invitation.id,
      payload: { workflow: invitation.workflow, invitationId: invitation.id, contactId: contact.id, activityId: activity.id },
    }, now));
  }
  if (contact.primaryEmail) {
    jobs.push(newJob({
      id: ctx.newId(), kind: JOB_KINDS.redemptionMail, subjectId: invitation.id,
      payload: { invitationId: invitation.id, contactId: contact.id },
    }, now));
  }
  const notice = redeemedNotice(invitation, contact, activity.id, now);
  if (notice) jobs.push(notice);
  jobs.push(invitationEventJob('invitation.redeemed', { ...invitation, remaining: invitation.remaining - 1 }, {
    id: ctx.newId(), at: now, actor: `contact:${contact.id}`, contacts: [contact], detail: { redemptionActivityId: activity.id },
  }));
  const result = await ctx.store.invitations.redeem({ invitationId: invitation.id, contactId: contact.id, activity, jobs, now });
  return { ...result, activity };
}
