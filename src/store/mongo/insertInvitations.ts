import { ConflictError } from '../../domain/errors.ts';
import type { NewInvitation } from '../port.ts';
import { finishEffect } from './effects.ts';
import { jobDoc } from './jobs.ts';
import { tupleId, type InvitationContactDoc, type Models, type PendingEffect } from './models.ts';
import { auditDoc } from './records.ts';
import { insertManySkippingDuplicates, isDuplicateKey } from './writes.ts';

/**
 * Many new invitations in a handful of commands, with the guarantees `insert` gives one: the
 * invited contacts go in first, then the invitations, each carrying its audit event and jobs as
 * a pending effect (so a crash leaves them to `recoverPendingEffects`); then every audit event
 * and job in one write each (a duplicate is one recovery wrote already), and the effects are
 * dropped under the revision markers of cas.ts, taken in one write: an invitation whose marker
 * another writer holds has its effect finished one by one instead.
 */
export async function insertInvitations(models: Models, entries: readonly NewInvitation[]): Promise<void> {
  if (entries.length === 0) return;
  const { invitations, invitationContacts, markers } = models;
  const effects = entries.map(({ audit, jobs }): PendingEffect => ({ id: audit.id, redemption: null, audit: auditDoc(audit), jobs: jobs.map(jobDoc) }));
  const ids = entries.map((entry) => entry.invitation.id);
  const links: InvitationContactDoc[] = entries.flatMap(({ invitation, invitedContactIds }) =>
    invitedContactIds.map((contactId, position) => ({ _id: tupleId(invitation.id, contactId), invitationId: invitation.id, position, contactId })));
  try {
    for (let start = 0; start < links.length; start += 1000) await invitationContacts.insertMany(links.slice(start, start + 1000), { ordered: true, lean: true });
    await invitations.insertMany(entries.map(({ invitation: { id, ...fields } }, index) => ({
      _id: id, ...fields, webRoleIds: [...fields.webRoleIds], revision: 0, pending: [effects[index]!], pendingCount: 1,
    })), { ordered: true });
  } catch (error) {
    await finishWritten(models, ids, effects);
    if (isDuplicateKey(error)) throw new ConflictError('That invitation code is already in use.', 'code lookup key collision');
    throw error;
  }

  await insertManySkippingDuplicates(models.audit.collection, effects.map((effect) => effect.audit!));
  await insertManySkippingDuplicates(models.jobs.collection, effects.flatMap((effect) => effect.jobs));
  const marked = await insertManySkippingDuplicates(markers.collection, ids.map((id) => ({ _id: tupleId(invitations.collection.collectionName, id, 1), at: new Date() })));
  const contested = new Set(marked.duplicateIndexes);
  const owned = ids.filter((_, index) => !contested.has(index));
  await invitations.updateMany({ _id: { $in: owned }, revision: 0 }, { $set: { pending: [], pendingCount: 0, revision: 1 } });
  for (const index of contested) await finishEffect(models, ids[index]!, effects[index]!);
}

/** After a failed write: the invitations that made it in get their effects finished; the links of the others go. */
async function finishWritten(models: Models, ids: readonly string[], effects: readonly PendingEffect[]): Promise<void> {
  const written = new Set((await models.invitations.find({ _id: { $in: ids } }, { _id: 1 }).lean<{ _id: string }[]>()).map((doc) => doc._id));
  for (const [index, id] of ids.entries()) {
    if (written.has(id)) await finishEffect(models, id, effects[index]!);
  }
  await models.invitationContacts.deleteMany({ invitationId: { $in: ids.filter((id) => !written.has(id)) } });
}
