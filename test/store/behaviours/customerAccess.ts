import assert from 'node:assert/strict';
import { ConflictError, NotFoundError } from '../../../src/domain/errors.ts';
import { at, contact, NOW, useStore, type MakeStore } from '../fixtures.ts';

export function customerAccessBehaviour(makeStore: MakeStore): void {
  describe('identities, local accounts and expiring records', () => {
    const s = useStore(makeStore);
    const microsoft = { issuer: 'https://login.microsoftonline.com/tenant/v2.0', subject: 'sub-1' };

    it('links a sign-in identity to one contact only and finds the contact by it', async () => {
      const ada = contact();
      const eve = contact();
      await s.store.contacts.insert(ada);
      await s.store.contacts.insert(eve);
      await s.store.contacts.addIdentity(ada.id, microsoft);
      await s.store.contacts.addIdentity(ada.id, microsoft);
      assert.deepEqual((await s.store.contacts.get(ada.id))!.identities, [microsoft]);
      assert.equal((await s.store.contacts.findByIdentity(microsoft.issuer, microsoft.subject))!.id, ada.id);
      assert.equal(await s.store.contacts.findByIdentity(microsoft.issuer, 'other'), null);
      await assert.rejects(s.store.contacts.addIdentity(eve.id, microsoft), ConflictError);
      await assert.rejects(s.store.contacts.addIdentity('missing', { issuer: 'x', subject: 'y' }), NotFoundError);
      assert.deepEqual((await s.store.contacts.get(eve.id))!.identities, []);
    });

    it('keeps one local account per contact, with an e-mail no other account has', async () => {
      const ada = contact();
      const eve = contact();
      await s.store.contacts.insert(ada);
      await s.store.contacts.insert(eve);
      const account = { contactId: ada.id, email: 'ada@example.com', passwordHash: 'h1', createdAt: NOW, updatedAt: NOW, viaInvitationId: null };
      await s.store.localAccounts.save(account);
      await s.store.localAccounts.save({ ...account, passwordHash: 'h2', updatedAt: at(1) });
      assert.deepEqual(await s.store.localAccounts.get(ada.id), { ...account, passwordHash: 'h2', updatedAt: at(1) });
      assert.equal((await s.store.localAccounts.findByEmail('ada@example.com'))!.contactId, ada.id);
      assert.equal(await s.store.localAccounts.findByEmail('eve@example.com'), null);
      await assert.rejects(s.store.localAccounts.save({ ...account, contactId: eve.id }), ConflictError);
      assert.equal(await s.store.localAccounts.get(eve.id), null);
    });

    it('returns expiring records until they expire, and takes one only once', async () => {
      await s.store.ephemeral.put('session', 'a', { user: 'ada' }, at(1000));
      assert.deepEqual(await s.store.ephemeral.get('session', 'a', NOW), { user: 'ada' });
      assert.equal(await s.store.ephemeral.get('session', 'a', at(1000)), null);
      assert.equal(await s.store.ephemeral.get('other', 'a', NOW), null);
      await s.store.ephemeral.put('session', 'a', { user: 'eve' }, at(5000));
      assert.deepEqual(await s.store.ephemeral.get('session', 'a', at(2000)), { user: 'eve' });
      await s.store.ephemeral.delete('session', 'a');
      assert.equal(await s.store.ephemeral.get('session', 'a', NOW), null);

      await s.store.ephemeral.put('reset', 't', { contactId: 'c' }, at(1000));
      const takes = await Promise.all(Array.from({ length: 10 }, () => s.store.ephemeral.take('reset', 't', NOW)));
      assert.deepEqual(takes.filter(Boolean), [{ contactId: 'c' }]);
      await s.store.ephemeral.put('reset', 'old', { contactId: 'c' }, at(1000));
      assert.equal(await s.store.ephemeral.take('reset', 'old', at(1000)), null);
    });

    it('counts hits per window exactly, even when they come together', async () => {
      assert.deepEqual(await s.store.ephemeral.hit('rate', 'ip', 60_000, NOW), { count: 1, resetAt: at(60_000) });
      const counts = await Promise.all(Array.from({ length: 20 }, () => s.store.ephemeral.hit('rate', 'ip', 60_000, at(10))));
      assert.deepEqual(counts.map((c) => c.count).sort((a, b) => a - b), Array.from({ length: 20 }, (_, i) => i + 2));
      assert.ok(counts.every((c) => c.resetAt.getTime() === at(60_000).getTime()));
      assert.deepEqual(await s.store.ephemeral.hit('rate', 'ip', 60_000, at(60_000)), { count: 1, resetAt: at(120_000) });
      assert.deepEqual(await s.store.ephemeral.hit('rate', 'ip', 60_000, at(60_001), -1), { count: 0, resetAt: at(120_000) });
      assert.deepEqual(await s.store.ephemeral.hit('rate', 'other', 60_000, at(60_001)), { count: 1, resetAt: at(120_001) });
    });
  });
}
