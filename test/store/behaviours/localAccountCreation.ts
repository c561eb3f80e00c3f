import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ConflictError } from '../../../src/domain/errors.ts';
import type { LocalAccount } from '../../../src/domain/localAccount.ts';
import { at, contact, NOW, useStore, type MakeStore } from '../fixtures.ts';

export function localAccountCreationBehaviour(makeStore: MakeStore): void {
  describe('creating and removing local accounts', () => {
    const s = useStore(makeStore);
    const account = (contactId: string, overrides: Partial<LocalAccount> = {}): LocalAccount =>
      ({ contactId, email: `${contactId}@example.com`, passwordHash: 'h1', createdAt: NOW, updatedAt: NOW, viaInvitationId: null, ...overrides });

    it('creates an account once, with its provenance, and never replaces it', async () => {
      const ada = contact();
      await s.store.contacts.insert(ada);
      const invitationId = randomUUID();
      const created = account(ada.id, { viaInvitationId: invitationId });
      await s.store.localAccounts.create(created);
      assert.deepEqual(await s.store.localAccounts.get(ada.id), created);
      await assert.rejects(s.store.localAccounts.create(account(ada.id, { email: 'other@example.com', passwordHash: 'h2' })), ConflictError);
      assert.deepEqual(await s.store.localAccounts.get(ada.id), created);
    });

    it('refuses an e-mail that another contact\'s account has', async () => {
      const ada = contact();
      const eve = contact();
      await s.store.contacts.insert(ada);
      await s.store.contacts.insert(eve);
      await s.store.localAccounts.create(account(ada.id, { email: 'shared@example.com' }));
      await assert.rejects(s.store.localAccounts.create(account(eve.id, { email: 'shared@example.com' })), ConflictError);
      assert.equal(await s.store.localAccounts.get(eve.id), null);
    });

    it('lets exactly one of 10 concurrent creators for one contact in', async () => {
      const ada = contact();
      await s.store.contacts.insert(ada);
      const attempts = await Promise.allSettled(Array.from({ length: 10 }, (_, i) =>
        s.store.localAccounts.create(account(ada.id, { email: `try${i}@example.com`, passwordHash: `h${i}` }))));
      const won = attempts.flatMap((attempt, i) => (attempt.status === 'fulfilled' ? [i] : []));
      assert.equal(won.length, 1);
      assert.ok(attempts.every((a) => a.status === 'fulfilled' || a.reason instanceof ConflictError));
      const stored = (await s.store.localAccounts.get(ada.id))!;
      assert.deepEqual([stored.email, stored.passwordHash], [`try${won[0]}@example.com`, `h${won[0]}`]);
    });

    it('removes an account, after which its e-mail and contact are free again', async () => {
      const ada = contact();
      await s.store.contacts.insert(ada);
      await s.store.localAccounts.create(account(ada.id));
      assert.equal(await s.store.localAccounts.remove(ada.id), true);
      assert.equal(await s.store.localAccounts.remove(ada.id), false);
      assert.equal(await s.store.localAccounts.get(ada.id), null);
      assert.equal(await s.store.localAccounts.findByEmail(`${ada.id}@example.com`), null);
      await s.store.localAccounts.create(account(ada.id, { passwordHash: 'h2', createdAt: at(1) }));
      assert.equal((await s.store.localAccounts.get(ada.id))!.passwordHash, 'h2');
    });

    it('save keeps what it is given as provenance (a password proven otherwise has none)', async () => {
      const ada = contact();
      await s.store.contacts.insert(ada);
      await s.store.localAccounts.create(account(ada.id, { viaInvitationId: randomUUID() }));
      await s.store.localAccounts.save(account(ada.id, { passwordHash: 'h2', updatedAt: at(1) }));
      assert.deepEqual(await s.store.localAccounts.get(ada.id), account(ada.id, { passwordHash: 'h2', updatedAt: at(1) }));
    });
  });
}
