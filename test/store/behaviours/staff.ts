import assert from 'node:assert/strict';
import { at, NOW, useStore, type MakeStore } from '../fixtures.ts';

export function staffBehaviour(makeStore: MakeStore): void {
  describe('staff', () => {
    const s = useStore(makeStore);
    const member = { id: '00000000-0000-0000-0000-00000000000a', displayName: 'Ann Admin', roles: ['admin' as const], createdAt: NOW };

    it('stores, replaces and removes a member', async () => {
      await s.store.staff.upsert(member);
      assert.deepEqual(await s.store.staff.get(member.id), member);
      await s.store.staff.upsert({ ...member, displayName: 'Ann A.', roles: ['inviter', 'approver'] });
      assert.deepEqual(await s.store.staff.get(member.id), { ...member, displayName: 'Ann A.', roles: ['inviter', 'approver'] });
      assert.equal(await s.store.staff.remove(member.id), true);
      assert.equal(await s.store.staff.remove(member.id), false);
      assert.equal(await s.store.staff.get(member.id), null);
    });

    it('keeps a member\'s e-mail address, and none when there is none', async () => {
      await s.store.staff.upsert({ ...member, email: 'ann@example.com' });
      assert.deepEqual(await s.store.staff.get(member.id), { ...member, email: 'ann@example.com' });
      assert.deepEqual((await s.store.staff.list({ limit: 10 })).items, [{ ...member, email: 'ann@example.com' }]);
      await s.store.staff.upsert(member);
      assert.deepEqual(await s.store.staff.get(member.id), member);
    });

    it('lists members newest first', async () => {
      await s.store.staff.upsert(member);
      await s.store.staff.upsert({ ...member, id: '00000000-0000-0000-0000-00000000000b', displayName: 'Bo', createdAt: at(1) });
      assert.deepEqual((await s.store.staff.list({ limit: 10 })).items.map((m) => m.displayName), ['Bo', 'Ann Admin']);
    });
  });
}
