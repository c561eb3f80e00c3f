import type { RedemptionResetActivity } from '../../domain/activity.ts';
import { resetRemovals, type Grants } from '../../domain/redemptionReset.ts';
import { casUpdate } from './cas.ts';
import { tupleId, type AppliedReset, type ContactDoc, type InvitationDoc, type Models, type RedemptionDoc, type ResetEffect } from './models.ts';
import { resetActivityDoc } from './records.ts';
import { insertOnce } from './writes.ts';

/** How many applied resets a contact remembers (a recovery only ever finds the latest few pending). */
const REMEMBERED_RESETS = 20;

/**
 * Carries out a reset taken on the invitation; safe to run any number of times, from any process.
 * Sign-in methods go first (a crash then leaves a contact that can no longer sign in through this
 * invitation, never one that still can after its sessions ended); then one compare-and-swap of the
 * contact takes the grants away and ends its sessions, remembering what it took under the reset's
 * id so that a second run changes nothing and reports the same; then the redemption record goes
 * (the contact may redeem again) and the activity is written.
 */
export async function applyReset(models: Models, invitationId: string, reset: ResetEffect): Promise<void> {
  const { contactId } = reset;
  for (const { issuer, subject } of reset.identities) await models.contactIdentities.deleteOne({ _id: tupleId(issuer, subject), contactId });
  if (reset.localAccount) await models.localAccounts.deleteOne({ _id: contactId, viaInvitationId: invitationId });

  let applied: AppliedReset | undefined;
  await casUpdate(models.markers, models.contacts, contactId, async (contact) => {
    applied = contact.resets?.find((r) => r.id === reset.activity.id);
    if (applied) return null;
    const removals = resetRemovals({
      holds: { parentAccountId: contact.parentAccountId ?? null, webRoleIds: contact.webRoleIds ?? [] },
      reset: { accountId: reset.accountId, webRoleIds: reset.webRoleIds },
      others: await otherRedemptionGrants(models, contactId, invitationId),
      staff: contact.staffWebRoleIds ? { accountId: contact.staffAccountId ?? null, webRoleIds: contact.staffWebRoleIds } : null,
    });
    applied = { id: reset.activity.id, accountId: removals.accountId, webRoleIds: removals.webRoleIds };
    return {
      webRoleIds: (contact.webRoleIds ?? []).filter((role) => !removals.webRoleIds.includes(role)),
      parentAccountId: removals.parentAccountId,
      identities: (contact.identities ?? []).filter((i) => i.viaInvitationId !== invitationId),
      sessionGeneration: (contact.sessionGeneration ?? 0) + 1,
      resets: [...(contact.resets ?? []).slice(1 - REMEMBERED_RESETS), applied],
    } satisfies Partial<ContactDoc>;
  }, 'The contact');
  const removed = applied ?? { accountId: null, webRoleIds: [] }; // none: the contact is gone, nothing was taken

  await models.redemptions.deleteOne({ _id: tupleId(invitationId, contactId), activityId: reset.redemptionActivityId });
  const { activity } = reset;
  const record: RedemptionResetActivity = {
    kind: 'redemption-reset', id: activity.id, invitationId, contactId, at: activity.at, actor: activity.actor, reason: activity.reason,
    redemptionActivityId: reset.redemptionActivityId, accountId: removed.accountId, webRoleIds: removed.webRoleIds,
    identities: reset.identities, localAccountRemoved: reset.localAccount, reissued: activity.reissued,
  };
  await insertOnce(() => models.activities.create(resetActivityDoc(record)));
}

/** What the contact's other standing redemptions give, newest first. */
async function otherRedemptionGrants(models: Models, contactId: string, invitationId: string): Promise<Grants[]> {
  const records = (await models.redemptions.find({ contactId }).lean<RedemptionDoc[]>())
    .filter((r) => r.invitationId !== invitationId)
    .sort((a, b) => b.at.getTime() - a.at.getTime());
  if (records.length === 0) return [];
  const invitations = await models.invitations.find({ _id: { $in: records.map((r) => r.invitationId) } }, { assignToAccountId: 1, webRoleIds: 1 })
    .lean<Pick<InvitationDoc, '_id' | 'assignToAccountId' | 'webRoleIds'>[]>();
  const byId = new Map(invitations.map((i) => [i._id, i]));
  return records.flatMap((r) => {
    const invitation = byId.get(r.invitationId);
    return invitation ? [{ accountId: invitation.assignToAccountId ?? null, webRoleIds: invitation.webRoleIds ?? [] }] : [];
  });
}
