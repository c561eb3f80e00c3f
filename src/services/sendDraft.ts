import { ConcurrentChangeError, InvitationStateError, NotFoundError } from '../domain/errors.ts';
import { invitationStatus, type Invitation } from '../domain/invitation.ts';
import { auditChanges } from '../domain/audit.ts';
import type { Job } from '../domain/job.ts';
import { phrase } from '../domain/phrases.ts';
import type { Actor, ServiceContext } from './context.ts';
import { findInvitation } from './invitationReference.ts';
import { invitePolicy } from './inviteContacts.ts';
import { reminderJobs } from './lifecycleJobs.ts';
import { approvalRequestNotices } from './notices/approvals.ts';
import { assertMay } from './permissions.ts';
import { sendInvitationJob } from './sendInvitationJob.ts';

/**
 * Sending a draft, by staff (`invite send`, the card's Send) or by the worker at its send time.
 * The approval rule is applied as the draft goes, as for a new invitation: a group draft (any, with
 * APPROVAL_REQUIRED=all) goes to the approvers and is mailed once approved; otherwise it is mailed
 * now, with its reminder planned. One audited step (`invitation.sent`).
 */
export function draftSending(ctx: ServiceContext) {
  async function sendNow(actor: Actor, id: string, how: { skipApproval: boolean; scheduled: boolean }): Promise<Invitation> {
    for (let attempt = 0; ; attempt++) {
      const invitation = await ctx.store.invitations.get(id);
      if (!invitation) throw new NotFoundError('Invitation', id);
      const now = ctx.clock();
      const status = invitationStatus(invitation, now);
      if (status === 'expired' && invitation.lifecycle === 'draft') throw new InvitationStateError(phrase('invitation.draftExpired'));
      if (status !== 'draft') throw new InvitationStateError(phrase('invitation.notADraft'));
      const policy = invitePolicy(ctx);
      const needsApproval = invitation.type === 'group' || policy.approvalRequiredForAll;
      const lifecycle = needsApproval && !how.skipApproval ? 'pending-approval' : 'sent';
      const next = { ...invitation, lifecycle } as const;
      const jobs: Job[] = lifecycle === 'sent'
        ? [sendInvitationJob(id, now), ...reminderJobs(next, now)]
        : await approvalRequestNotices(ctx.store, next, now);
      const detail = {
        lifecycle, ...(how.scheduled ? { scheduled: true } : {}), ...(needsApproval && how.skipApproval ? { approvalSkipped: true } : {}),
        changes: auditChanges({ lifecycle: invitation.lifecycle }, { lifecycle }),
      };
      try {
        return await ctx.store.invitations.update(id, invitation.version, { lifecycle, updatedAt: now }, {
          id: ctx.newId(), at: now, actor, action: 'invitation.sent', subjectId: id, detail,
        }, jobs);
      } catch (error) {
        if (error instanceof ConcurrentChangeError && attempt < 2) continue;
        throw error;
      }
    }
  }

  return {
    /** `invite send <id>`: sends a draft now (a scheduled one before its time too). Admins may skip approval (audited). */
    async send(actor: Actor, reference: string, options: { skipApproval?: boolean } = {}): Promise<Invitation> {
      await assertMay(ctx, actor, 'inviter', 'sending invitations');
      if (options.skipApproval) await assertMay(ctx, actor, 'admin', 'sending an invitation without approval');
      const { id } = await findInvitation(ctx, reference);
      return sendNow(actor, id, { skipApproval: Boolean(options.skipApproval), scheduled: false });
    },

    /**
     * The worker's scheduled send (no staff member: the `system` actor): sends the draft if it is
     * still a draft whose time has come; a draft sent, revoked or expired meanwhile is left as it is.
     * Returns whether it sent.
     */
    async sendScheduled(invitationId: string): Promise<boolean> {
      const invitation = await ctx.store.invitations.get(invitationId);
      const now = ctx.clock();
      if (!invitation?.sendAt || invitation.sendAt.getTime() > now.getTime() || invitationStatus(invitation, now) !== 'draft') return false;
      try {
        await sendNow('system', invitationId, { skipApproval: false, scheduled: true });
        return true;
      } catch (error) {
        if (error instanceof InvitationStateError) return false;
        throw error;
      }
    },
  };
}
