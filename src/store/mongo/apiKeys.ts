import { ConflictError } from '../../domain/errors.ts';
import type { ApiKey } from '../../domain/apiClient.ts';
import type { ApiKeyStore } from '../port.ts';
import type { ApiKeyDoc, Models } from './models.ts';
import { listPage } from './paging.ts';
import { isDuplicateKey } from './writes.ts';
import { isKey } from './keys.ts';

const toKey = (doc: ApiKeyDoc): ApiKey => ({
  id: doc._id, name: doc.name, roles: [...doc.roles], hash: doc.hash, prefix: doc.prefix, createdAt: doc.createdAt,
  createdBy: doc.createdBy, revokedAt: doc.revokedAt ?? null, lastUsedAt: doc.lastUsedAt ?? null,
});

export function mongoApiKeys(models: Models): ApiKeyStore {
  const { apiKeys } = models;
  return {
    async insert(key) {
      const { id, ...rest } = key;
      try {
        await apiKeys.create({ _id: id, ...rest, roles: [...rest.roles] });
      } catch (error) {
        if (isDuplicateKey(error)) throw new ConflictError('This API key exists already.');
        throw error;
      }
    },
    async get(id) {
      if (!isKey(id)) return null;
      const doc = await apiKeys.findById(id).lean<ApiKeyDoc>();
      return doc ? toKey(doc) : null;
    },
    async findByHash(hash) {
      if (!isKey(hash)) return null;
      const doc = await apiKeys.findOne({ hash }).lean<ApiKeyDoc>();
      return doc ? toKey(doc) : null;
    },
    async list(page) {
      return listPage(apiKeys, {}, page, toKey);
    },
    async revoke(id, at) {
      if (!isKey(id)) return false;
      return (await apiKeys.updateOne({ _id: id, revokedAt: null }, { $set: { revokedAt: at } })).modifiedCount > 0;
    },
    async markUsed(id, at) {
      if (!isKey(id)) return;
      await apiKeys.updateOne({ _id: id, $or: [{ lastUsedAt: null }, { lastUsedAt: { $lt: at } }] }, { $set: { lastUsedAt: at } });
    },
  };
}
