import assert from 'node:assert/strict';
import { apiKeyHash, type ApiClient } from '../../src/domain/apiClient.ts';
import { useSeededServices } from '../support/services.ts';

const reader: ApiClient = { actor: 'api:11111111-1111-4111-8111-111111111111', name: 'Reporting', roles: ['Invitations.Read'] };
const writer: ApiClient = { actor: 'api:22222222-2222-4222-8222-222222222222', name: 'CRM', roles: ['Invitations.ReadWrite'] };
const directory: ApiClient = { actor: 'api:33333333-3333-4333-8333-333333333333', name: 'HR sync', roles: ['Directory.ReadWrite'] };
const admin: ApiClient = { actor: 'api:44444444-4444-4444-8444-444444444444', name: 'Ops', roles: ['Admin'] };

describe('API clients as actors', () => {
  const s = useSeededServices(2);
  const invite = (client: ApiClient) => s.services.forApiClient(client).invitations.invite(client.actor, { type: 'single', contacts: [s.seed.contacts[0]!.id] });

  it('grant what their app roles grant: Read looks, ReadWrite invites, Admin does everything', async () => {
    await assert.rejects(invite(reader), { code: 'not_allowed', message: /API client's roles do not allow inviting customers/ });
    const { invitation } = await invite(writer);
    assert.equal(invitation.createdBy, writer.actor);
    assert.equal(invitation.ownerId, null);
    assert.equal((await s.services.forApiClient(reader).invitations.find(reader.actor, invitation.id)).id, invitation.id);
    await assert.rejects(s.services.forApiClient(reader).invitations.revoke(reader.actor, invitation.id), { code: 'not_allowed' });
    await assert.rejects(s.services.forApiClient(writer).staff.list(writer.actor), { code: 'not_allowed' });
    await assert.rejects(s.services.forApiClient(directory).invitations.revoke(directory.actor, invitation.id), { code: 'not_allowed' });
    assert.equal((await s.services.forApiClient(directory).invitations.find(directory.actor, invitation.id)).id, invitation.id);
    await s.services.forApiClient(admin).invitations.revoke(admin.actor, invitation.id);
    assert.ok((await s.services.forApiClient(admin).staff.list(admin.actor)).items);
  });

  it('are nobody outside the services made for them: another client\'s actor, or none, is refused', async () => {
    await assert.rejects(s.services.invitations.find(writer.actor, 'anything'), { code: 'not_allowed' });
    await assert.rejects(s.services.forApiClient(reader).invitations.invite(writer.actor, { type: 'single', contacts: ['x'] }), { code: 'not_allowed' });
  });

  it('are named by their readable name where staff read who did something', async () => {
    const { invitation } = await invite(writer);
    const details = await s.services.forApiClient(writer).invitations.details(writer.actor, invitation.id);
    assert.equal(details.creator.name, 'CRM');
    assert.equal((await s.services.invitations.details('cli', invitation.id)).creator.name, `API client ${writer.actor.slice(4)}`);
  });
});

describe('API keys', () => {
  const s = useSeededServices(1);
  beforeEach(() => s.store.staff.upsert({ id: 'admin-1', displayName: 'Ann', roles: ['admin'], createdAt: s.clock() }));

  it('are made by admins, shown once and kept as a hash, and stand for an API client with their roles', async () => {
    await assert.rejects(s.services.apiKeys.create('inviter-1', { name: 'CRM', roles: ['Invitations.Read'] }), { code: 'not_allowed' });
    const { key, apiKey } = await s.services.apiKeys.create('admin-1', { name: 'CRM', roles: ['Invitations.ReadWrite', 'Invitations.ReadWrite'] });
    assert.match(key, /^idk_[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(apiKey.roles, ['Invitations.ReadWrite']);
    assert.equal(apiKey.prefix, key.slice(0, 10));
    const stored = await s.store.apiKeys.get(apiKey.id);
    assert.equal(stored?.hash, apiKeyHash(key));
    assert.ok(!JSON.stringify(stored).includes(key), 'the key itself is not stored');
    assert.ok(!('hash' in apiKey));
    assert.deepEqual(await s.services.apiKeys.authenticate(key), { actor: `api:key:${apiKey.id}`, name: 'API key "CRM"', roles: ['Invitations.ReadWrite'] });
    assert.equal(await s.services.apiKeys.authenticate(`${key.slice(0, -1)}A`), null);
    assert.equal(await s.services.apiKeys.authenticate('not a key'), null);
  });

  it('refuse bad names and roles', async () => {
    await assert.rejects(s.services.apiKeys.create('admin-1', { name: '', roles: ['Admin'] }), { code: 'invalid_input' });
    await assert.rejects(s.services.apiKeys.create('admin-1', { name: 'x', roles: [] }), { code: 'invalid_input' });
    await assert.rejects(s.services.apiKeys.create('admin-1', { name: 'x', roles: ['Invitations.Everything'] }), { code: 'invalid_input' });
  });

  it('record when they were last used, to the minute', async () => {
    const { key, apiKey } = await s.services.apiKeys.create('cli', { name: 'CRM', roles: ['Invitations.Read'] });
    await s.services.apiKeys.authenticate(key);
    assert.deepEqual((await s.store.apiKeys.get(apiKey.id))?.lastUsedAt, s.clock());
    const first = s.clock();
    s.clock.advance(30_000);
    await s.services.apiKeys.authenticate(key);
    assert.deepEqual((await s.store.apiKeys.get(apiKey.id))?.lastUsedAt, first);
    s.clock.advance(30_000);
    await s.services.apiKeys.authenticate(key);
    assert.deepEqual((await s.store.apiKeys.get(apiKey.id))?.lastUsedAt, s.clock());
  });

  it('are refused from the moment they are revoked (by id or prefix), and creating and revoking is audited', async () => {
    const { key, apiKey } = await s.services.apiKeys.create('admin-1', { name: 'CRM', roles: ['Admin'] });
    assert.ok(await s.services.apiKeys.authenticate(key));
    const revoked = await s.services.apiKeys.revoke('admin-1', apiKey.prefix);
    assert.deepEqual(revoked.revokedAt, s.clock());
    assert.equal(await s.services.apiKeys.authenticate(key), null);
    await assert.rejects(s.services.apiKeys.revoke('admin-1', apiKey.id), { code: 'invalid_state' });
    await assert.rejects(s.services.apiKeys.revoke('admin-1', 'idk_nothing'), { code: 'not_found' });
    const events = (await s.store.audit.listForSubject(`api:key:${apiKey.id}`, { limit: 10 })).items.map((e) => `${e.actor} ${e.action}`);
    assert.deepEqual(events.sort(), ['admin-1 apikey.created', 'admin-1 apikey.revoked']);
    assert.equal((await s.services.apiKeys.list('admin-1')).items.length, 1);
  });
});

describe('changes on a condition (If-Match)', () => {
  const s = useSeededServices(2);

  it('change an invitation only while its version is the one given', async () => {
    const { invitation } = await s.services.invitations.create('cli', { type: 'single', invitedContactIds: [s.seed.contacts[0]!.id] });
    await assert.rejects(s.services.invitations.revoke('cli', invitation.id, undefined, { ifVersion: invitation.version + 1 }), { code: 'precondition_failed', status: 412 });
    const extended = await s.services.invitations.extend('cli', invitation.id, null, { ifVersion: invitation.version });
    assert.equal(extended.version, invitation.version + 1);
    await assert.rejects(s.services.invitations.resend('cli', invitation.id, { ifVersion: invitation.version }), { code: 'precondition_failed' });
    await assert.rejects(s.services.invitations.resetRedemption('cli', { invitation: invitation.id, contact: s.seed.contacts[0]!.id, ifVersion: 1 }), { code: 'precondition_failed' });
  });
});

describe('listing invitations by account and creation time', () => {
  const s = useSeededServices(2);

  it('filters by account (id or name) and a created range', async () => {
    const make = () => s.services.invitations.create('cli', { type: 'single', invitedContactIds: [s.seed.contacts[0]!.id], assignToAccountId: s.seed.account.id });
    const first = (await make()).invitation;
    s.clock.advance(60_000);
    const other = (await s.services.invitations.create('cli', { type: 'single', invitedContactIds: [s.seed.contacts[1]!.id] })).invitation;
    s.clock.advance(60_000);
    const last = (await make()).invitation;
    const ids = async (input: object) => (await s.services.invitations.list('cli', input)).items.map((i) => i.id);
    assert.deepEqual(await ids({ account: 'contoso ltd' }), [last.id, first.id]);
    assert.deepEqual(await ids({ account: s.seed.account.id, createdFrom: other.createdAt }), [last.id]);
    assert.deepEqual(await ids({ createdBefore: last.createdAt }), [other.id, first.id]);
    await assert.rejects(ids({ account: 'nobody' }), { code: 'not_found' });
  });
});

describe('answering a request key once', () => {
  const s = useSeededServices(0);

  it('answers a repeat with the first answer, refuses another request under the key, and frees the key after a failure', async () => {
    let runs = 0;
    const make = async () => ({ n: ++runs });
    assert.deepEqual(await s.services.requestKeys.answerOnce('cli', 'k1', 'A', make), { answer: { n: 1 }, replayed: false });
    assert.deepEqual(await s.services.requestKeys.answerOnce('cli', 'k1', 'A', make), { answer: { n: 1 }, replayed: true });
    await assert.rejects(s.services.requestKeys.answerOnce('cli', 'k1', 'B', make), { code: 'request_key_reused', status: 409 });
    assert.deepEqual((await s.services.requestKeys.answerOnce('someone-else', 'k1', 'B', make)).answer, { n: 2 });
    await assert.rejects(s.services.requestKeys.answerOnce('cli', 'k2', 'A', () => Promise.reject(new Error('boom'))), /boom/);
    assert.deepEqual(await s.services.requestKeys.answerOnce('cli', 'k2', 'A', make), { answer: { n: 3 }, replayed: false });
    const both = await Promise.all([s.services.requestKeys.answerOnce('cli', 'k3', 'A', make), s.services.requestKeys.answerOnce('cli', 'k3', 'A', make)]);
    assert.deepEqual(both.map((b) => b.answer), [{ n: 4 }, { n: 4 }]);
  });
});
