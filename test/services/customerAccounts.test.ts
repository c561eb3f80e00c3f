import assert from 'node:assert/strict';
import { createSqliteStore } from '../../src/store/sqlite/index.ts';
import type { Store } from '../../src/store/port.ts';
import { seedDirectory, testServices } from '../support/services.ts';

describe('customer accounts: who redeems', () => {
  let store: Store;
  let t: ReturnType<typeof testServices>;
  let seed: Awaited<ReturnType<typeof seedDirectory>>;
  beforeEach(async () => {
    store = createSqliteStore(':memory:');
    t = testServices(store);
    seed = await seedDirectory(t.services, 3);
  });
  afterEach(() => store.close());

  const microsoft = (subject: string) => ({ issuer: 'https://login.microsoftonline.com/tenant/v2.0', subject });
  const claims = (email: string | null) => ({ email, firstName: 'Ann', lastName: 'Other' });

  it('links a Microsoft identity to a single invitation\'s contact whatever e-mail it shows, and finds it next time', async () => {
    const { code } = await t.services.invitations.create('cli', { type: 'single', invitedContactIds: [seed.contacts[0]!.id] });
    const contact = await t.services.customers.contactForIdentity(microsoft('s1'), claims('someone.else@outlook.com'), code);
    assert.equal(contact.id, seed.contacts[0]!.id);
    assert.equal((await t.services.customers.contactForIdentity(microsoft('s1'), claims(null), null)).id, seed.contacts[0]!.id);
  });

  it('for a group, links to the invited contact with the signed-in e-mail, or creates a new contact', async () => {
    const { code } = await t.services.invitations.create('cli', { type: 'group', maxRedemptions: 5, invitedContactIds: [seed.contacts[0]!.id] });
    assert.equal((await t.services.customers.contactForIdentity(microsoft('s1'), claims('PERSON1@example.com'), code)).id, seed.contacts[0]!.id);
    const created = await t.services.customers.contactForIdentity(microsoft('s2'), claims('new.person@example.com'), code);
    assert.deepEqual([created.primaryEmail, created.firstName, created.identities], ['new.person@example.com', 'Ann', [microsoft('s2')]]);
  });

  it('never links by e-mail alone: no code, or an e-mail of a contact the group does not invite, is refused', async () => {
    await assert.rejects(t.services.customers.contactForIdentity(microsoft('s1'), claims('person1@example.com'), null), { code: 'identity_unknown' });
    const { code } = await t.services.invitations.create('cli', { type: 'group', maxRedemptions: 5, invitedContactIds: [seed.contacts[0]!.id] });
    await assert.rejects(t.services.customers.contactForIdentity(microsoft('s1'), claims('person2@example.com'), code), { code: 'identity_email_taken' });
    assert.deepEqual((await store.contacts.get(seed.contacts[1]!.id))!.identities, []);
  });

  it('refuses a code that cannot be used before linking anything', async () => {
    const { invitation, code } = await t.services.invitations.create('cli', { type: 'single', invitedContactIds: [seed.contacts[0]!.id] });
    await t.services.invitations.revoke('cli', invitation.id);
    await assert.rejects(t.services.customers.contactForIdentity(microsoft('s1'), claims(null), code), { code: 'invitation_revoked' });
    assert.equal(await store.contacts.findByIdentity(microsoft('s1').issuer, 's1'), null);
  });

  it('keeps a single invitation\'s contact to one password: a second registration must sign in', async () => {
    const password = 'correct horse battery staple';
    const first = await t.services.invitations.create('cli', { type: 'single', invitedContactIds: [seed.contacts[0]!.id] });
    await t.services.customers.registerAndRedeem({ code: first.code, email: '', firstName: '', lastName: '', password, confirm: password });
    const second = await t.services.invitations.create('cli', { type: 'single', invitedContactIds: [seed.contacts[0]!.id] });
    await assert.rejects(t.services.customers.registerAndRedeem({ code: second.code, email: '', firstName: '', lastName: '', password, confirm: password }), { code: 'account_exists' });
    assert.equal((await t.services.customers.signIn('person1@example.com', password)).id, seed.contacts[0]!.id);
    await assert.rejects(t.services.customers.signIn('person1@example.com', 'wrong password here'), { code: 'sign_in_failed' });
  });
});
