import { ConcurrentChangeError, InvitationStateError, NotAllowedError, NotFoundError, PreconditionFailedError, problem, ValidationError } from '../domain/errors.ts';
import { phrase } from '../domain/phrases.ts';
import { expiryProblem, invitationStatus, type Invitation } from '../domain/invitation.ts';
import type { Job } from '../domain/job.ts';
import type { InvitationPatch } from '../store/port.ts';
import { findBatch } from './batchDecision.ts';
import { findInvitation } from './invitationReference.ts';
import { assertMay } from './permissions.ts';
import { approvalCardUpdate, decisionNotice } from './notices/approvals.ts';
import { sendInvitationJob } from './sendInvitationJob.ts';
import { invitationEventJob } from '../domain/webhookEvent.ts';
import { reminderJobs } from './lifecycleJobs.ts';
import type { Actor, ServiceContext } from './context.ts';

/**
 * Staff changes to an invitation: revoke, extend, approve, reject. Each reads the invitation,
 * decides by the rules, and writes only if nobody changed it in between (retrying a lost race once).
 */
type ChangeRest = [
  action: string, decide: (invitation: Invitation, now: Date) => InvitationPatch,
  detail?: Record<string, unknown>, jobs?: (now: Date, invitation: Invitation) => Job[],
];

/**
 * `ifVersion`: change the invitation only if its version is still this one (the API's `If-Match`);
 * otherwise PreconditionFailedError, and a race lost to another writer is not retried.
 */
export type ChangeCondition = { ifVersion?: number };

