import assert from 'node:assert/strict';
import { NotFoundError } from '../../../src/domain/errors.ts';
import { at, contact, useStore, type MakeStore } from '../fixtures.ts';

export function sessionGenerationBehaviour(makeStore: MakeStore): void {
  describe('ending sessions and verifying e-mail', () => {
    const s = useStore(makeStore);

    it('starts a contact at generation 0, unverified, and moves the generation up one at a time', async () => {
      const ada = contact();
      await s.store.contacts.insert(ada);
      const stored = (await s.store.contacts.get(ada.id))!;
      assert.deepEqual([stored.sessionGeneration, stored.emailVerifiedAt], [0, null]);
      assert.equal(await s.store.contacts.endSessions(ada.id), 1);
      assert.equal(await s.store.contacts.endSessions(ada.id), 2);
      assert.equal((await s.store.contacts.get(ada.id))!.sessionGeneration, 2);
      await assert.rejects(s.store.contacts.endSessions('no-such-contact'), NotFoundError);
    });

    it('gives each of 20 concurrent endSessions its own generation and loses none', async () => {
      const ada = contact();
      await s.store.contacts.insert(ada);
      const generations = await Promise.all(Array.from({ length: 20 }, () => s.store.contacts.endSessions(ada.id)));
      assert.deepEqual([...generations].sort((a, b) => a - b), Array.from({ length: 20 }, (_, i) => i + 1));
      assert.equal((await s.store.contacts.get(ada.id))!.sessionGeneration, 20);
    });

    it('keeps a bump made while identities are linked to the same contact', async () => {
      const ada = contact();
      await s.store.contacts.insert(ada);
      await Promise.all([
        ...Array.from({ length: 5 }, (_, i) => s.store.contacts.addIdentity(ada.id, { issuer: 'https://idp.example', subject: `s${i}` })),
        ...Array.from({ length: 5 }, () => s.store.contacts.endSessions(ada.id)),
      ]);
      const stored = (await s.store.contacts.get(ada.id))!;
      assert.equal(stored.sessionGeneration, 5);
      assert.equal(stored.identities.length, 5);
    });

    it('records when the primary e-mail was proven, without touching anything else', async () => {
      const ada = contact();
      await s.store.contacts.insert(ada);
      await s.store.contacts.markEmailVerified(ada.id, at(5000));
      assert.deepEqual(await s.store.contacts.get(ada.id), { ...ada, emailVerifiedAt: at(5000) });
      await s.store.contacts.markEmailVerified(ada.id, at(9000));
      assert.deepEqual((await s.store.contacts.get(ada.id))!.emailVerifiedAt, at(9000));
      await assert.rejects(s.store.contacts.markEmailVerified('no-such-contact', at(1)), NotFoundError);
    });

    it('stores a verification time and generation given on insert', async () => {
      const ada = contact({ emailVerifiedAt: at(-1000), sessionGeneration: 3 });
      await s.store.contacts.insert(ada);
      assert.deepEqual(await s.store.contacts.get(ada.id), ada);
    });
  });
}
