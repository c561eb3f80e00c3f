import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Store } from '../../../src/store/port.ts';
import { activity, contact, NOW, storedInvitation, useStore, type MakeStore } from '../fixtures.ts';

export function unusedContactBehaviour(makeStore: MakeStore): void {
  describe('removing an unused contact', () => {
    const s = useStore(makeStore);

    it('deletes a contact nothing refers to, once, and frees its e-mail', async () => {
      const ada = contact({ emailVerifiedAt: NOW });
      await s.store.contacts.insert(ada);
      assert.equal(await s.store.contacts.removeIfUnused(ada.id), true);
      assert.equal(await s.store.contacts.get(ada.id), null);
      assert.equal(await s.store.contacts.removeIfUnused(ada.id), false);
      await s.store.contacts.insert(contact({ primaryEmail: ada.primaryEmail }));
    });

    /** Each makes a contact that something refers to and returns its id. */
    const used: Array<[string, (store: Store) => Promise<string>]> = [
      ['a local account', async (store) => {
        const c = contact();
        await store.contacts.insert(c);
        await store.localAccounts.create({ contactId: c.id, email: c.primaryEmail!, passwordHash: 'h', createdAt: NOW, updatedAt: NOW });
        return c.id;
      }],
      ['an identity', async (store) => {
        const c = contact();
        await store.contacts.insert(c);
        await store.contacts.addIdentity(c.id, { issuer: 'https://idp.example', subject: c.id });
        return c.id;
      }],
      ['a web role', async (store) => {
        const role = { id: randomUUID(), name: `Role ${randomUUID()}`, createdAt: NOW };
        await store.webRoles.insert(role);
        const c = contact({ webRoleIds: [role.id] });
        await store.contacts.insert(c);
        return c.id;
      }],
      ['an account', async (store) => {
        const account = { id: randomUUID(), name: `Account ${randomUUID()}`, createdAt: NOW };
        await store.accounts.insert(account);
        const c = contact({ parentAccountId: account.id });
        await store.contacts.insert(c);
        return c.id;
      }],
      ['an invitation', async (store) => (await storedInvitation(store)).invited[0]!.id],
      ['a redemption', async (store) => {
        const c = contact();
        await store.contacts.insert(c);
        const { invitation } = await storedInvitation(store, { type: 'group', maxRedemptions: 2, remaining: 2 });
        await store.invitations.redeem({ invitationId: invitation.id, contactId: c.id, now: NOW, activity: activity(invitation.id, c.id), jobs: [] });
        return c.id;
      }],
    ];
    for (const [label, use] of used) {
      it(`keeps a contact that has ${label}`, async () => {
        const id = await use(s.store);
        assert.equal(await s.store.contacts.removeIfUnused(id), false);
        assert.ok(await s.store.contacts.get(id));
      });
    }

    it('answers false for an unknown contact', async () => {
      assert.equal(await s.store.contacts.removeIfUnused('no-such-contact'), false);
    });
  });
}
