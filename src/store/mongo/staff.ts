import type { StaffMember } from '../../domain/staff.ts';
import type { StaffStore } from '../port.ts';
import type { Models, StaffDoc } from './models.ts';
import { listPage } from './paging.ts';
import { appendAudit } from './records.ts';
import { upsertRetryingRace } from './writes.ts';
import { isKey } from './keys.ts';

const toMember = (doc: StaffDoc): StaffMember => ({
  id: doc._id, displayName: doc.displayName, roles: [...doc.roles], createdAt: doc.createdAt,
  ...(doc.email ? { email: doc.email } : {}),
});

export function mongoStaff(models: Models): StaffStore {
  const { staff } = models;
  const upsert = (member: StaffMember) => staff.updateOne(
    { _id: member.id },
    { $set: { displayName: member.displayName, roles: member.roles, email: member.email ?? null }, $setOnInsert: { createdAt: member.createdAt } },
    { upsert: true },
  );
  return {
    async upsert(member, audit) {
      await upsertRetryingRace(() => upsert(member));
      await appendAudit(models.audit, audit);
    },
    async get(id) {
      if (!isKey(id)) return null;
      const doc = await staff.findById(id).lean<StaffDoc>();
      return doc ? toMember(doc) : null;
    },
    async list(page) {
      return listPage(staff, {}, page, toMember);
    },
    async remove(id, audit) {
      const removed = (await staff.deleteOne({ _id: id })).deletedCount > 0;
      if (removed) await appendAudit(models.audit, audit);
      return removed;
    },
  };
}
