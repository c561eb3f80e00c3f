import type { Model } from 'mongoose';
import { ConflictError } from '../../domain/errors.ts';
import type { NamedStore } from '../port.ts';
import type { AuditDoc, NamedDoc } from './models.ts';
import { appendAudit } from './records.ts';
import { listPage } from './paging.ts';
import { isDuplicateKey } from './writes.ts';
import { isKey } from './keys.ts';

type Named = { id: string; name: string; createdAt: Date };

const toRecord = (doc: NamedDoc): Named => ({ id: doc._id, name: doc.name, createdAt: doc.createdAt });

/** Accounts and web roles share one shape: a unique, case-insensitive name kept as `nameKey`. */
export function mongoNamed(model: Model<NamedDoc>, label: string, audit: Model<AuditDoc>): NamedStore<Named> {
  return {
    async insert(record, event) {
      try {
        await model.create({ _id: record.id, name: record.name, nameKey: record.name.toLowerCase(), createdAt: record.createdAt });
      } catch (error) {
        if (isDuplicateKey(error)) throw new ConflictError(`${label} "${record.name}" already exists.`);
        throw error;
      }
      await appendAudit(audit, event);
    },
    async get(id) {
      if (!isKey(id)) return null;
      const doc = await model.findById(id).lean<NamedDoc>();
      return doc ? toRecord(doc) : null;
    },
    async findByName(name) {
      const doc = await model.findOne({ nameKey: name.toLowerCase() }).lean<NamedDoc>();
      return doc ? toRecord(doc) : null;
    },
    async list(page) {
      return listPage(model, {}, page, toRecord);
    },
  };
}
