import type { Model } from 'mongoose';
import { ConflictError } from '../../domain/errors.ts';
import type { NamedStore } from '../port.ts';
import type { AuditDoc, NamedDoc } from './models.ts';
import { appendAudit } from './records.ts';
import { inOrder } from '../inOrder.ts';
import { listPage } from './paging.ts';
import { isDuplicateKey } from './writes.ts';
import { isKey } from './keys.ts';

type Named = { id: string; name: string; createdAt: Date };

const toRecord = (doc: NamedDoc): Named => ({ id: doc._id, name: doc.name, createdAt: doc.createdAt });

/**
 * Accounts and web roles share one shape: a unique, case-insensitive name kept as `nameKey`; a new
 * one is written with its audit event. `inUse` says whether a contact or an invitation refers to a record; removing checks it first
 * (a contact given the record between the check and the delete keeps a dangling id, as after any
 * delete without transactions).
 */
export function mongoNamed(model: Model<NamedDoc>, label: string, audit: Model<AuditDoc>, inUse: (id: string) => Promise<boolean>): NamedStore<Named> {
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
    async getMany(ids) {
      const keys = [...new Set(ids)].filter(isKey);
      if (keys.length === 0) return [];
      const docs = await model.find({ _id: { $in: keys } }).batchSize(keys.length + 1).lean<NamedDoc[]>();
      return inOrder(ids, docs.map(toRecord));
    },
    async findByName(name) {
      const doc = await model.findOne({ nameKey: name.toLowerCase() }).lean<NamedDoc>();
      return doc ? toRecord(doc) : null;
    },
    async list(page) {
      return listPage(model, {}, page, toRecord);
    },
    async rename(id, name) {
      if (!isKey(id)) return null;
      const taken = await model.findOne({ nameKey: name.toLowerCase() }).lean<NamedDoc>();
      if (taken && taken._id !== id) throw new ConflictError(`${label} "${name}" already exists.`);
      try {
        const result = await model.updateOne({ _id: id }, { $set: { name, nameKey: name.toLowerCase() } });
        if (result.matchedCount === 0) return null;
      } catch (error) {
        // A unique index broken by an update: E11000 on MongoDB, another error on FerretDB.
        const raced = await model.findOne({ nameKey: name.toLowerCase() }).lean<NamedDoc>();
        if (raced && raced._id !== id) throw new ConflictError(`${label} "${name}" already exists.`);
        throw error;
      }
      return this.get(id);
    },
    async removeIfUnused(id) {
      if (!isKey(id) || !(await model.exists({ _id: id }))) return 'missing';
      if (await inUse(id)) return 'in-use';
      return (await model.deleteOne({ _id: id })).deletedCount > 0 ? 'removed' : 'missing';
    },
  };
}
