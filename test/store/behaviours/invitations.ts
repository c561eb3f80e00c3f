import assert from 'node:assert/strict';
import { ConcurrentChangeError, ConflictError, NotFoundError } from '../../../src/domain/errors.ts';
import { at, audit, contact, HOUR, invitation, storedInvitation, useStore, type MakeStore } from '../fixtures.ts';

export function invitationBehaviour(makeStore: MakeStore): void {
  describe('invitations', () => {
    const s = useStore(makeStore);

    it('returns a stored invitation exactly as inserted, by id and by code lookup key', async () => {
      const { invitation: stored } = await storedInvitation(s.store, {
        name: 'Spring', expiresAt: at(HOUR), webRoleIds: ['r1', 'r2'], workflow: 'crm-sync', redirectUrl: 'https://portal.example/welcome', locale: 'da',
      });
      assert.deepEqual(await s.store.invitations.get(stored.id), stored);
      assert.deepEqual(await s.store.invitations.findByCodeLookupKey(stored.codeLookupKey), stored);
      assert.equal(await s.store.invitations.get('missing'), null);
      assert.equal(await s.store.invitations.findByCodeLookupKey('missing'), null);
    });

    it('writes the creation audit event with the invitation', async () => {
      const { invitation: stored } = await storedInvitation(s.store);
      const events = await s.store.audit.listForSubject(stored.id, { limit: 10 });
      assert.deepEqual(events.items.map((e) => e.action), ['invitation.created']);
    });

    it('refuses a second invitation with the same code lookup key', async () => {
      const { invitation: first, invited } = await storedInvitation(s.store);
      const second = invitation({ codeLookupKey: first.codeLookupKey });
      await assert.rejects(s.store.invitations.insert(second, [invited[0]!.id], audit(second.id)), ConflictError);
      assert.equal(await s.store.invitations.get(second.id), null);
    });

    it('keeps invited contacts in the order given, paged', async () => {
      const { invitation: stored, invited } = await storedInvitation(s.store, { type: 'group', maxRedemptions: 5 }, 5);
      const first = await s.store.invitations.invitedContactIds(stored.id, { limit: 3 });
      assert.deepEqual(first.items, invited.slice(0, 3).map((c) => c.id));
      const rest = await s.store.invitations.invitedContactIds(stored.id, { limit: 3, after: first.next });
      assert.deepEqual(rest.items, invited.slice(3).map((c) => c.id));
      assert.equal(rest.next, null);
      assert.equal(await s.store.invitations.isInvited(stored.id, invited[4]!.id), true);
      const stranger = contact();
      await s.store.contacts.insert(stranger);
      assert.equal(await s.store.invitations.isInvited(stored.id, stranger.id), false);
    });

    it('names the first contact of each of several invitations in one look-up', async () => {
      const { invitation: group, invited } = await storedInvitation(s.store, { type: 'group', maxRedemptions: 5 }, 3);
      const { invitation: single, invited: [alone] } = await storedInvitation(s.store);
      const firsts = await s.store.invitations.firstInvitedContactIds([group.id, single.id, 'no-such-invitation', { $ne: null } as never]);
      assert.deepEqual([...firsts].sort(), [[group.id, invited[0]!.id], [single.id, alone!.id]].sort());
      assert.equal((await s.store.invitations.firstInvitedContactIds([])).size, 0);
    });

    it('updates only the expected version, bumps it and records the audit event', async () => {
      const { invitation: stored } = await storedInvitation(s.store);
      const updated = await s.store.invitations.update(stored.id, 1, { lifecycle: 'revoked', updatedAt: at(1000) }, audit(stored.id, { action: 'invitation.revoked' }));
      assert.equal(updated.lifecycle, 'revoked');
      assert.equal(updated.version, 2);
      assert.deepEqual(updated.updatedAt, at(1000));
      assert.deepEqual(await s.store.invitations.get(stored.id), updated);
      await assert.rejects(s.store.invitations.update(stored.id, 1, { lifecycle: 'sent' }, audit(stored.id)), ConcurrentChangeError);
      assert.equal((await s.store.invitations.get(stored.id))!.lifecycle, 'revoked');
      await assert.rejects(s.store.invitations.update('missing', 1, { lifecycle: 'sent' }, audit('missing')), NotFoundError);
      const actions = (await s.store.audit.listForSubject(stored.id, { limit: 10 })).items.map((e) => e.action).sort();
      assert.deepEqual(actions, ['invitation.created', 'invitation.revoked']);
    });

    it('can set and clear the expiry', async () => {
      const { invitation: stored } = await storedInvitation(s.store, { expiresAt: at(HOUR) });
      const extended = await s.store.invitations.update(stored.id, 1, { expiresAt: at(2 * HOUR) }, audit(stored.id));
      assert.deepEqual(extended.expiresAt, at(2 * HOUR));
      const unlimited = await s.store.invitations.update(stored.id, 2, { expiresAt: null }, audit(stored.id));
      assert.equal(unlimited.expiresAt, null);
    });
  });
}
