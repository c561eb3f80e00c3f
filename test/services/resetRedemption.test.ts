import assert from 'node:assert/strict';
import { isReset } from '../../src/domain/activity.ts';
import { createCodeVault } from '../../src/domain/codeVault.ts';
import { serviceContext } from '../../src/services/context.ts';
import { createServices } from '../../src/services/index.ts';
import { mailTestbed } from '../support/mailTestbed.ts';
import { seedDirectory, TEST_CODE_SECRET, useSeededServices } from '../support/services.ts';

const DAY = 86_400_000;
const INVITER = '00000000-0000-0000-0000-0000000000a1';
const ADMIN = '00000000-0000-0000-0000-0000000000a2';
const VIEWER = '00000000-0000-0000-0000-0000000000a3';
const BOOTSTRAP_ADMIN = '00000000-0000-0000-0000-0000000000a4';

describe('resetting a redemption', () => {
  const s = useSeededServices(3);
  beforeEach(async () => {
    await s.services.staff.save('cli', { id: INVITER, displayName: 'Ivy Inviter', roles: ['inviter'] });
    await s.services.staff.save('cli', { id: ADMIN, displayName: 'Ann Admin', roles: ['admin'] });
    await s.services.staff.save('cli', { id: VIEWER, displayName: 'Val Viewer', roles: ['viewer'] });
  });

  const group = () => s.services.invitations.create(INVITER, {
    type: 'group', invitedContactIds: s.seed.contacts.map((c) => c.id), maxRedemptions: 2, expiresAt: new Date(s.clock().getTime() + 7 * DAY),
    assignToAccountId: s.seed.account.id, webRoleIds: s.seed.roles.map((r) => r.id),
  });
  const notices = async () => (await s.store.jobs.list({ kind: 'notice' }, { limit: 20 })).items.map((j) => j.payload);

  it('gives the slot back, takes the account and roles away, ends sessions, and records it with the reason for the inviter to hear', async () => {
    const { invitation, code } = await group();
    const ada = s.seed.contacts[0]!;
    await s.services.invitations.redeem({ code, contactId: ada.id });
    s.clock.advance(60_000);

    const result = await s.services.invitations.resetRedemption(ADMIN, { invitation: code.toLowerCase(), contact: ada.primaryEmail!, reason: 'Ada left the company' });
    assert.deepEqual([result.contact.parentAccountId, result.contact.webRoleIds, result.contact.sessionGeneration], [null, [], 1]);
    assert.deepEqual([result.activity.accountId, result.activity.webRoleIds], [s.seed.account.id, s.seed.roles.map((r) => r.id).sort()]);

    const details = await s.services.invitations.details('cli', invitation.id);
    assert.deepEqual([details.redemptions, details.status, details.redeemedBy], [0, 'sent', []]);
    assert.deepEqual(details.resets.map((r) => [r.contactId, r.actor, r.reason]), [[ada.id, ADMIN, 'Ada left the company']]);
    const [event] = (await s.store.audit.listForSubject(invitation.id, { limit: 1 })).items;
    assert.deepEqual([event!.actor, event!.action, event!.detail.reason, event!.detail.contactId], [ADMIN, 'invitation.redemption-reset', 'Ada left the company', ada.id]);
    const told = (await notices()).filter((n) => n.title === 'Redemption reset');
    assert.deepEqual(told.map((n) => [n.to, n.text]), [[INVITER, `Ann Admin reset the redemption of "${invitation.name}" by person1 Tester: Ada left the company`]]);

    const again = await s.services.invitations.redeem({ code, contactId: ada.id });
    assert.equal(again.invitation.remaining, 1, 'the contact can redeem again');
    assert.equal((await notices()).filter((n) => n.title === 'Invitation redeemed').length, 2, 'the inviter hears of the second redemption too');
  });

  it('lets inviters, admins, ADMIN_OBJECT_IDS and the CLI reset, and refuses everyone else without changing anything', async () => {
    const { invitation, code } = await group();
    const ada = s.seed.contacts[0]!;
    await s.services.invitations.redeem({ code, contactId: ada.id });
    for (const actor of [VIEWER, '00000000-0000-0000-0000-0000000000ff', BOOTSTRAP_ADMIN]) {
      await assert.rejects(s.services.invitations.resetRedemption(actor, { invitation: invitation.id, contact: ada.id }), { code: 'not_allowed' });
    }
    assert.equal((await s.services.invitations.find('cli', invitation.id)).redemptions, 1);

    const withBootstrap = createServices(serviceContext({ store: s.store, clock: s.clock, vault: createCodeVault(TEST_CODE_SECRET), adminObjectIds: [BOOTSTRAP_ADMIN] }));
    await withBootstrap.invitations.resetRedemption(BOOTSTRAP_ADMIN, { invitation: invitation.id, contact: ada.id });
    for (const actor of [INVITER, 'cli']) {
      await s.services.invitations.redeem({ code, contactId: ada.id });
      await s.services.invitations.resetRedemption(actor, { invitation: invitation.id, contact: ada.id });
    }
    assert.equal((await s.services.invitations.details('cli', invitation.id)).resets.length, 3);
    assert.equal((await notices()).filter((n) => n.title === 'Redemption reset').length, 2, 'the inviter is not told of their own reset');
  });

  it('removes the sign-in methods bound through the invitation\'s code and keeps those proven otherwise', async () => {
    const ada = s.seed.contacts[0]!;
    const { invitation, code } = await s.services.invitations.create(INVITER, { type: 'single', invitedContactIds: [ada.id] });
    await s.services.invitations.redeem({ code, contactId: ada.id });
    await s.store.contacts.addIdentity(ada.id, { issuer: 'https://idp.example', subject: 'by-code', viaInvitationId: invitation.id });
    await s.store.contacts.addIdentity(ada.id, { issuer: 'https://idp.example', subject: 'proven', viaInvitationId: null });
    await s.store.localAccounts.create({ contactId: ada.id, email: ada.primaryEmail!, passwordHash: 'x', createdAt: s.clock(), updatedAt: s.clock(), viaInvitationId: invitation.id });
    const result = await s.services.invitations.resetRedemption(INVITER, { invitation: invitation.id, contact: ada.id });
    assert.deepEqual(result.contact.identities.map((i) => i.subject), ['proven']);
    assert.equal(await s.store.localAccounts.get(ada.id), null);
    assert.deepEqual([result.activity.localAccountRemoved, result.activity.identities.length], [true, 1]);
  });

  it('says clearly what cannot be reset', async () => {
    const { invitation, code } = await group();
    await assert.rejects(s.services.invitations.resetRedemption('cli', { invitation: invitation.id, contact: s.seed.contacts[1]!.id }), { code: 'not_redeemed' });
    await assert.rejects(s.services.invitations.resetRedemption('cli', { invitation: 'no-such-id', contact: s.seed.contacts[1]!.id }), { code: 'not_found' });
    await assert.rejects(s.services.invitations.resetRedemption('cli', { invitation: invitation.id, contact: 'nobody@example.com' }), { code: 'not_found' });
    await assert.rejects(s.services.invitations.resetRedemption('cli', { invitation: ' ', contact: 'x' }), { code: 'invalid_input' });
    await s.services.invitations.redeem({ code, contactId: s.seed.contacts[1]!.id });
    await assert.rejects(s.services.invitations.resetRedemption('cli', { invitation: invitation.id, contact: s.seed.contacts[1]!.id, reissue: true }), { code: 'invalid_input' });
    assert.equal((await s.services.invitations.find('cli', invitation.id)).redemptions, 1, 'a refused reissue resets nothing');
  });

  it('does not reissue an invitation that could not be sent again', async () => {
    const ada = s.seed.contacts[0]!;
    const { invitation, code } = await s.services.invitations.create('cli', { type: 'single', invitedContactIds: [ada.id], expiresAt: new Date(s.clock().getTime() + DAY) });
    await s.services.invitations.redeem({ code, contactId: ada.id });
    s.clock.advance(2 * DAY);
    await assert.rejects(s.services.invitations.resetRedemption('cli', { invitation: invitation.id, contact: ada.id, reissue: true }), { code: 'invalid_state', message: /extend it first/ });
    await s.services.invitations.resetRedemption('cli', { invitation: invitation.id, contact: ada.id });
  });
});

