import assert from 'node:assert/strict';
import { useApi, type Auth } from './support.ts';

const BASE = '/api/v1';

describe('API: contacts, accounts and web roles', () => {
  const api = useApi();
  let hr: Auth;
  let crm: Auth;
  let reader: Auth;
  beforeEach(async () => {
    hr = { key: await api.keyFor(['Directory.ReadWrite'], 'HR') };
    crm = { key: await api.keyFor(['Invitations.ReadWrite'], 'CRM') };
    reader = { key: await api.keyFor(['Invitations.Read'], 'Reports') };
  });

  it('adds a contact (201, Location), refuses a taken e-mail, a bad address, an empty body and a client without Directory.ReadWrite', async () => {
    const created = await api.call('post', `${BASE}/contacts`, hr, { firstName: 'Ada', lastName: 'Lovelace', primaryEmail: 'ada@example.com', account: 'Contoso Ltd' });
    assert.equal(created.status, 201);
    assert.equal(created.headers.location, `${BASE}/contacts/${created.body.id}`);
    assert.equal(created.body.parentAccountId, api.seed.account.id);
    assert.equal((await api.call('post', `${BASE}/contacts`, hr, { primaryEmail: 'ada@example.com' })).status, 409);
    assert.equal((await api.call('post', `${BASE}/contacts`, hr, { primaryEmail: 'not an address' })).status, 400);
    assert.equal((await api.call('post', `${BASE}/contacts`, hr, {})).status, 400);
    assert.equal((await api.call('post', `${BASE}/contacts`, hr, { firstName: 7 })).status, 400);
    assert.equal((await api.call('post', `${BASE}/contacts`, hr, { primaryEmail: 'x@example.com', account: 'Nowhere' })).status, 404);
    assert.equal((await api.call('post', `${BASE}/contacts`, crm, { primaryEmail: 'x@example.com' })).status, 403);
  });

  it('imports contacts, skipping known e-mails and refusing all when one row is bad', async () => {
    const imported = await api.call('post', `${BASE}/contacts/import`, hr, { contacts: [{ primaryEmail: 'person1@example.com' }, { primaryEmail: 'new@example.com', firstName: 'New' }] });
    assert.deepEqual(imported.body, { added: 1, skipped: [{ row: 1, email: 'person1@example.com', reason: 'a contact with this e-mail already exists' }] });
    const refused = await api.call('post', `${BASE}/contacts/import`, hr, { contacts: [{ primaryEmail: 'ok@example.com' }, { primaryEmail: 'bad' }] });
    assert.equal(refused.status, 400);
    assert.equal(await api.store.contacts.findByPrimaryEmail('ok@example.com'), null);
    assert.equal((await api.call('post', `${BASE}/contacts/import`, hr, { contacts: [] })).status, 400);
    assert.equal((await api.call('post', `${BASE}/contacts/import`, reader, { contacts: [{ primaryEmail: 'r@example.com' }] })).status, 403);
  });

  it('lists contacts and shows one with its company, roles, sign-ins and redemptions', async () => {
    const listed = await api.call('get', `${BASE}/contacts?search=person&limit=2`, reader);
    assert.equal(listed.body.items.length, 2);
    assert.ok(listed.body.next);
    const person = api.seed.contacts[0]!;
    const { code } = await api.services.invitations.create('cli', { type: 'single', invitedContactIds: [person.id], assignToAccountId: api.seed.account.id, webRoleIds: [api.seed.roles[0]!.id] });
    await api.services.invitations.redeem({ code, contactId: person.id });
    const shown = await api.call('get', `${BASE}/contacts/${person.primaryEmail}`, reader);
    assert.equal(shown.body.account.name, 'Contoso Ltd');
    assert.deepEqual(shown.body.webRoles.map((r: { name: string }) => r.name), ['Customer']);
    assert.equal(shown.body.redemptions.length, 1);
    assert.equal((await api.call('get', `${BASE}/contacts/nobody@example.com`, reader)).status, 404);
    assert.equal((await api.call('get', `${BASE}/contacts?limit=500`, reader)).status, 400);
  });

  it('changes names and e-mails, gives and takes web roles and the account', async () => {
    const person = api.seed.contacts[0]!;
    const changed = await api.call('patch', `${BASE}/contacts/${person.id}`, hr, { lastName: 'Hopper', primaryEmail: 'grace@example.com', secondaryEmail: null });
    assert.deepEqual([changed.body.lastName, changed.body.primaryEmail], ['Hopper', 'grace@example.com']);
    assert.equal((await api.call('patch', `${BASE}/contacts/${person.id}`, hr, { primaryEmail: 'person2@example.com' })).status, 409);
    assert.equal((await api.call('patch', `${BASE}/contacts/${person.id}`, hr, {})).status, 400);
    assert.equal((await api.call('patch', `${BASE}/contacts/${person.id}`, hr, { nickname: 'x' })).status, 400);
    assert.equal((await api.call('patch', `${BASE}/contacts/${person.id}`, crm, { lastName: 'x' })).status, 403);
    const withRole = await api.call('post', `${BASE}/contacts/${person.id}/web-roles`, hr, { role: 'Partner' });
    assert.deepEqual(withRole.body.webRoleIds, [api.seed.roles[1]!.id]);
    assert.equal((await api.call('post', `${BASE}/contacts/${person.id}/web-roles`, hr, { role: 'Emperor' })).status, 404);
    assert.deepEqual((await api.call('delete', `${BASE}/contacts/${person.id}/web-roles/Partner`, hr)).body.webRoleIds, []);
    assert.equal((await api.call('delete', `${BASE}/contacts/${person.id}/web-roles/Partner`, hr)).status, 404);
    assert.equal((await api.call('put', `${BASE}/contacts/${person.id}/account`, hr, { account: 'Contoso Ltd' })).body.parentAccountId, api.seed.account.id);
    assert.equal((await api.call('delete', `${BASE}/contacts/${person.id}/account`, hr)).body.parentAccountId, null);
    assert.equal((await api.call('delete', `${BASE}/contacts/${person.id}/account`, hr)).status, 404);
    assert.equal((await api.call('put', `${BASE}/contacts/${person.id}/account`, hr, {})).status, 400);
  });

  it('gives a contact an ETag and changes it only while If-Match names it (412 otherwise, nothing changed)', async () => {
    const person = api.seed.contacts[0]!;
    const read = await api.call('get', `${BASE}/contacts/${person.id}`, hr);
    const tag = read.headers.etag!;
    assert.match(tag, /^"c[0-9a-f]{20}"$/);
    const changed = await api.call('patch', `${BASE}/contacts/${person.id}`, hr, { firstName: 'Grace' }, { 'If-Match': tag });
    assert.equal(changed.status, 200);
    assert.notEqual(changed.headers.etag, tag);
    const stale = await api.call('patch', `${BASE}/contacts/${person.id}`, hr, { lastName: 'Hopper' }, { 'If-Match': tag });
    assert.deepEqual([stale.status, stale.body.code], [412, 'precondition_failed']);
    assert.equal((await api.call('patch', `${BASE}/contacts/${person.id}`, hr, { lastName: 'Hopper' }, { 'If-Match': 'garbage' })).status, 412);
    assert.equal((await api.call('get', `${BASE}/contacts/${person.id}`, hr)).body.contact.lastName, person.lastName, 'a stale tag changed nothing');
    await api.call('post', `${BASE}/contacts/${person.id}/web-roles`, hr, { role: 'Partner' });
    const afterRole = await api.call('patch', `${BASE}/contacts/${person.id}`, hr, { lastName: 'Hopper' }, { 'If-Match': changed.headers.etag! });
    assert.equal(afterRole.status, 412, 'a web role given since is a change too');
    assert.equal((await api.call('patch', `${BASE}/contacts/${person.id}`, hr, { lastName: 'Hopper' }, { 'If-Match': '*' })).status, 200);
  });

  it('adds, renames and removes accounts and web roles that nothing uses', async () => {
    for (const [path, name] of [['accounts', 'Fabrikam'], ['web-roles', 'Reseller']] as const) {
      const created = await api.call('post', `${BASE}/${path}`, hr, { name });
      assert.equal(created.status, 201);
      assert.equal((await api.call('post', `${BASE}/${path}`, hr, { name: name.toUpperCase() })).status, 409);
      assert.equal((await api.call('post', `${BASE}/${path}`, hr, { name: '' })).status, 400);
      assert.equal((await api.call('post', `${BASE}/${path}`, crm, { name: 'Other' })).status, 403);
      assert.equal((await api.call('get', `${BASE}/${path}/${name}`, reader)).body.id, created.body.id);
      assert.equal((await api.call('patch', `${BASE}/${path}/${created.body.id}`, hr, { name: `${name} 2` })).body.name, `${name} 2`);
      assert.ok((await api.call('get', `${BASE}/${path}?limit=10`, reader)).body.items.length >= 2);
      assert.equal((await api.call('delete', `${BASE}/${path}/${created.body.id}`, hr)).status, 204);
      assert.equal((await api.call('delete', `${BASE}/${path}/${created.body.id}`, hr)).status, 404);
    }
    await api.services.contactAdmin.addRole('cli', api.seed.contacts[0]!.id, 'Customer');
    await api.services.contactAdmin.setAccount('cli', api.seed.contacts[0]!.id, 'Contoso Ltd');
    const inUse = await api.call('delete', `${BASE}/web-roles/Customer`, hr);
    assert.equal(inUse.status, 409);
    assert.equal(inUse.body.code, 'conflict');
    assert.equal((await api.call('delete', `${BASE}/accounts/${api.seed.account.id}`, hr)).status, 409);
  });
});
