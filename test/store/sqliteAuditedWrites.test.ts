import assert from 'node:assert/strict';
import { createSqliteStore } from '../../src/store/sqlite/index.ts';
import { audit, contact, NOW } from './fixtures.ts';

describe('SQLite: a change and its audit event are one write', () => {
  it('writes neither when the audit event cannot be written', async () => {
    const store = createSqliteStore(':memory:');
    try {
      const taken = audit('x');
      await store.audit.append(taken);
      const ada = contact();
      await assert.rejects(store.contacts.insert(ada, { ...taken, subjectId: ada.id }));
      assert.equal(await store.contacts.get(ada.id), null, 'the contact went back with its event');
      await assert.rejects(store.staff.upsert({ id: 'staff-1', displayName: 'Ann', roles: ['admin'], createdAt: NOW }, taken));
      assert.equal(await store.staff.get('staff-1'), null);
      await store.staff.upsert({ id: 'staff-2', displayName: 'Bo', roles: ['viewer'], createdAt: NOW });
      await assert.rejects(store.staff.remove('staff-2', taken));
      assert.notEqual(await store.staff.get('staff-2'), null, 'a remove whose event fails removes nothing');
      await store.branding.change({ set: { colour: '#7a1f5c' }, clear: [], by: 'cli', at: NOW });
      await assert.rejects(store.branding.change({ set: { organisationName: 'Northwind' }, clear: ['colour'], by: 'cli', at: NOW }, taken));
      assert.deepEqual(Object.keys(await store.branding.get()), ['colour'], 'a branding change whose event fails changes nothing');
    } finally {
      await store.close();
    }
  });
});
