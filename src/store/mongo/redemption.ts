import { AlreadyRedeemedError, NotFoundError } from '../../domain/errors.ts';
import { redemptionRefusal } from '../../domain/redemptionRules.ts';
import type { RedemptionRequest } from '../port.ts';
import { casUpdate } from './cas.ts';
import { finishEffect } from './effects.ts';
import { tupleId, type ContactDoc, type InvitationDoc, type Models, type PendingEffect } from './models.ts';
import { activityDoc } from './records.ts';
import { jobDoc } from './jobs.ts';

/*
 * Redemption without transactions, exact across processes: one compare-and-swap write of the
 * invitation checks the rules against the state it replaces and, in the same write, takes the
 * redemption (remaining - 1, version + 1) and records it as a pending effect; `finishEffect`
 * then applies it (see effects.ts).
 */

export type RedemptionHooks = {
  /**
   * Test seam: runs right after the redemption is taken and before it is applied. The
   * crash-recovery test passes one that SIGKILLs its own process; nothing else sets it.
   */
  afterClaim?: () => void | Promise<void>;
  /** Test seam: the same for a reset, right after it is taken on the invitation and before it is applied. */
  afterResetClaim?: () => void | Promise<void>;
};

/**
 * Takes and applies one redemption; throws the refusal (changing nothing) when the rules say no.
 * Returns the invitation as the redemption wrote it and the contact as it left it (no read after).
 */
export async function redeem(models: Models, request: RedemptionRequest, hooks: RedemptionHooks): Promise<{ invitation: InvitationDoc; contact: ContactDoc }> {
  const { invitationId, contactId, now } = request;
  const redeemer = await models.contacts.findById(contactId).lean<ContactDoc>();
  if (!redeemer) throw new NotFoundError('Contact', contactId);
  const isInvitedContact = (await models.invitationContacts.exists({ _id: tupleId(invitationId, contactId) })) !== null;
  const effect: PendingEffect = {
    id: request.activity.id,
    redemption: { contactId, at: now, accountId: null, webRoleIds: [], activity: activityDoc(request.activity) },
    audit: null,
    jobs: request.jobs.map(jobDoc),
  };

  const claimed = await casUpdate(models.markers, models.invitations, invitationId, async (current: InvitationDoc) => {
    // Read after the invitation (only then, so once per attempt): a redemption leaves `pending`
    // only once its record exists. A redemption being reset still counts until its reset is done.
    const hasRedeemed = current.pending.some((e) => e.redemption?.contactId === contactId || e.reset?.contactId === contactId)
      || (await models.redemptions.exists({ _id: tupleId(invitationId, contactId) })) !== null;
    const refusal = redemptionRefusal({ invitation: current, isInvitedContact, hasRedeemed, now });
    if (refusal) throw refusal;
    effect.redemption = { ...effect.redemption!, accountId: current.assignToAccountId ?? null, webRoleIds: [...(current.webRoleIds ?? [])] };
    return {
      remaining: current.remaining - 1,
      version: current.version + 1,
      updatedAt: now,
      pending: [...current.pending, effect],
      pendingCount: current.pending.length + 1,
    };
  }, 'The invitation');
  if (!claimed) throw new NotFoundError('Invitation', invitationId);

  await hooks.afterClaim?.();
  const { outcome, contact } = await finishEffect(models, invitationId, effect, redeemer);
  if (outcome === 'undone') throw new AlreadyRedeemedError();
  // Dropping the finished effect changes only `pending` and the revision, which no caller sees.
  return { invitation: claimed, contact: contact ?? redeemer };
}
