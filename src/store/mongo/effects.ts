import { redemptionGrant } from '../../domain/contact.ts';
import { ConcurrentChangeError } from '../../domain/errors.ts';
import { casUpdate, sweepOldMarkers } from './cas.ts';
import { tupleId, type ContactDoc, type InvitationDoc, type Models, type PendingEffect, type RedemptionDoc } from './models.ts';
import { applyReset } from './resetEffect.ts';
import { insertManySkippingDuplicates, isDuplicateKey, insertOnce } from './writes.ts';

/*
 * Without transactions, a write of an invitation and what it causes elsewhere (the redemption
 * applied to the contact, or its reset undone there; the activity, the audit event, the jobs)
 * cannot land together. So the
 * invitation write carries them as a pending effect, and they are carried out right after it,
 * each step idempotent, and only then dropped from the invitation. A crash in between leaves the
 * effect on the invitation, where `recoverPendingEffects` (at start and on a timer) finds it.
 */

export type RecoveryResult = { applied: number; undone: number };

/**
 * Carries out one pending effect; safe to run any number of times, from any process, at once.
 * `redeemer`: the redeeming contact as just read, to start its write from.
 * 'undone' when it was a redemption by a contact who had already redeemed through another one:
 * then the redemption is given back and nothing else is written.
 */
export async function finishEffect(models: Models, invitationId: string, effect: PendingEffect, redeemer?: ContactDoc): Promise<EffectOutcome> {
  const { redemption } = effect;
  let contact: ContactDoc | null = null;
  if (redemption) {
    const { contactId, activity } = redemption;
    const record: RedemptionDoc = { _id: tupleId(invitationId, contactId), invitationId, contactId, activityId: activity._id, at: redemption.at };
    try {
      await models.redemptions.create(record);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const existing = await models.redemptions.findById(record._id).lean<RedemptionDoc>();
      if (existing && existing.activityId !== activity._id) {
        await dropEffect(models, invitationId, effect.id, true);
        return { outcome: 'undone', contact: null };
      }
    }
    const granted = await casUpdate(models.markers, models.contacts, contactId, (current) => {
      contact = current;
      return redemptionGrant(current, redemption);
    }, 'The contact', redeemer);
    contact = granted ?? contact;
    await insertOnce(() => models.activities.create(activity));
  }
  if (effect.reset) await applyReset(models, invitationId, effect.reset);
  const { audit } = effect;
  if (audit) await insertOnce(() => models.audit.create(audit));
  await insertManySkippingDuplicates(models.jobs.collection, effect.jobs);
  await dropEffect(models, invitationId, effect.id, false);
  return { outcome: 'applied', contact };
}

/** How an effect ended, and the redeemer as the effect left it (null for other effects). */
export type EffectOutcome = { outcome: 'applied' | 'undone'; contact: ContactDoc | null };

/**
 * Removes the effect from the invitation; `giveBack` also returns the redemption it took. Losing
 * races for too long is no failure of the effect, which is done: recovery removes it later.
 */
async function dropEffect(models: Models, invitationId: string, effectId: string, giveBack: boolean): Promise<void> {
  try {
    await casUpdate(models.markers, models.invitations, invitationId, (current) => {
      if (!current.pending.some((e) => e.id === effectId)) return null;
      const pending = current.pending.filter((e) => e.id !== effectId);
      const dropped = { pending, pendingCount: pending.length };
      return giveBack ? { ...dropped, remaining: current.remaining + 1, version: current.version + 1 } : dropped;
    }, 'The invitation');
  } catch (error) {
    if (!(error instanceof ConcurrentChangeError)) throw error;
  }
}

/** Carries out every effect that a crashed (or still running) process left pending. */
export async function recoverPendingEffects(models: Models): Promise<RecoveryResult> {
  const result: RecoveryResult = { applied: 0, undone: 0 };
  await sweepOldMarkers(models.markers);
  const stuck = await models.invitations.find({ pendingCount: { $gt: 0 } }, { _id: 1, pending: 1 }).lean<Pick<InvitationDoc, '_id' | 'pending'>[]>();
  for (const invitation of stuck) {
    for (const effect of invitation.pending) result[(await finishEffect(models, invitation._id, effect)).outcome]++;
  }
  return result;
}
