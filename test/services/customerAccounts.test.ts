import assert from 'node:assert/strict';
import { useSeededServices } from '../support/services.ts';

describe('customer accounts: who redeems', () => {
  const s = useSeededServices(3);

  const microsoft = (subject: string) => ({ issuer: 'https://login.microsoftonline.com/tenant/v2.0', subject });
  const claims = (email: string | null) => ({ email, firstName: 'Ann', lastName: 'Other' });

  it('links a Microsoft identity to a single invitation\'s contact whatever e-mail it shows, and finds it next time', async () => {
    const { code } = await s.services.invitations.create('cli', { type: 'single', invitedContactIds: [s.seed.contacts[0]!.id] });
    const contact = await s.services.customers.contactForIdentity(microsoft('s1'), claims('someone.else@outlook.com'), code);
    assert.equal(contact.id, s.seed.contacts[0]!.id);
    assert.equal((await s.services.customers.contactForIdentity(microsoft('s1'), claims(null), null)).id, s.seed.contacts[0]!.id);
  });

  it('for a group, links to the invited contact with the signed-in e-mail, or creates a new contact', async () => {
    const { code } = await s.services.invitations.create('cli', { type: 'group', maxRedemptions: 5, invitedContactIds: [s.seed.contacts[0]!.id] });
    assert.equal((await s.services.customers.contactForIdentity(microsoft('s1'), claims('PERSON1@example.com'), code)).id, s.seed.contacts[0]!.id);
    const created = await s.services.customers.contactForIdentity(microsoft('s2'), claims('new.person@example.com'), code);
    assert.deepEqual([created.primaryEmail, created.firstName, created.identities], ['new.person@example.com', 'Ann', [microsoft('s2')]]);
  });

  it('never links by e-mail alone: no code, or an e-mail of a contact the group does not invite, is refused', async () => {
    await assert.rejects(s.services.customers.contactForIdentity(microsoft('s1'), claims('person1@example.com'), null), { code: 'identity_unknown' });
    const { code } = await s.services.invitations.create('cli', { type: 'group', maxRedemptions: 5, invitedContactIds: [s.seed.contacts[0]!.id] });
    await assert.rejects(s.services.customers.contactForIdentity(microsoft('s1'), claims('person2@example.com'), code), { code: 'identity_email_taken' });
    assert.deepEqual((await s.store.contacts.get(s.seed.contacts[1]!.id))!.identities, []);
  });

  it('refuses a code that cannot be used before linking anything', async () => {
    const { invitation, code } = await s.services.invitations.create('cli', { type: 'single', invitedContactIds: [s.seed.contacts[0]!.id] });
    await s.services.invitations.revoke('cli', invitation.id);
    await assert.rejects(s.services.customers.contactForIdentity(microsoft('s1'), claims(null), code), { code: 'invitation_revoked' });
    assert.equal(await s.store.contacts.findByIdentity(microsoft('s1').issuer, 's1'), null);
  });

  it('keeps a single invitation\'s contact to one password: a second registration must sign in', async () => {
    const password = 'correct horse battery staple';
    const first = await s.services.invitations.create('cli', { type: 'single', invitedContactIds: [s.seed.contacts[0]!.id] });
    await s.services.customers.registerAndRedeem({ code: first.code, email: '', firstName: '', lastName: '', password, confirm: password });
    const second = await s.services.invitations.create('cli', { type: 'single', invitedContactIds: [s.seed.contacts[0]!.id] });
    await assert.rejects(s.services.customers.registerAndRedeem({ code: second.code, email: '', firstName: '', lastName: '', password, confirm: password }), { code: 'account_exists' });
    assert.equal((await s.services.customers.signIn('person1@example.com', password)).id, s.seed.contacts[0]!.id);
    await assert.rejects(s.services.customers.signIn('person1@example.com', 'wrong password here'), { code: 'sign_in_failed' });
  });
});
