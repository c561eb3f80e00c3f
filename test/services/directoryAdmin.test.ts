import assert from 'node:assert/strict';
import type { ApiClient } from '../../src/domain/apiClient.ts';
import { useSeededServices } from '../support/services.ts';

const directory: ApiClient = { actor: 'api:hr-sync', name: 'HR sync', roles: ['Directory.ReadWrite'] };
const inviter: ApiClient = { actor: 'api:crm', name: 'CRM', roles: ['Invitations.ReadWrite'] };

describe('directory by hand: accounts, web roles and contacts', () => {
  const s = useSeededServices(2);
  beforeEach(async () => {
    await s.store.staff.upsert({ id: 'admin-1', displayName: 'Ann', roles: ['admin'], createdAt: s.clock() });
    await s.store.staff.upsert({ id: 'inviter-1', displayName: 'Ivy', roles: ['inviter'], createdAt: s.clock() });
  });
  const as = (client: ApiClient) => s.services.forApiClient(client);

  it('is for admins among staff and Directory.ReadWrite among API clients', async () => {
    await assert.rejects(s.services.accountAdmin.create('inviter-1', 'Fabrikam'), { code: 'not_allowed' });
    await assert.rejects(as(inviter).webRoleAdmin.create(inviter.actor, 'Reseller'), { code: 'not_allowed' });
    await assert.rejects(as(inviter).contactAdmin.create(inviter.actor, { primaryEmail: 'x@example.com' }), { code: 'not_allowed' });
    assert.equal((await s.services.accountAdmin.create('admin-1', 'Fabrikam')).name, 'Fabrikam');
    assert.equal((await as(directory).webRoleAdmin.create(directory.actor, 'Reseller')).name, 'Reseller');
    assert.ok((await as(inviter).accountAdmin.list(inviter.actor)).items.length >= 2, 'viewers may look');
    await assert.rejects(s.services.contactAdmin.removeRole('inviter-1', s.seed.contacts[0]!.id, 'Customer'), { code: 'not_allowed' });
  });

  it('renames, and removes only what nothing uses, auditing each change', async () => {
    const renamed = await s.services.accountAdmin.rename('admin-1', 'contoso ltd', 'Contoso A/S');
    assert.equal(renamed.name, 'Contoso A/S');
    await assert.rejects(s.services.webRoleAdmin.rename('admin-1', 'Customer', 'partner'), { code: 'conflict' });
    await assert.rejects(s.services.webRoleAdmin.rename('admin-1', 'Nobody', 'x'), { code: 'not_found' });
    await s.services.invitations.create('cli', { type: 'single', invitedContactIds: [s.seed.contacts[0]!.id], webRoleIds: [s.seed.roles[0]!.id] });
    await assert.rejects(s.services.webRoleAdmin.remove('admin-1', 'Customer'), { code: 'conflict', message: /still held by a contact or given by an invitation/ });
    await s.services.webRoleAdmin.remove('admin-1', 'Partner');
    await assert.rejects(s.services.webRoleAdmin.remove('admin-1', 'Partner'), { code: 'not_found' });
    // The seed's creation and the removal may carry the same (test clock) instant: compared as a set.
    const events = (await s.store.audit.listForSubject(s.seed.roles[1]!.id, { limit: 5 })).items.map((e) => `${e.actor} ${e.action}`).sort();
    assert.deepEqual(events, ['admin-1 web-role.removed', 'system web-role.added'], 'its creation by the seed and its removal');
    const renames = (await s.store.audit.listForSubject(s.seed.account.id, { limit: 5 })).items.filter((e) => e.action !== 'account.added');
    assert.deepEqual(renames.map((e) => e.detail), [{ before: 'Contoso Ltd', after: 'Contoso A/S' }]);
  });

  it('adds and imports contacts, changes names and e-mails (audited before and after), gives roles and accounts', async () => {
    const ada = await as(directory).contactAdmin.create(directory.actor, { firstName: 'Ada', primaryEmail: 'Ada@Example.com', account: 'Contoso Ltd' });
    assert.equal(ada.primaryEmail, 'ada@example.com');
    const imported = await as(directory).contactAdmin.import(directory.actor, [{ primaryEmail: 'ada@example.com' }, { primaryEmail: 'bo@example.com' }]);
    assert.deepEqual([imported.added.length, imported.skipped.length], [1, 1]);
    await assert.rejects(as(directory).contactAdmin.updateDetails(directory.actor, ada.id, { primaryEmail: 'bo@example.com' }), { code: 'conflict' });
    await assert.rejects(as(directory).contactAdmin.updateDetails(directory.actor, ada.id, { primaryEmail: 'not an address' }), { code: 'invalid_input' });
    s.clock.advance(1000);
    const changed = await as(directory).contactAdmin.updateDetails(directory.actor, 'ada@example.com', { lastName: 'Lovelace', primaryEmail: 'AUGUSTA@example.com' });
    assert.deepEqual([changed.lastName, changed.primaryEmail], ['Lovelace', 'augusta@example.com']);
    const [update] = (await s.store.audit.listForSubject(ada.id, { limit: 1 })).items;
    assert.deepEqual([update!.action, update!.actor, update!.detail], ['contact.updated', directory.actor, {
      before: { lastName: '', primaryEmail: 'ada@example.com' }, after: { lastName: 'Lovelace', primaryEmail: 'augusta@example.com' },
    }]);
    const withRole = await as(directory).contactAdmin.addRole(directory.actor, ada.id, 'Partner');
    assert.deepEqual(withRole.webRoleIds, [s.seed.roles[1]!.id]);
    const fabrikam = await s.services.accountAdmin.create('cli', 'Fabrikam');
    assert.equal((await as(directory).contactAdmin.setAccount(directory.actor, ada.id, 'Fabrikam')).parentAccountId, fabrikam.id);
    await assert.rejects(as(directory).contactAdmin.setAccount(directory.actor, ada.id, 'Nowhere'), { code: 'not_found' });
    assert.equal((await as(directory).contactAdmin.removeRole(directory.actor, ada.id, 'Partner')).webRoleIds.length, 0);
  });
});
