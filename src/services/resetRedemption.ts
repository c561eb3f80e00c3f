import { z } from 'zod';
import type { RedemptionResetActivity } from '../domain/activity.ts';
import type { Contact } from '../domain/contact.ts';
import { InvitationStateError, PreconditionFailedError, problem, ValidationError } from '../domain/errors.ts';
import { phrase } from '../domain/phrases.ts';
import { invitationStatus, type Invitation } from '../domain/invitation.ts';
import { generateCode } from '../domain/inviteCode.ts';
import type { Job } from '../domain/job.ts';
import { resolveContact } from './contacts.ts';
import type { Actor, ServiceContext } from './context.ts';
import { parseInput } from './input.ts';
import { findInvitation } from './invitationReference.ts';
import { redemptionResetNotice } from './notices/redemptionReset.ts';
import { assertMay } from './permissions.ts';
import { sendInvitationJob } from './sendInvitationJob.ts';
import { invitationEventJob } from '../domain/webhookEvent.ts';

const resetInput = z.object({
  /** Invitation id or code. */
  invitation: z.string().trim().min(1, 'say which invitation (its id or code)'),
  /** Contact id or primary e-mail. */
  contact: z.string().trim().min(1, 'say which contact (id or e-mail)'),
  reissue: z.boolean().default(false),
  reason: z.string().trim().max(500, 'is at most 500 characters').nullish(),
  /** Reset only if the invitation's version is still this one (the API's `If-Match`). */
  ifVersion: z.number().int().optional(),
});
export type ResetRedemptionInput = z.input<typeof resetInput>;

export type ResetRedemptionResult = { invitation: Invitation; contact: Contact; activity: RedemptionResetActivity };

/**
 * Undoes a wrong redemption (Entra B2B's "reset redemption"), for inviters and admins: the
 * redemption goes back to the invitation and the contact loses what it gave (see
 * `InvitationStore.resetRedemption`), its sessions end, and the reset is recorded with the reason
 * and told to the inviter. With `reissue`, a single invitation gets a new code in the same step and
 * its mail goes again to the invited contact; the old code stops working.
 */
export async function resetRedemption(ctx: ServiceContext, actor: Actor, input: ResetRedemptionInput): Promise<ResetRedemptionResult> {
  await assertMay(ctx, actor, 'inviter', 'resetting a redemption');
  const data = parseInput(resetInput, input);
  const invitation = await findInvitation(ctx, data.invitation);
  if (data.ifVersion !== undefined && invitation.version !== data.ifVersion) throw new PreconditionFailedError('The invitation');
  const contact = await resolveContact(ctx, data.contact);
  const now = ctx.clock();
  if (data.reissue) assertReissuable(invitation, now);

  const code = data.reissue ? generateCode() : null;
  const reason = data.reason || null;
  const activity = { id: ctx.newId(), at: now, actor, reason };
  const jobs: Job[] = [];
  const notice = redemptionResetNotice(invitation, contact, { ...activity, actorName: await actorName(ctx, actor), reissued: data.reissue }, now);
  if (notice) jobs.push(notice);
  if (code) jobs.push(sendInvitationJob(invitation.id, now, now.getTime()));
  jobs.push(invitationEventJob('invitation.redemption_reset', { ...invitation, remaining: invitation.remaining + 1 }, {
    id: ctx.newId(), at: now, actor, contacts: [contact], detail: { reason, reissued: data.reissue },
  }));
  return ctx.store.invitations.resetRedemption({
    invitationId: invitation.id,
    contactId: contact.id,
    activity,
    audit: {
      id: ctx.newId(), at: now, actor, action: 'invitation.redemption-reset', subjectId: invitation.id,
      detail: { contactId: contact.id, reason, reissued: data.reissue, activityId: activity.id },
    },
    jobs,
    newCode: code ? { lookupKey: ctx.vault.lookupKey(code), sealed: ctx.vault.seal(code) } : null,
    now,
  });
}

/** A new code is for a single invitation that can be sent once its redemption is back. */
function assertReissuable(invitation: Invitation, now: Date): void {
  if (invitation.type !== 'single') {
    throw new ValidationError([problem('reissue', phrase('invitation.groupNoReissue'))]);
  }
  const status = invitationStatus({ ...invitation, remaining: invitation.remaining + 1 }, now);
  if (status !== 'sent') {
    throw new InvitationStateError(status === 'expired' ? phrase('invitation.cannotReissueExpired') : phrase('invitation.cannotReissue', { status }));
  }
}

async function actorName(ctx: ServiceContext, actor: Actor): Promise<string> {
  if (actor === 'cli') return 'An admin';
  return (await ctx.store.staff.get(actor.toLowerCase()))?.displayName ?? 'A colleague';
}
