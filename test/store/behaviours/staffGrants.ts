import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { NotFoundError } from '../../../src/domain/errors.ts';
import { contact, NOW, useStore, type MakeStore } from '../fixtures.ts';

export function staffGrantBehaviour(makeStore: MakeStore): void {
  describe('web roles and accounts taken away by staff', () => {
    const s = useStore(makeStore);

    it('removes one web role, saying whether the contact held it', async () => {
      const roles = [0, 1].map(() => ({ id: randomUUID(), name: `Role ${randomUUID()}`, createdAt: NOW }));
      for (const r of roles) await s.store.webRoles.insert(r);
      const ada = contact({ webRoleIds: roles.map((r) => r.id) });
      await s.store.contacts.insert(ada);
      assert.equal(await s.store.contacts.removeWebRole(ada.id, roles[0]!.id), true);
      assert.equal(await s.store.contacts.removeWebRole(ada.id, roles[0]!.id), false);
      assert.deepEqual((await s.store.contacts.get(ada.id))!.webRoleIds, [roles[1]!.id]);
      await assert.rejects(s.store.contacts.removeWebRole('no-such-contact', roles[1]!.id), NotFoundError);
    });

    it('removes the parent account and returns what it was', async () => {
      const account = { id: randomUUID(), name: `Account ${randomUUID()}`, createdAt: NOW };
      await s.store.accounts.insert(account);
      const ada = contact({ parentAccountId: account.id });
      await s.store.contacts.insert(ada);
      assert.equal(await s.store.contacts.removeParentAccount(ada.id), account.id);
      assert.equal(await s.store.contacts.removeParentAccount(ada.id), null);
      assert.equal((await s.store.contacts.get(ada.id))!.parentAccountId, null);
      await assert.rejects(s.store.contacts.removeParentAccount('no-such-contact'), NotFoundError);
    });
  });
}
