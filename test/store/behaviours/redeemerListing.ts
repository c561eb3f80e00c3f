import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Store, StandingRedemption } from '../../../src/store/port.ts';
import { activity, at, audit, contact, storedInvitation, useStore, type MakeStore } from '../fixtures.ts';

function redeem(store: Store, invitationId: string, contactId: string, when: Date) {
  return store.invitations.redeem({ invitationId, contactId, now: when, activity: activity(invitationId, contactId, when), jobs: [] });
}

export function redeemerListingBehaviour(makeStore: MakeStore): void {
  describe('redeemers and a contact\'s invitations', () => {
    const s = useStore(makeStore);

    it('pages every standing redeemer of an invitation, newest first, past a reset', async () => {
      const { invitation } = await storedInvitation(s.store, { type: 'group', maxRedemptions: 200, remaining: 200 });
      const people = [];
      for (let i = 0; i < 7; i++) {
        const person = contact();
        await s.store.contacts.insert(person);
        people.push(person);
        // Two redeem at the same moment: the cursor must not lose either.
        await redeem(s.store, invitation.id, person.id, at(i === 6 ? 5000 : i * 1000));
      }
      const id = randomUUID();
      await s.store.invitations.resetRedemption({
        invitationId: invitation.id, contactId: people[2]!.id, now: at(9000), activity: { id, at: at(9000), actor: 'cli', reason: null },
        audit: audit(invitation.id, { id }), jobs: [], newCode: null,
      });
      const seen: StandingRedemption[] = [];
      let after: string | null = null;
      do {
        const page = await s.store.invitations.redeemers(invitation.id, { limit: 2, after });
        assert.ok(page.items.length <= 2);
        seen.push(...page.items);
        after = page.next;
      } while (after);
      assert.equal(seen.length, 6);
      assert.deepEqual(new Set(seen.map((r) => r.contactId)), new Set(people.filter((_, i) => i !== 2).map((p) => p.id)));
      assert.deepEqual(seen.map((r) => r.at.getTime()), [...seen.map((r) => r.at.getTime())].sort((a, b) => b - a), 'newest first');
      assert.equal(seen[0]!.invitationId, invitation.id);
      assert.deepEqual(await s.store.invitations.redeemers('no-such-invitation', { limit: 5 }), { items: [], next: null });
    });

    it('finds the invitations a contact was invited by or redeemed', async () => {
      const { invited } = await storedInvitation(s.store, { name: 'Invited', createdAt: at(1) });
      const person = invited[0]!;
      const { invitation: group } = await storedInvitation(s.store, { name: 'Redeemed', type: 'group', maxRedemptions: 5, remaining: 5, createdAt: at(2) });
      await storedInvitation(s.store, { name: 'Other', createdAt: at(3) });
      await redeem(s.store, group.id, person.id, at(10));
      const names = async (filter: Parameters<Store['invitations']['list']>[0]) => (await s.store.invitations.list(filter, { limit: 10 })).items.map((i) => i.name);
      assert.deepEqual(await names({ contactId: person.id }), ['Redeemed', 'Invited']);
      assert.deepEqual(await names({ invitedContactId: person.id }), ['Invited'], 'invited only, as before');
      assert.deepEqual(await names({ contactId: person.id, search: 'inv' }), ['Invited']);
    });
  });
}
