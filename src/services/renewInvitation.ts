import { ConcurrentChangeError, InvitationStateError, NotFoundError, problem, ValidationError } from '../domain/errors.ts';
import { phrase } from '../domain/phrases.ts';
import { auditChanges } from '../domain/audit.ts';
import { expiryProblem, invitationStatus, type Invitation } from '../domain/invitation.ts';
import type { Actor, ServiceContext } from './context.ts';
import { findInvitation } from './invitationReference.ts';
import { reminderJobs } from './lifecycleJobs.ts';
import { assertMay } from './permissions.ts';
import { sendInvitationJob } from './sendInvitationJob.ts';

/**
 * Renews an invitation that went out (typically one that expired unused) in one audited step
 * (`invitation.renewed`): the new expiry, a new round of mail to every invited contact, and the
 * reminder for the new expiry. What `extend` and then `resend` did in two.
 */
export async function renewInvitation(ctx: ServiceContext, actor: Actor, reference: string, expiresAt: Date | null): Promise<Invitation> {
  await assertMay(ctx, actor, 'inviter', 'renewing invitations');
  const { id } = await findInvitation(ctx, reference);
  for (let attempt = 0; ; attempt++) {
    const invitation = await ctx.store.invitations.get(id);
    if (!invitation) throw new NotFoundError('Invitation', id);
    const now = ctx.clock();
    const expiry = expiryProblem(expiresAt, now);
    if (expiry) throw new ValidationError([problem('expiresAt', expiry)]);
    const status = invitationStatus(invitation, now);
    if (invitation.lifecycle !== 'sent' || (status !== 'expired' && status !== 'sent')) {
      throw new InvitationStateError(invitation.lifecycle === 'draft' ? phrase('invitation.draftNotRenewable') : phrase('invitation.cannotRenew', { status }));
    }
    const jobs = [sendInvitationJob(id, now, now.getTime()), ...reminderJobs({ ...invitation, expiresAt }, now)];
    try {
      return await ctx.store.invitations.update(id, invitation.version, { expiresAt, updatedAt: now }, {
        id: ctx.newId(), at: now, actor, action: 'invitation.renewed', subjectId: id,
        detail: { expiresAt: expiresAt?.toISOString() ?? null, changes: auditChanges({ expiresAt: invitation.expiresAt?.toISOString() ?? null }, { expiresAt: expiresAt?.toISOString() ?? null }) },
      }, jobs);
    } catch (error) {
      if (error instanceof ConcurrentChangeError && attempt < 2) continue;
      throw error;
    }
  }
}
