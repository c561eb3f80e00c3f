import assert from 'node:assert/strict';
import { statusCondition, STATUSES, type InvitationStatus } from '../../../src/domain/invitation.ts';
import { at, HOUR, NOW, storedInvitation, useStore, type MakeStore } from '../fixtures.ts';

export function invitationListingBehaviour(makeStore: MakeStore): void {
  describe('invitation listing', () => {
    const s = useStore(makeStore);

    it('filters by every status, evaluated at the given time', async () => {
      const make = (name: InvitationStatus, overrides: Parameters<typeof storedInvitation>[1]) => storedInvitation(s.store, { name, ...overrides });
      await make('draft', { lifecycle: 'draft' });
      await make('pending-approval', { lifecycle: 'pending-approval', expiresAt: at(HOUR) });
      await make('rejected', { lifecycle: 'rejected', expiresAt: at(-HOUR) });
      await make('sent', { expiresAt: at(HOUR) });
      await make('redeemed', { remaining: 0, expiresAt: at(-HOUR) });
      await make('expired', { expiresAt: at(-HOUR), maxRedemptions: 5, remaining: 2 });
      await make('revoked', { lifecycle: 'revoked', remaining: 0 });
      for (const status of STATUSES) {
        const page = await s.store.invitations.list({ status: statusCondition(status, NOW) }, { limit: 10 });
        assert.deepEqual(page.items.map((i) => i.name), [status], `status ${status}`);
      }
      const later = await s.store.invitations.list({ status: statusCondition('expired', at(2 * HOUR)) }, { limit: 10 });
      assert.deepEqual(later.items.map((i) => i.name).sort(), ['expired', 'pending-approval', 'sent']);
    });

    it('filters by the account it gives and by a range of creation times (from included, before excluded)', async () => {
      const account = { id: 'account-1', name: 'Contoso', createdAt: NOW };
      await s.store.accounts.insert(account);
      await storedInvitation(s.store, { name: 'Early', assignToAccountId: account.id, createdAt: at(-2 * HOUR) });
      await storedInvitation(s.store, { name: 'On time', assignToAccountId: account.id, createdAt: at(0) });
      await storedInvitation(s.store, { name: 'Elsewhere', createdAt: at(HOUR / 2) });
      await storedInvitation(s.store, { name: 'Late', assignToAccountId: account.id, createdAt: at(HOUR) });
      const names = async (filter: Parameters<typeof s.store.invitations.list>[0]) =>
        (await s.store.invitations.list(filter, { limit: 10 })).items.map((i) => i.name);
      assert.deepEqual(await names({ accountId: account.id }), ['Late', 'On time', 'Early']);
      assert.deepEqual(await names({ createdFrom: at(0), createdBefore: at(HOUR) }), ['Elsewhere', 'On time']);
      assert.deepEqual(await names({ accountId: account.id, createdFrom: at(-HOUR) }), ['Late', 'On time']);
      assert.deepEqual(await names({ createdBefore: at(-HOUR) }), ['Early']);
    });

    it('filters by invited contact, owner and name prefix, and pages newest first', async () => {
      const { invited } = await storedInvitation(s.store, { name: 'Alpha', ownerId: 'owner-1', createdAt: at(1) });
      await storedInvitation(s.store, { name: 'Beta', createdAt: at(2) });
      await storedInvitation(s.store, { name: 'alphabet soup', createdAt: at(3) });
      const names = async (filter: Parameters<typeof s.store.invitations.list>[0]) =>
        (await s.store.invitations.list(filter, { limit: 10 })).items.map((i) => i.name);
      assert.deepEqual(await names({ invitedContactId: invited[0]!.id }), ['Alpha']);
      assert.deepEqual(await names({ ownerId: 'owner-1' }), ['Alpha']);
      assert.deepEqual(await names({ search: 'alpha' }), ['alphabet soup', 'Alpha']);
      const first = await s.store.invitations.list({}, { limit: 2 });
      assert.deepEqual(first.items.map((i) => i.name), ['alphabet soup', 'Beta']);
      const rest = await s.store.invitations.list({}, { limit: 2, after: first.next });
      assert.deepEqual(rest.items.map((i) => i.name), ['Alpha']);
      assert.equal(rest.next, null);
    });

    it('filters by a staff member: invitations they own or created, with a status too', async () => {
      await storedInvitation(s.store, { name: 'Owned', ownerId: 'staff-1', createdBy: 'cli', createdAt: at(1) });
      await storedInvitation(s.store, { name: 'Created', ownerId: 'staff-2', createdBy: 'staff-1', createdAt: at(2) });
      await storedInvitation(s.store, { name: 'Other', ownerId: 'staff-2', createdBy: 'staff-2', createdAt: at(3) });
      await storedInvitation(s.store, { name: 'Revoked', ownerId: 'staff-1', lifecycle: 'revoked', expiresAt: at(HOUR), createdAt: at(4) });
      const names = async (filter: Parameters<typeof s.store.invitations.list>[0]) =>
        (await s.store.invitations.list(filter, { limit: 10 })).items.map((i) => i.name);
      assert.deepEqual(await names({ staffId: 'staff-1' }), ['Revoked', 'Created', 'Owned']);
      assert.deepEqual(await names({ staffId: 'staff-1', status: statusCondition('sent', NOW) }), ['Created', 'Owned']);
      assert.deepEqual(await names({ staffId: 'staff-3' }), []);
    });
  });
}
