import assert from 'node:assert/strict';
import { ConflictError } from '../../../src/domain/errors.ts';
import { at, contact, useStore, type MakeStore } from '../fixtures.ts';

export function contactBehaviour(makeStore: MakeStore): void {
  describe('contacts', () => {
    const s = useStore(makeStore);

    it('returns a stored contact exactly as it was inserted', async () => {
      const ada = contact({ firstName: 'Ada', secondaryEmail: 'ada@home.example', alternateEmail: 'ada@work.example', parentAccountId: null });
      await s.store.contacts.insert(ada);
      assert.deepEqual(await s.store.contacts.get(ada.id), ada);
      assert.deepEqual(await s.store.contacts.findByPrimaryEmail(ada.primaryEmail!), ada);
    });

    it('returns null for unknown ids and e-mails', async () => {
      assert.equal(await s.store.contacts.get('no-such-id'), null);
      assert.equal(await s.store.contacts.findByPrimaryEmail('nobody@example.com'), null);
    });

    it('refuses a second contact with the same primary e-mail, but allows many without one', async () => {
      await s.store.contacts.insert(contact({ primaryEmail: 'same@example.com' }));
      await assert.rejects(s.store.contacts.insert(contact({ primaryEmail: 'same@example.com' })), ConflictError);
      await s.store.contacts.insert(contact({ primaryEmail: null }));
      await s.store.contacts.insert(contact({ primaryEmail: null }));
      assert.equal((await s.store.contacts.list({}, { limit: 10 })).items.length, 3);
    });

    it('inserts many at once, skipping those whose e-mail is taken (stored or earlier in the list)', async () => {
      const stored = contact({ primaryEmail: 'taken@example.com' });
      await s.store.contacts.insert(stored);
      const fresh = contact({ primaryEmail: 'fresh@example.com', webRoleIds: [] });
      const taken = contact({ primaryEmail: 'taken@example.com' });
      const twice = [contact({ primaryEmail: 'twice@example.com' }), contact({ primaryEmail: 'twice@example.com' })];
      const noEmail = [contact({ primaryEmail: null }), contact({ primaryEmail: null })];
      const { skippedIds } = await s.store.contacts.insertMany([fresh, taken, ...twice, ...noEmail]);
      assert.deepEqual(skippedIds.sort(), [taken.id, twice[1]!.id].sort());
      assert.deepEqual(await s.store.contacts.get(fresh.id), fresh);
      assert.equal(await s.store.contacts.get(taken.id), null);
      assert.deepEqual((await s.store.contacts.findByPrimaryEmail('twice@example.com'))?.id, twice[0]!.id);
      assert.equal((await s.store.contacts.getMany(noEmail.map((c) => c.id))).length, 2);
      assert.deepEqual(await s.store.contacts.insertMany([]), { skippedIds: [] });
    });

    it('gets many by id, ignoring unknown ids', async () => {
      const a = contact();
      const b = contact();
      await s.store.contacts.insert(a);
      await s.store.contacts.insert(b);
      const found = await s.store.contacts.getMany([a.id, 'missing', b.id]);
      assert.deepEqual(found.map((c) => c.id).sort(), [a.id, b.id].sort());
      assert.deepEqual(await s.store.contacts.getMany([]), []);
    });

    it('lists newest first in pages and searches by the start of a name or e-mail', async () => {
      for (let i = 0; i < 5; i++) await s.store.contacts.insert(contact({ firstName: `First${i}`, lastName: 'Person', primaryEmail: `p${i}@example.com`, createdAt: at(i * 1000) }));
      await s.store.contacts.insert(contact({ firstName: 'Zoë', lastName: '100%_sure', primaryEmail: 'zoe@example.com', createdAt: at(9000) }));
      const first = await s.store.contacts.list({}, { limit: 4 });
      assert.deepEqual(first.items.map((c) => c.firstName), ['Zoë', 'First4', 'First3', 'First2']);
      assert.ok(first.next);
      const second = await s.store.contacts.list({}, { limit: 4, after: first.next });
      assert.deepEqual(second.items.map((c) => c.firstName), ['First1', 'First0']);
      assert.equal(second.next, null);
      assert.deepEqual((await s.store.contacts.list({ search: 'first3' }, { limit: 10 })).items.map((c) => c.firstName), ['First3']);
      assert.deepEqual((await s.store.contacts.list({ search: 'p1@' }, { limit: 10 })).items.map((c) => c.firstName), ['First1']);
      assert.deepEqual((await s.store.contacts.list({ search: '100%_' }, { limit: 10 })).items.map((c) => c.firstName), ['Zoë']);
      assert.deepEqual((await s.store.contacts.list({ search: '%' }, { limit: 10 })).items, []);
    });
  });
}
