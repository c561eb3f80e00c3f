import assert from 'node:assert/strict';
import { runCliIn } from '../support/inProcessCli.ts';
import { createSqliteStore } from '../../src/store/sqlite/index.ts';
import type { Store } from '../../src/store/port.ts';
import { seedDirectory, testServices } from '../support/services.ts';

describe('admin CLI: resetting redemptions and contact access', () => {
  let store: Store;
  let t: ReturnType<typeof testServices>;
  let seed: Awaited<ReturnType<typeof seedDirectory>>;
  beforeEach(async () => {
    store = createSqliteStore(':memory:');
    t = testServices(store);
    seed = await seedDirectory(t.services, 2);
  });
  afterEach(() => store.close());

  async function cli(...args: string[]) {
    return runCliIn(t.services, args);
  }

  async function redeemedGroup() {
    const { invitation, code } = await t.services.invitations.create('cli', {
      type: 'group', maxRedemptions: 3, invitedContactIds: seed.contacts.map((c) => c.id), assignToAccountId: seed.account.id, webRoleIds: seed.roles.map((r) => r.id),
    });
    await t.services.invitations.redeem({ code, contactId: seed.contacts[0]!.id });
    return { invitation, code };
  }

  it('resets a redemption by code and e-mail, says what was removed, and shows it on the invitation', async () => {
    const { invitation, code } = await redeemedGroup();
    t.clock.advance(1000);
    const reset = await cli('invite', 'reset-redemption', code, 'person1@example.com', '--reason', 'wrong person');
    assert.equal(reset.exitCode, 0, reset.stderr);
    assert.equal(reset.stdout, [
      `reset the redemption of "${invitation.name}" (${invitation.id}) by person1 Tester <person1@example.com>`,
      'removed: the parent account, 2 web role(s); sessions ended',
      'redemptions: 0/3',
    ].join('\n'));
    assert.match((await cli('invite', 'show', invitation.id)).stdout, /redemption by person1 Tester reset at \S+ by cli: wrong person/);
    const [event] = (await store.audit.listForSubject(invitation.id, { limit: 1 })).items;
    assert.deepEqual([event!.action, event!.detail.reason], ['invitation.redemption-reset', 'wrong person']);

    const again = await cli('invite', 'reset-redemption', invitation.id, 'person1@example.com');
    assert.equal(again.exitCode, 1);
    assert.equal(again.stderr, 'error: This contact has not redeemed this invitation (or the redemption was reset already).');
  });

  it('prints JSON without the protected code, and refuses --reissue for a group with a clear error', async () => {
    const { invitation } = await redeemedGroup();
    const refused = await cli('invite', 'reset-redemption', invitation.id, seed.contacts[0]!.id, '--reissue');
    assert.equal(refused.exitCode, 1);
    assert.match(refused.stderr, /reissue: only a single invitation gets a new code/);
    const json = JSON.parse((await cli('--json', 'invite', 'reset-redemption', invitation.id, seed.contacts[0]!.id)).stdout);
    assert.equal(json.activity.kind, 'redemption-reset');
    assert.deepEqual(json.contact.webRoleIds, []);
    assert.equal(json.invitation.remaining, 3);
    assert.equal(json.invitation.codeLookupKey, undefined);
    assert.equal(json.invitation.codeSealed, undefined);
    const usage = await cli('invite', 'reset-redemption', invitation.id);
    assert.equal(usage.exitCode, 1);
    assert.match(usage.stderr, /missing required argument 'contact'/);
  });

  it('reissues a single invitation: the old code stops working', async () => {
    const ada = seed.contacts[0]!;
    const { invitation, code } = await t.services.invitations.create('cli', { type: 'single', invitedContactIds: [ada.id] });
    await t.services.invitations.redeem({ code, contactId: ada.id });
    const reset = await cli('invite', 'reset-redemption', invitation.id, ada.id, '--reissue');
    assert.match(reset.stdout, /a new code was mailed to the invited contact; the old code no longer works/);
    await assert.rejects(t.services.invitations.checkCode(code), { code: 'code_not_usable' });
    assert.equal((await store.jobs.list({ kind: 'invitation.send' }, { limit: 10 })).items.length, 2);
  });

  it('shows a contact\'s access with where each sign-in came from, and takes parts of it away, audited', async () => {
    const { invitation } = await redeemedGroup();
    const ada = seed.contacts[0]!;
    await store.contacts.addIdentity(ada.id, { issuer: 'https://idp.example', subject: 'ada-1', viaInvitationId: invitation.id, linkedAt: new Date('2026-06-01T12:00:00Z') });
    await store.localAccounts.create({ contactId: ada.id, email: 'person1@example.com', passwordHash: 'x', createdAt: new Date(), updatedAt: new Date() });
    await store.contacts.markEmailVerified(ada.id, new Date('2026-06-01T12:00:00Z'));

    const shown = await cli('contacts', 'show', 'person1@example.com');
    assert.equal(shown.exitCode, 0, shown.stderr);
    assert.equal(shown.stdout, [
      `${ada.id}  person1 Tester  <person1@example.com>`,
      'company: Contoso Ltd',
      `web roles: ${[...seed.roles].sort((a, b) => a.id.localeCompare(b.id)).map((r) => r.name).join(', ')}`,
      'e-mail verified: 2026-06-01T12:00:00.000Z',
      'password: yes (person1@example.com), proven by the contact',
      `sign-in: https://idp.example ada-1, through the code of "${invitation.name}" (${invitation.id}), linked 2026-06-01T12:00:00.000Z`,
      `redeemed "${invitation.name}" (${invitation.id}) at ${t.clock().toISOString()}`,
    ].join('\n'));

    t.clock.advance(1000);
    assert.equal((await cli('contacts', 'remove-role', ada.id, 'Customer')).stdout, `removed web role Customer from ${ada.id}  person1 Tester  <person1@example.com>`);
    assert.match((await cli('contacts', 'remove-role', ada.id, 'Customer')).stderr, /^error: Web role Customer on this contact was not found\.$/);
    t.clock.advance(1000);
    assert.match((await cli('contacts', 'remove-account', ada.id)).stdout, /^removed the parent account of /);
    assert.match((await cli('contacts', 'remove-account', ada.id)).stderr, /Parent account of this contact was not found/);
    t.clock.advance(1000);
    assert.match((await cli('contacts', 'unlink-identity', ada.id, 'https://idp.example', 'ada-1')).stdout, /^unlinked https:\/\/idp.example ada-1 from .*; sessions ended$/);
    assert.match((await cli('contacts', 'unlink-identity', ada.id, 'https://idp.example', 'ada-1')).stderr, /Sign-in https:\/\/idp.example ada-1 of this contact was not found/);

    const profile = JSON.parse((await cli('--json', 'contacts', 'show', ada.id)).stdout);
    assert.deepEqual([profile.account, profile.webRoles.map((r: { name: string }) => r.name), profile.identities], [null, ['Partner'], []]);
    assert.equal(profile.contact.sessionGeneration, 1);
    const actions = (await store.audit.listForSubject(ada.id, { limit: 10 })).items.filter((e) => e.action !== 'contact.added').map((e) => `${e.actor} ${e.action}`).reverse();
    assert.deepEqual(actions, ['cli contact.web-role-removed', 'cli contact.account-removed', 'cli contact.identity-unlinked']);
    assert.match((await cli('contacts', 'show', 'nobody@example.com')).stderr, /Contact nobody@example.com was not found/);
  });
});
