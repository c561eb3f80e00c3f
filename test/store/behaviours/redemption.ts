import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Invitation } from '../../../src/domain/invitation.ts';
import type { Store } from '../../../src/store/port.ts';
import { activity, at, contact, HOUR, job, NOW, snapshot, storedInvitation, useStore, type MakeStore } from '../fixtures.ts';

function redeem(store: Store, invitationId: string, contactId: string, now = NOW) {
  return store.invitations.redeem({
    invitationId, contactId, now, activity: activity(invitationId, contactId, now),
    jobs: [job({ payload: { invitationId, contactId } })],
  });
}

export function redemptionBehaviour(makeStore: MakeStore): void {
  describe('redemption', () => {
    const s = useStore(makeStore);

    async function groupWithRoles(overrides: Partial<Invitation> = {}) {
      const account = { id: randomUUID(), name: `Contoso ${randomUUID()}`, createdAt: NOW };
      const roles = [{ id: randomUUID(), name: `Customer ${randomUUID()}`, createdAt: NOW }, { id: randomUUID(), name: `Partner ${randomUUID()}`, createdAt: NOW }];
      await s.store.accounts.insert(account);
      for (const role of roles) await s.store.webRoles.insert(role);
      const made = await storedInvitation(s.store, {
        type: 'group', maxRedemptions: 3, remaining: 3, assignToAccountId: account.id, webRoleIds: roles.map((r) => r.id), ...overrides,
      }, 2);
      return { ...made, account, roles };
    }

    it('applies everything in one step: count, redeemer, account, roles, activity, jobs', async () => {
      const { invitation, invited, account, roles } = await groupWithRoles();
      const who = invited[0]!;
      const request = { invitationId: invitation.id, contactId: who.id, now: at(1000), activity: activity(invitation.id, who.id, at(1000)), jobs: [job()] };
      const result = await s.store.invitations.redeem(request);
      assert.equal(result.invitation.remaining, 2);
      assert.equal(result.invitation.version, invitation.version + 1);
      assert.equal(result.contact.parentAccountId, account.id);
      assert.deepEqual(result.contact.webRoleIds, roles.map((r) => r.id).sort());
      assert.deepEqual(await s.store.contacts.get(who.id), result.contact);
      assert.deepEqual((await s.store.activities.listForInvitation(invitation.id, { limit: 10 })).items, [request.activity]);
      assert.deepEqual((await s.store.jobs.list({}, { limit: 10 })).items, request.jobs);
    });

    it('lets anyone holding a group code redeem, not only the invited contacts', async () => {
      const { invitation } = await groupWithRoles();
      const walkIn = contact();
      await s.store.contacts.insert(walkIn);
      const result = await redeem(s.store, invitation.id, walkIn.id);
      assert.equal(result.invitation.remaining, 2);
    });

    it('keeps roles the contact already had and adds the new ones once', async () => {
      const { invitation, invited, roles } = await groupWithRoles();
      const other = { id: randomUUID(), name: 'Existing', createdAt: NOW };
      await s.store.webRoles.insert(other);
      const holder = contact({ webRoleIds: [other.id, roles[0]!.id] });
      await s.store.contacts.insert(holder);
      const result = await redeem(s.store, invitation.id, holder.id);
      assert.deepEqual(result.contact.webRoleIds, [other.id, ...roles.map((r) => r.id)].sort());
      assert.ok(invited.length);
    });

    const refusals: Array<[string, Partial<Invitation>, string, number?]> = [
      ['revoked', { lifecycle: 'revoked' }, 'invitation_revoked'],
      ['pending approval', { lifecycle: 'pending-approval' }, 'invitation_not_active'],
      ['rejected', { lifecycle: 'rejected' }, 'invitation_not_active'],
      ['a draft', { lifecycle: 'draft' }, 'invitation_not_active'],
      ['expired', { expiresAt: at(-1) }, 'invitation_expired'],
      ['expiring this very moment', { expiresAt: NOW }, 'invitation_expired'],
      ['used up', { remaining: 0 }, 'invitation_used_up'],
    ];
    for (const [label, overrides, code] of refusals) {
      it(`refuses an invitation that is ${label} and changes nothing`, async () => {
        const { invitation, invited } = await groupWithRoles(overrides);
        const before = await snapshot(s.store, invitation.id, invited[0]!.id);
        await assert.rejects(redeem(s.store, invitation.id, invited[0]!.id), { code });
        assert.deepEqual(await snapshot(s.store, invitation.id, invited[0]!.id), before);
      });
    }

    it('refuses a single invitation to anyone but its invited contact', async () => {
      const { invitation, invited } = await storedInvitation(s.store, { expiresAt: at(HOUR) });
      const stranger = contact();
      await s.store.contacts.insert(stranger);
      const before = await snapshot(s.store, invitation.id, stranger.id);
      await assert.rejects(redeem(s.store, invitation.id, stranger.id), { code: 'wrong_redeemer' });
      assert.deepEqual(await snapshot(s.store, invitation.id, stranger.id), before);
      const result = await redeem(s.store, invitation.id, invited[0]!.id);
      assert.equal(result.invitation.remaining, 0);
      await assert.rejects(redeem(s.store, invitation.id, invited[0]!.id), { code: 'already_redeemed' });
    });

    it('gives a contact who redeems a group invitation twice a clear error, not a second slot', async () => {
      const { invitation, invited } = await groupWithRoles();
      await redeem(s.store, invitation.id, invited[0]!.id);
      const before = await snapshot(s.store, invitation.id, invited[0]!.id);
      await assert.rejects(redeem(s.store, invitation.id, invited[0]!.id), { code: 'already_redeemed' });
      assert.deepEqual(await snapshot(s.store, invitation.id, invited[0]!.id), before);
      assert.equal(before.invitation!.remaining, 2);
    });

    it('refuses unknown invitations and contacts', async () => {
      const { invitation, invited } = await groupWithRoles();
      await assert.rejects(redeem(s.store, 'missing', invited[0]!.id), { code: 'not_found' });
      await assert.rejects(redeem(s.store, invitation.id, 'missing'), { code: 'not_found' });
      assert.equal((await s.store.invitations.get(invitation.id))!.remaining, 3);
    });

    it('never over-redeems under concurrent attempts', async () => {
      const { invitation } = await groupWithRoles({ maxRedemptions: 10, remaining: 10 });
      const people = [];
      for (let i = 0; i < 40; i++) {
        const person = contact();
        await s.store.contacts.insert(person);
        people.push(person);
      }
      const results = await Promise.allSettled(people.map((p) => redeem(s.store, invitation.id, p.id)));
      const won = results.filter((r) => r.status === 'fulfilled').length;
      const refusedCodes = new Set(results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as { code: string }).code] : [])));
      assert.equal(won, 10);
      assert.deepEqual([...refusedCodes], ['invitation_used_up']);
      assert.equal((await s.store.invitations.get(invitation.id))!.remaining, 0);
      assert.equal((await s.store.activities.listForInvitation(invitation.id, { limit: 100 })).items.length, 10);
    });
  });
}
