import type { RedemptionResetActivity } from '../../domain/activity.ts';
import { ConcurrentChangeError, NotFoundError, NotRedeemedError } from '../../domain/errors.ts';
import type { RedemptionResetRequest } from '../port.ts';
import { casUpdate } from './cas.ts';
import { finishEffect } from './effects.ts';
import { jobDoc } from './jobs.ts';
import { tupleId, type ContactDoc, type InvitationDoc, type LocalAccountDoc, type Models, type PendingEffect, type RedemptionDoc } from './models.ts';
import { auditDoc, toActivity } from './records.ts';
import type { RedemptionHooks } from './redemption.ts';

/*
 * A reset without transactions, exact across processes, as a redemption is (redemption.ts): one
 * compare-and-swap write of the invitation checks that the redemption stands and is not being
 * reset already and, in the same write, gives it back (remaining + 1, version + 1, a new code if
 * asked) and records the reset as a pending effect; `applyReset` (resetEffect.ts) then carries it
 * out, and recovery finishes it after a crash.
 */
export async function resetRedemption(models: Models, request: RedemptionResetRequest, hooks: RedemptionHooks): Promise<RedemptionResetActivity> {
  const { invitationId, contactId, now } = request;
  const contact = await models.contacts.findById(contactId).lean<ContactDoc>();
  if (!contact) throw new NotFoundError('Contact', contactId);
  // A redemption still being applied is finished first, so that what it gives is there to take back.
  const before = await models.invitations.findById(invitationId, { pending: 1 }).lean<Pick<InvitationDoc, 'pending'>>();
  if (!before) throw new NotFoundError('Invitation', invitationId);
  for (const effect of before.pending) if (effect.redemption?.contactId === contactId) await finishEffect(models, invitationId, effect);

  const localAccount = await models.localAccounts.findById(contactId, { viaInvitationId: 1 }).lean<Pick<LocalAccountDoc, 'viaInvitationId'>>();
  let effect: PendingEffect | null = null;
  const claimed = await casUpdate(models.markers, models.invitations, invitationId, async (current) => {
    if (current.pending.some((e) => e.reset?.contactId === contactId)) throw new NotRedeemedError();
    if (current.pending.some((e) => e.redemption?.contactId === contactId)) throw new ConcurrentChangeError('The redemption');
    const redemption = await models.redemptions.findById(tupleId(invitationId, contactId)).lean<RedemptionDoc>();
    if (!redemption) throw new NotRedeemedError();
    effect = {
      id: request.activity.id,
      redemption: null,
      reset: {
        contactId,
        redemptionActivityId: redemption.activityId,
        accountId: current.assignToAccountId ?? null,
        webRoleIds: [...(current.webRoleIds ?? [])],
        identities: (contact.identities ?? []).filter((i) => i.viaInvitationId === invitationId).map(({ issuer, subject }) => ({ issuer, subject })),
        localAccount: localAccount?.viaInvitationId === invitationId,
        activity: { ...request.activity, reissued: request.newCode !== null },
      },
      audit: auditDoc(request.audit),
      jobs: request.jobs.map(jobDoc),
    };
    return {
      remaining: current.remaining + 1,
      version: current.version + 1,
      updatedAt: now,
      ...(request.newCode && { codeLookupKey: request.newCode.lookupKey, codeSealed: request.newCode.sealed }),
      pending: [...current.pending, effect],
      pendingCount: current.pending.length + 1,
    };
  }, 'The invitation');
  if (!claimed || !effect) throw new NotFoundError('Invitation', invitationId);

  await hooks.afterResetClaim?.();
  await finishEffect(models, invitationId, effect);
  const written = await models.activities.findById(request.activity.id).lean();
  return toActivity(written!) as RedemptionResetActivity;
}
