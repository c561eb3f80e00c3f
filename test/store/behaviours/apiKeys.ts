import assert from 'node:assert/strict';
import type { ApiKey } from '../../../src/domain/apiClient.ts';
import { ConflictError } from '../../../src/domain/errors.ts';
import { at, NOW, useStore, type MakeStore } from '../fixtures.ts';

export function apiKeyBehaviour(makeStore: MakeStore): void {
  describe('API keys', () => {
    const s = useStore(makeStore);
    const key = (overrides: Partial<ApiKey> = {}): ApiKey => ({
      id: 'key-1', name: 'CRM sync', roles: ['Invitations.ReadWrite'], hash: 'a'.repeat(64), prefix: 'idk_AbCdEf',
      createdAt: NOW, createdBy: 'cli', revokedAt: null, lastUsedAt: null, ...overrides,
    });

    it('stores a key and finds it by id and by hash, and nothing for another hash', async () => {
      await s.store.apiKeys.insert(key());
      assert.deepEqual(await s.store.apiKeys.get('key-1'), key());
      assert.deepEqual(await s.store.apiKeys.findByHash('a'.repeat(64)), key());
      assert.equal(await s.store.apiKeys.findByHash('b'.repeat(64)), null);
      assert.equal(await s.store.apiKeys.get('key-2'), null);
    });

    it('refuses a second key with the same hash', async () => {
      await s.store.apiKeys.insert(key());
      await assert.rejects(s.store.apiKeys.insert(key({ id: 'key-2' })), ConflictError);
    });

    it('revokes a key once', async () => {
      await s.store.apiKeys.insert(key());
      assert.equal(await s.store.apiKeys.revoke('key-1', at(1000)), true);
      assert.equal(await s.store.apiKeys.revoke('key-1', at(2000)), false);
      assert.equal(await s.store.apiKeys.revoke('nope', at(2000)), false);
      assert.deepEqual((await s.store.apiKeys.get('key-1'))?.revokedAt, at(1000));
    });

    it('records the latest use only', async () => {
      await s.store.apiKeys.insert(key());
      await s.store.apiKeys.markUsed('key-1', at(5000));
      await s.store.apiKeys.markUsed('key-1', at(1000));
      assert.deepEqual((await s.store.apiKeys.get('key-1'))?.lastUsedAt, at(5000));
    });

    it('lists keys newest first, a page at a time', async () => {
      await s.store.apiKeys.insert(key());
      await s.store.apiKeys.insert(key({ id: 'key-2', hash: 'b'.repeat(64), createdAt: at(1) }));
      await s.store.apiKeys.insert(key({ id: 'key-3', hash: 'c'.repeat(64), createdAt: at(2) }));
      const first = await s.store.apiKeys.list({ limit: 2 });
      assert.deepEqual(first.items.map((k) => k.id), ['key-3', 'key-2']);
      const second = await s.store.apiKeys.list({ limit: 2, after: first.next });
      assert.deepEqual(second.items.map((k) => k.id), ['key-1']);
      assert.equal(second.next, null);
    });
  });
}