export function invitationChanges(ctx: ServiceContext) {
  async function change(actor: Actor, id: string, condition: ChangeCondition, ...[action, decide, detail = {}, jobs = () => []]: ChangeRest) {
    for (let attempt = 0; ; attempt++) {
      const invitation = await ctx.store.invitations.get(id);
      if (!invitation) throw new NotFoundError('Invitation', id);
      if (condition.ifVersion !== undefined && invitation.version !== condition.ifVersion) throw new PreconditionFailedError('The invitation');
      const now = ctx.clock();
      const patch = { ...decide(invitation, now), updatedAt: now };
      try {
        return await ctx.store.invitations.update(id, invitation.version, patch, {
          id: ctx.newId(), at: now, actor, action, subjectId: id, detail,
        }, jobs(now, invitation));
      } catch (error) {
        if (error instanceof ConcurrentChangeError && condition.ifVersion !== undefined) throw new PreconditionFailedError('The invitation');
        if (error instanceof ConcurrentChangeError && attempt < 2) continue;
        throw error;
      }
    }
  }

  /** An inviter's change to the invitation a reference (id, code or e-mail) names. */
  async function inviterChange(actor: Actor, reference: string, condition: ChangeCondition, what: string, ...rest: ChangeRest) {
    await assertMay(ctx, actor, 'inviter', what);
    const { id } = await findInvitation(ctx, reference);
    return change(actor, id, condition, ...rest);
  }

  /** A member of a batch that waits is decided with its batch (`invite many`: one request, one decision), never alone. */
  async function refuseBatchMember(id: string): Promise<void> {
    const invitation = await ctx.store.invitations.get(id);
    if (!invitation?.batchId || invitation.lifecycle !== 'pending-approval') return;
    const { count } = await findBatch(ctx, invitation.batchId);
    throw new InvitationStateError(phrase('invitation.inBatch', { count }));
  }

  const deciderName = async (actor: Actor) => (await ctx.store.staff.get(actor))?.displayName ?? 'An approver';

  return {
    revoke(actor: Actor, reference: string, reason?: string, condition: ChangeCondition = {}) {
      return inviterChange(actor, reference, condition, 'revoking invitations', 'invitation.revoked', (invitation, now) => {
        const status = invitationStatus(invitation, now);
        if (status === 'revoked') throw new InvitationStateError(phrase('invitation.alreadyRevoked'));
        if (status === 'redeemed') throw new InvitationStateError(phrase('invitation.nothingToRevoke'));
        return { lifecycle: 'revoked' };
      }, reason ? { reason } : {}, (now, invitation) => [
        invitationEventJob('invitation.revoked', { ...invitation, lifecycle: 'revoked' }, { id: ctx.newId(), at: now, actor, detail: reason ? { reason } : {} }),
      ]);
    },

    /** Sets a new expiry (or none, with `null`). Works on expired invitations too: that is its point. */
    extend(actor: Actor, reference: string, expiresAt: Date | null, condition: ChangeCondition = {}) {
      return inviterChange(actor, reference, condition, 'extending invitations', 'invitation.extended', (invitation, now) => {
        const expiry = expiryProblem(expiresAt, now);
        if (expiry) throw new ValidationError([problem('expiresAt', expiry)]);
        const status = invitationStatus(invitation, now);
        if (status === 'revoked' || status === 'rejected' || status === 'redeemed') {
          throw new InvitationStateError(phrase('invitation.cannotExtend', { status }));
        }
        return { expiresAt };
      }, { expiresAt: expiresAt?.toISOString() ?? null }, (now, invitation) => (invitation.lifecycle === 'sent' ? reminderJobs({ ...invitation, expiresAt }, now) : []));
    },

    /** Mails the invitation again to every invited contact (a new round of mail jobs). */
    resend(actor: Actor, reference: string, condition: ChangeCondition = {}) {
      return inviterChange(actor, reference, condition, 'resending invitations', 'invitation.resent', (invitation, now) => {
        const status = invitationStatus(invitation, now);
        if (status !== 'sent') throw new InvitationStateError(status === 'expired' ? phrase('invitation.cannotResendExpired') : phrase('invitation.cannotResend', { status }));
        return {};
      }, {}, (now, invitation) => [sendInvitationJob(invitation.id, now, now.getTime())]);
    },

    async approve(actor: Actor, id: string, condition: ChangeCondition = {}) {
      await assertMay(ctx, actor, 'approver', 'approving invitations');
      await refuseBatchMember(id);
      const decider = await deciderName(actor);
      return change(actor, id, condition, 'invitation.approved', (invitation) => {
        assertDecidable(invitation, actor);
        return { lifecycle: 'sent', decidedBy: actor };
      }, {}, (now, invitation) => [
        sendInvitationJob(id, now), ...reminderJobs(invitation, now), ...decisionNotice(invitation, decider, null, now), approvalCardUpdate(invitation, actor, now),
        invitationEventJob('invitation.approved', { ...invitation, lifecycle: 'sent', decidedBy: actor }, { id: ctx.newId(), at: now, actor }),
      ]);
    },

    async reject(actor: Actor, id: string, reason: string, condition: ChangeCondition = {}) {
      const trimmed = reason.trim();
      await assertMay(ctx, actor, 'approver', 'rejecting invitations');
      if (!trimmed) throw new ValidationError([problem('reason', phrase('decision.reasonNeeded'))]);
      await refuseBatchMember(id);
      const decider = await deciderName(actor);
      return change(actor, id, condition, 'invitation.rejected', (invitation) => {
        assertDecidable(invitation, actor);
        return { lifecycle: 'rejected', decidedBy: actor, decisionReason: trimmed.slice(0, 500) };
      }, { reason: trimmed.slice(0, 500) }, (now, invitation) => [
        ...decisionNotice(invitation, decider, trimmed.slice(0, 500), now), approvalCardUpdate(invitation, actor, now),
        invitationEventJob('invitation.rejected', { ...invitation, lifecycle: 'rejected', decidedBy: actor }, { id: ctx.newId(), at: now, actor, detail: { reason: trimmed.slice(0, 500) } }),
      ]);
    },
  };
}

function assertDecidable(invitation: Invitation, actor: Actor) {
  if (invitation.lifecycle !== 'pending-approval') throw new InvitationStateError(phrase('invitation.notWaiting'));
  if (invitation.createdBy === actor || invitation.ownerId === actor) throw new NotAllowedError(phrase('decision.ownInvitation'));
}