describe('resetting a redemption with a new code', () => {
  it('mails a new code to the invited contact\'s primary e-mail; the old code stops working and the new one redeems', async () => {
    const t = mailTestbed();
    try {
      const seed = await seedDirectory(t.services, 1);
      const ada = await t.services.contacts.add({ firstName: 'Ada', lastName: 'L', primaryEmail: 'ada@example.com', secondaryEmail: 'ada@home.example' });
      const { invitation, code } = await t.services.invitations.create('cli', { type: 'single', invitedContactIds: [ada.id], webRoleIds: [seed.roles[0]!.id] });
      await t.services.invitations.redeem({ code, contactId: ada.id });
      await t.worker.drain();
      const before = (await t.store.devMail.list({ limit: 10 })).items.length;
      // Mails are listed newest first: the new code's mail must not share a moment with the earlier ones.
      t.clock.advance(1000);

      const result = await t.services.invitations.resetRedemption('cli', { invitation: invitation.id, contact: ada.id, reissue: true, reason: 'code leaked' });
      assert.equal(result.activity.reissued, true);
      await assert.rejects(t.services.invitations.checkCode(code), { code: 'code_not_usable' });
      await t.worker.drain();
      const mails = (await t.store.devMail.list({ limit: 10 })).items;
      assert.equal(mails.length, before + 1);
      assert.equal(mails[0]!.to, 'ada@example.com');
      const newCode = /redeem\?code=([0-9A-Z-]{19})/.exec(mails[0]!.text)![1]!;
      assert.notEqual(newCode, code);
      const redeemed = await t.services.invitations.redeem({ code: newCode, contactId: ada.id });
      assert.deepEqual(redeemed.contact.webRoleIds, [seed.roles[0]!.id]);
      assert.ok((await t.store.activities.listForInvitation(invitation.id, { limit: 10 })).items.some(isReset));
    } finally {
      await t.store.close();
    }
  });
});
