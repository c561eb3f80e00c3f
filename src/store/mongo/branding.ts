import { isBrandingField, type StoredBrandingValue } from '../../domain/branding.ts';
import type { BrandingStore } from '../port.ts';
import type { BrandingDoc, Models } from './models.ts';
import { appendAudit } from './records.ts';
import { upsertRetryingRace } from './writes.ts';

/**
 * One document per stored field (`_id` the field's name): a change writes only its own fields,
 * each a single-document write, so two admins changing different fields at once both keep theirs.
 */
export function mongoBranding(models: Models): BrandingStore {
  const { branding } = models;
  return {
    async get() {
      const stored: Record<string, StoredBrandingValue> = {};
      for (const doc of await branding.find().lean<BrandingDoc[]>()) {
        if (isBrandingField(doc._id)) stored[doc._id] = { value: doc.value, updatedBy: doc.updatedBy, updatedAt: doc.updatedAt };
      }
      return stored;
    },
    async change({ set, clear, by, at }, audit) {
      const writes = [
        ...Object.entries(set).map(([field, value]) => ({
          replaceOne: { filter: { _id: field }, replacement: { _id: field, value, updatedBy: by, updatedAt: at }, upsert: true },
        })),
        ...(clear.length ? [{ deleteMany: { filter: { _id: { $in: [...clear] } } } }] : []),
      ];
      // Two first stores of one field at once: one insert loses on `_id`; run again, it replaces (clearing again is harmless).
      if (writes.length) await upsertRetryingRace(() => branding.bulkWrite(writes, { ordered: true }));
      await appendAudit(models.audit, audit);
    },
  };
}
