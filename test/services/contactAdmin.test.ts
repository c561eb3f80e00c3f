import assert from 'node:assert/strict';
import { useSeededServices } from '../support/services.ts';

const VIEWER = '00000000-0000-0000-0000-0000000000b1';
const ADMIN = '00000000-0000-0000-0000-0000000000b2';

describe('contact access by hand', () => {
  const s = useSeededServices(1);
  beforeEach(async () => {
    await s.services.staff.save('cli', { id: VIEWER, displayName: 'Val Viewer', roles: ['viewer'] });
    await s.services.staff.save('cli', { id: ADMIN, displayName: 'Ann Admin', roles: ['admin'] });
  });

  it('lets viewers look and only admins take access away, each change audited under the staff member', async () => {
    const ada = await s.services.contacts.add({ firstName: 'Ada', primaryEmail: 'ada@example.com', account: 'Contoso Ltd' });
    await s.store.contacts.addIdentity(ada.id, { issuer: 'https://idp.example', subject: 'ada' });
    const before = await s.services.contactAdmin.show(VIEWER, 'ada@example.com');
    assert.deepEqual([before.account?.name, before.identities.length, before.localAccount, before.redemptions], ['Contoso Ltd', 1, null, []]);
    await assert.rejects(s.services.contactAdmin.show('00000000-0000-0000-0000-0000000000ff', ada.id), { code: 'not_allowed' });

    for (const attempt of [
      () => s.services.contactAdmin.removeAccount(VIEWER, ada.id),
      () => s.services.contactAdmin.unlinkIdentity(VIEWER, ada.id, { issuer: 'https://idp.example', subject: 'ada' }),
      () => s.services.contactAdmin.removeRole(VIEWER, ada.id, 'Customer'),
    ]) await assert.rejects(attempt(), { code: 'not_allowed' });
    assert.deepEqual(await s.services.contactAdmin.show(ADMIN, ada.id), before);

    await s.services.contactAdmin.removeAccount(ADMIN, ada.id);
    s.clock.advance(1000);
    const unlinked = await s.services.contactAdmin.unlinkIdentity(ADMIN, ada.id, { issuer: 'https://idp.example', subject: 'ada' });
    assert.deepEqual([unlinked.parentAccountId, unlinked.identities, unlinked.sessionGeneration], [null, [], 1]);
    assert.equal(await s.store.contacts.findByIdentity('https://idp.example', 'ada'), null);
    const events = (await s.store.audit.listForSubject(ada.id, { limit: 5 })).items.filter((e) => e.action !== 'contact.added').map((e) => [e.actor, e.action, e.detail]);
    assert.deepEqual(events, [
      [ADMIN, 'contact.identity-unlinked', { issuer: 'https://idp.example', subject: 'ada', changes: { identities: { before: ['https://idp.example ada'], after: [] } } }],
      [ADMIN, 'contact.account-removed', { accountId: s.seed.account.id, changes: { parentAccountId: { before: s.seed.account.id, after: null } } }],
    ]);
  });
});
