import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { contact, NOW, at, useStore, type MakeStore } from '../fixtures.ts';

export function identityProvenanceBehaviour(makeStore: MakeStore): void {
  describe('identity provenance and unlinking', () => {
    const s = useStore(makeStore);
    const issuer = 'https://login.microsoftonline.com/tenant/v2.0';

    it('returns an identity with the invitation that vouched for it, what the binding rested on, and when it was linked', async () => {
      const ada = contact();
      await s.store.contacts.insert(ada);
      const invitationId = randomUUID();
      const viaCode = { issuer, subject: 'by-code', viaInvitationId: invitationId, linkedAt: at(1000), proof: 'single-code' as const };
      const proven = { issuer, subject: 'proven', viaInvitationId: null, linkedAt: at(2000), proof: 'mailbox' as const };
      await s.store.contacts.addIdentity(ada.id, viaCode);
      await s.store.contacts.addIdentity(ada.id, proven);
      await s.store.contacts.addIdentity(ada.id, { issuer, subject: 'plain' });
      const expected = [viaCode, proven, { issuer, subject: 'plain' }];
      assert.deepEqual((await s.store.contacts.get(ada.id))!.identities, expected);
      assert.deepEqual((await s.store.contacts.findByIdentity(issuer, 'by-code'))!.identities, expected);
    });

    it('unlinks an identity from its contact only, after which it may be linked elsewhere', async () => {
      const ada = contact();
      const eve = contact();
      await s.store.contacts.insert(ada);
      await s.store.contacts.insert(eve);
      await s.store.contacts.addIdentity(ada.id, { issuer, subject: 'one', linkedAt: NOW });
      await s.store.contacts.addIdentity(ada.id, { issuer, subject: 'two' });

      assert.equal(await s.store.contacts.removeIdentity(eve.id, { issuer, subject: 'one' }), false, 'not linked to eve');
      assert.equal((await s.store.contacts.findByIdentity(issuer, 'one'))!.id, ada.id);
      assert.equal(await s.store.contacts.removeIdentity(ada.id, { issuer, subject: 'one' }), true);
      assert.equal(await s.store.contacts.removeIdentity(ada.id, { issuer, subject: 'one' }), false, 'already gone');
      assert.equal(await s.store.contacts.findByIdentity(issuer, 'one'), null);
      assert.deepEqual((await s.store.contacts.get(ada.id))!.identities, [{ issuer, subject: 'two' }]);

      await s.store.contacts.addIdentity(eve.id, { issuer, subject: 'one' });
      assert.equal((await s.store.contacts.findByIdentity(issuer, 'one'))!.id, eve.id);
      assert.equal(await s.store.contacts.removeIdentity('no-such-contact', { issuer, subject: 'two' }), false);
    });
  });
}
