import { ConcurrentChangeError, ConflictError, NotAllowedError, NotFoundError, problem, ValidationError } from '../domain/errors.ts';
import { phrase } from '../domain/phrases.ts';
import type { Actor, ServiceContext } from './context.ts';
import { batchApprovalCardUpdate, batchDecisionNotice, type BatchRequest } from './notices/batchApprovals.ts';
import { assertMay } from './permissions.ts';
import { sendInvitationJob } from './sendInvitationJob.ts';
import { invitationEventJob } from '../domain/webhookEvent.ts';
import { reminderJobs } from './lifecycleJobs.ts';

/** The audit action that records a batch (`invite many`): its invitations' ids, for deciding them together. */
export const BATCH_CREATED = 'invitation.batch-created';
export const BATCH_APPROVED = 'invitation.batch-approved';
export const BATCH_REJECTED = 'invitation.batch-rejected';
const DECISIONS = 'invite-many.decision';
/** Invitations decided at once: each is its own conditional write. */
const PARALLEL = 8;

export type BatchDecision = { approve: true } | { approve: false; reason: string };
export type BatchOutcome = { batchId: string; decided: number; approved: boolean };

/** The batch as it was requested: who asked, and the invitations it made. NotFoundError for an unknown id. */
export async function findBatch(ctx: ServiceContext, batchId: string): Promise<BatchRequest & { invitationIds: string[]; requiresApproval: boolean; companies?: string[] }> {
  const events = await ctx.store.audit.listForSubject(batchId, { limit: 20 });
  const created = events.items.find((event) => event.action === BATCH_CREATED);
  if (!created) throw new NotFoundError('List of invitations', batchId.slice(0, 40));
  const detail = created.detail as { invitationIds: string[]; count: number; requiresApproval: boolean; companies?: string[] };
  return {
    id: batchId, requestedBy: created.actor, count: detail.count, invitationIds: detail.invitationIds, requiresApproval: detail.requiresApproval,
    ...(Array.isArray(detail.companies) ? { companies: detail.companies } : {}),
  };
}

/**
 * One decision for a whole batch: every invitation of it that still waits is approved (its mail
 * queued) or rejected, the requester is told once. Approvers only, never the requester; a batch is
 * decided once (a second decision, even at the same instant, is refused).
 */
export function batchDecision(ctx: ServiceContext) {
  return async (actor: Actor, batchId: string, decision: BatchDecision): Promise<BatchOutcome> => {
    await assertMay(ctx, actor, 'approver', decision.approve ? 'approving invitations' : 'rejecting invitations');
    const reason = decision.approve ? null : decision.reason.trim().slice(0, 500);
    if (reason === '') throw new ValidationError([problem('reason', phrase('decision.reasonNeeded'))]);
    const batch = await findBatch(ctx, batchId);
    if (batch.requestedBy === actor) throw new NotAllowedError(phrase('decision.ownInvitation'));
    if (!batch.requiresApproval) throw new ConflictError(phrase('batch.notWaiting'));
    const now = ctx.clock();
    const { count } = await ctx.store.ephemeral.hit(DECISIONS, batchId, 365 * 24 * 3_600_000, now);
    if (count > 1) throw new ConflictError(phrase('batch.decided'));

    let decided = 0;
    const decideOne = async (id: string) => {
      const invitation = await ctx.store.invitations.get(id);
      if (!invitation || invitation.lifecycle !== 'pending-approval') return;
      const audit = { id: ctx.newId(), at: now, actor, action: reason ? 'invitation.rejected' : 'invitation.approved', subjectId: id, detail: { batchId, ...(reason ? { reason } : {}) } };
      const event = invitationEventJob(reason ? 'invitation.rejected' : 'invitation.approved', { ...invitation, lifecycle: reason ? 'rejected' : 'sent', decidedBy: actor }, {
        id: ctx.newId(), at: now, actor, detail: { batchId, ...(reason ? { reason } : {}) },
      });
      try {
        await ctx.store.invitations.update(id, invitation.version, reason
          ? { lifecycle: 'rejected', decidedBy: actor, decisionReason: reason, updatedAt: now }
          : { lifecycle: 'sent', decidedBy: actor, updatedAt: now }, audit, reason ? [event] : [sendInvitationJob(id, now), ...reminderJobs(invitation, now), event]);
        decided++;
      } catch (error) {
        if (!(error instanceof ConcurrentChangeError)) throw error;
      }
    };
    for (let start = 0; start < batch.invitationIds.length; start += PARALLEL) {
      await Promise.all(batch.invitationIds.slice(start, start + PARALLEL).map(decideOne));
    }
    const deciderName = (await ctx.store.staff.get(actor))?.displayName ?? 'An approver';
    await ctx.store.audit.append({ id: ctx.newId(), at: now, actor, action: reason ? BATCH_REJECTED : BATCH_APPROVED, subjectId: batchId, detail: { decided, ...(reason ? { reason } : {}) } });
    await ctx.store.jobs.enqueueMany([...batchDecisionNotice(batch, deciderName, reason, decided, now), batchApprovalCardUpdate(batchId, actor, now)]);
    return { batchId, decided, approved: reason === null };
  };
}
