import assert from 'node:assert/strict';
import type { ArrivingIdentity } from '../../src/services/customerAccounts.ts';
import { mailTestbed } from '../support/mailTestbed.ts';
import { seedDirectory } from '../support/services.ts';

/*
 * "Who may become a contact", attacked at the service: someone holding only a code, only an e-mail
 * claim, or an old session gets nothing they did not prove. The site's own tests replay these over HTTP.
 */
const PASSWORD = 'correct horse battery staple';
const OTHER_PASSWORD = 'purple monkey dishwasher 42';
const ISSUER = 'https://login.microsoftonline.com/tenant-a/v2.0';

describe('customer accounts: who may become a contact', () => {
  let t: ReturnType<typeof mailTestbed>;
  let seed: Awaited<ReturnType<typeof seedDirectory>>;
  beforeEach(async () => {
    t = mailTestbed();
    seed = await seedDirectory(t.services, 3);
  });
  afterEach(() => t.store.close());

  const customers = () => t.services.customers;
  const browser = (name: string) => ({ sessionNonce: `nonce-of-${name}-browser-0123456789`, ip: '203.0.113.9', userAgent: name });
  const identity = (subject: string, email: string | null, emailVerified = false): ArrivingIdentity => ({ issuer: ISSUER, subject, email, emailVerified, firstName: 'Mallory', lastName: 'Claims' });
  const single = (contactIndex: number) => t.services.invitations.create('cli', { type: 'single', invitedContactIds: [seed.contacts[contactIndex]!.id], webRoleIds: [seed.roles[0]!.id] });
  const group = (max = 5, invited = [0]) => t.services.invitations.create('cli', { type: 'group', maxRedemptions: max, invitedContactIds: invited.map((i) => seed.contacts[i]!.id), webRoleIds: [seed.roles[0]!.id] });
  const withPassword = async (contactIndex: number, password = PASSWORD) => {
    const { code } = await single(contactIndex);
    await customers().registerAndRedeem({ code, email: '', firstName: '', lastName: '', password, confirm: password, ...browser('owner') });
  };

  async function mailedLink(to: string, path: string): Promise<string> {
    await t.worker.drain();
    const mail = (await t.store.devMail.list({ limit: 50 })).items.find((m) => m.to === to && m.text.includes(path));
    assert.ok(mail, `a mail with ${path} to ${to}`);
    return new URL(new RegExp(`https?://\\S+${path.replace('?', '\\?')}[\\w=-]+`).exec(mail.text)![0]).searchParams.get('token')!;
  }

  describe('an e-mail claim never binds by itself (defect 1)', () => {
    it('a group code and Microsoft with Grace\'s address, unverified, links nothing to Grace; only a link in Grace\'s mailbox could', async () => {
      await withPassword(0);
      const { invitation } = await group(5, [0]);
      const outcome = await customers().identityArrived(identity('mallory', 'PERSON1@example.com'), { ...browser('mallory'), signedInContactId: null, invitationId: invitation.id });
      assert.deepEqual(outcome, { kind: 'check-mail', email: 'person1@example.com' });
      assert.deepEqual((await t.store.contacts.get(seed.contacts[0]!.id))!.identities, []);
      assert.equal(await t.store.contacts.findByIdentity(ISSUER, 'mallory'), null);
      // Grace opens the link in her own browser: the identity asked for in Mallory's browser is not bound there.
      const token = await mailedLink('person1@example.com', '/confirm?token=');
      await assert.rejects(customers().confirmEmail(token, { sessionNonce: browser('grace').sessionNonce }), { code: 'confirm_other_browser' });
      assert.equal(await t.store.contacts.findByIdentity(ISSUER, 'mallory'), null);
    });

    it('a verified e-mail claim of someone else\'s address is proven by mail too', async () => {
      const { invitation } = await group(5, [0]);
      const outcome = await customers().identityArrived(identity('mallory', 'person1@example.com', true), { ...browser('mallory'), signedInContactId: null, invitationId: invitation.id });
      assert.equal(outcome.kind, 'check-mail');
      assert.equal(await t.store.contacts.findByIdentity(ISSUER, 'mallory'), null);
    });

    it('the owner of the address completes the link in the browser that asked, and is linked, verified and redeemed', async () => {
      const { invitation } = await group(5, [0]);
      await customers().identityArrived(identity('grace-ms', 'person1@example.com'), { ...browser('grace'), signedInContactId: null, invitationId: invitation.id });
      const token = await mailedLink('person1@example.com', '/confirm?token=');
      const done = await customers().confirmEmail(token, { sessionNonce: browser('grace').sessionNonce });
      assert.equal(done.contact.id, seed.contacts[0]!.id);
      assert.deepEqual(done.contact.identities.map((i) => [i.subject, i.viaInvitationId]), [['grace-ms', null]]);
      assert.ok(done.contact.emailVerifiedAt);
      assert.deepEqual(done.contact.webRoleIds, [seed.roles[0]!.id]);
      await assert.rejects(customers().confirmEmail(token, { sessionNonce: browser('grace').sessionNonce }), { code: 'confirm_link_invalid' });
    });

    it('a verified claim of an address nobody has makes a new contact; an unverified one is confirmed first', async () => {
      const { invitation } = await group(5, [2]);
      const verified = await customers().identityArrived(identity('new-1', 'new.one@example.net', true), { ...browser('n1'), signedInContactId: null, invitationId: invitation.id });
      assert.equal(verified.kind, 'redeemed');
      assert.equal((await t.store.contacts.findByIdentity(ISSUER, 'new-1'))!.primaryEmail, 'new.one@example.net');
      const unverified = await customers().identityArrived(identity('new-2', 'new.two@example.net'), { ...browser('n2'), signedInContactId: null, invitationId: invitation.id });
      assert.equal(unverified.kind, 'check-mail');
      assert.equal(await t.store.contacts.findByPrimaryEmail('new.two@example.net'), null);
      const absent = await customers().identityArrived(identity('new-3', null, true), { ...browser('n3'), signedInContactId: null, invitationId: invitation.id });
      assert.equal(absent.kind, 'need-email');
    });
  });

  describe('a single code binds only a contact with no sign-in method (defect 2)', () => {
    it('Ada has a password: Microsoft with her second single code is refused and links nothing', async () => {
      await withPassword(0);
      const { invitation } = await single(0);
      await assert.rejects(customers().identityArrived(identity('stranger', null), { ...browser('stranger'), signedInContactId: null, invitationId: invitation.id }), { code: 'account_exists' });
      assert.equal(await t.store.contacts.findByIdentity(ISSUER, 'stranger'), null);
      assert.equal((await t.services.invitations.find('cli', invitation.id)).redemptions, 0);
    });

    it('a contact who signs in only with Microsoft cannot be given a password by the holder of a code', async () => {
      const first = await single(1);
      await customers().identityArrived(identity('bob-ms', null), { ...browser('bob'), signedInContactId: null, invitationId: first.invitation.id });
      const { code } = await single(1);
      await assert.rejects(customers().registerAndRedeem({ code, email: '', firstName: '', lastName: '', password: OTHER_PASSWORD, confirm: OTHER_PASSWORD, ...browser('holder') }), { code: 'account_exists' });
      assert.equal(await t.store.localAccounts.get(seed.contacts[1]!.id), null);
    });

    it('a contact without a sign-in method is bound by the code, and the binding remembers the invitation', async () => {
      const { invitation } = await single(2);
      const outcome = await customers().identityArrived(identity('carol-ms', 'whatever@elsewhere.example'), { ...browser('carol'), signedInContactId: null, invitationId: invitation.id });
      assert.equal(outcome.kind, 'redeemed');
      assert.deepEqual((await t.store.contacts.get(seed.contacts[2]!.id))!.identities.map((i) => i.viaInvitationId), [invitation.id]);
    });

    it('two visitors creating the password of one single invitation at once: one wins, the other writes nothing (defect 5)', async () => {
      const { code } = await single(0);
      const results = await Promise.allSettled([PASSWORD, OTHER_PASSWORD].map((password, i) =>
        customers().registerAndRedeem({ code, email: '', firstName: '', lastName: '', password, confirm: password, ...browser(`v${i}`) })));
      assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
      const winner = results.findIndex((r) => r.status === 'fulfilled');
      const [winning, losing] = winner === 0 ? [PASSWORD, OTHER_PASSWORD] : [OTHER_PASSWORD, PASSWORD];
      assert.equal((await customers().signIn('person1@example.com', winning)).id, seed.contacts[0]!.id);
      await assert.rejects(customers().signIn('person1@example.com', losing), { code: 'sign_in_failed' });
    });
  });

  describe('an address is never claimed without its mailbox (defects 3, 4, 5)', () => {
    it('invited Alan creates a password with his own address, follows the link, and is in (defect 4)', async () => {
      const { invitation, code } = await group(5, [0]);
      const asked = await customers().registerAndRedeem({ code, email: 'Person1@Example.com', firstName: 'Alan', lastName: 'Turing', password: PASSWORD, confirm: PASSWORD, ...browser('alan') });
      assert.deepEqual(asked, { kind: 'check-mail', email: 'person1@example.com' });
      assert.equal(await t.store.localAccounts.get(seed.contacts[0]!.id), null);
      const done = await customers().confirmEmail(await mailedLink('person1@example.com', '/confirm?token='), { sessionNonce: browser('alan').sessionNonce });
      assert.equal(done.contact.id, seed.contacts[0]!.id);
      assert.equal(done.invitation!.id, invitation.id);
      assert.equal((await customers().signIn('person1@example.com', PASSWORD)).id, seed.contacts[0]!.id);
    });

    it('a squatter cannot register someone else\'s address: the link goes to its owner, who chooses the password (defect 3)', async () => {
      const { code } = await group(5, [2]);
      await customers().registerAndRedeem({ code, email: 'victim@corp.example', firstName: 'Sq', lastName: 'Uatter', password: PASSWORD, confirm: PASSWORD, ...browser('squatter') });
      assert.equal(await t.store.contacts.findByPrimaryEmail('victim@corp.example'), null);
      const token = await mailedLink('victim@corp.example', '/confirm?token=');
      assert.deepEqual(await customers().openConfirmation(token, browser('victim').sessionNonce), { sameBrowser: false, credential: 'password', email: 'victim@corp.example' });
      const done = await customers().confirmEmail(token, { sessionNonce: browser('victim').sessionNonce, password: OTHER_PASSWORD, confirm: OTHER_PASSWORD });
      assert.equal(done.contact.primaryEmail, 'victim@corp.example');
      await assert.rejects(customers().signIn('victim@corp.example', PASSWORD), { code: 'sign_in_failed' });
      assert.equal((await customers().signIn('victim@corp.example', OTHER_PASSWORD)).id, done.contact.id);
    });

    it('a refused redemption leaves no contact and no account behind (defect 5)', async () => {
      const { code } = await group(1, [2]);
      for (const name of ['first', 'second']) {
        await customers().registerAndRedeem({ code, email: `${name}@example.net`, firstName: name, lastName: 'X', password: PASSWORD, confirm: PASSWORD, ...browser(name) });
      }
      const links = [await mailedLink('first@example.net', '/confirm?token='), await mailedLink('second@example.net', '/confirm?token=')];
      await customers().confirmEmail(links[0]!, { sessionNonce: browser('first').sessionNonce });
      await assert.rejects(customers().confirmEmail(links[1]!, { sessionNonce: browser('second').sessionNonce }), { code: 'invitation_used_up' });
      assert.equal(await t.store.contacts.findByPrimaryEmail('second@example.net'), null);
      assert.equal(await t.store.localAccounts.findByEmail('second@example.net'), null);
    });

    it('a newer request, a finished one, or the owner\'s reset voids every older confirmation link', async () => {
      const { code } = await group(5, [2]);
      const ask = async (name: string, password: string) => {
        t.clock.advance(1000);
        await customers().registerAndRedeem({ code, email: 'person1@example.com', firstName: 'P', lastName: 'One', password, confirm: password, ...browser(name) });
        await t.worker.drain();
        t.clock.advance(1000);
      };
      const links = async () => {
        await t.worker.drain();
        return (await t.store.devMail.list({ limit: 50 })).items.filter((m) => m.text.includes('/confirm?token='))
          .map((m) => new URL(/https?:\/\/\S+\/confirm\?token=[\w-]+/.exec(m.text)![0]).searchParams.get('token')!);
      };
      await ask('first', PASSWORD);
      await ask('second', OTHER_PASSWORD);
      const [second, first] = await links();
      await assert.rejects(customers().confirmEmail(first!, { sessionNonce: browser('first').sessionNonce }), { code: 'confirm_link_invalid' });
      await ask('third', PASSWORD);
      const [third] = await links();
      await customers().confirmEmail(third!, { sessionNonce: browser('third').sessionNonce });
      await assert.rejects(customers().confirmEmail(second!, { sessionNonce: browser('second').sessionNonce }), { code: 'confirm_link_invalid' });

      await ask('attacker', OTHER_PASSWORD);
      const [attackers] = await links();
      await customers().requestPasswordReset('person1@example.com');
      await customers().resetPassword(await mailedLink('person1@example.com', '/password/reset?token='), 'the owners fresh secret', 'the owners fresh secret');
      assert.equal(await customers().openConfirmation(attackers!, browser('attacker').sessionNonce), null);
      await assert.rejects(customers().confirmEmail(attackers!, { sessionNonce: browser('attacker').sessionNonce }), { code: 'confirm_link_invalid' });
    });

    it('an identity linked elsewhere meanwhile is refused before anything is redeemed or made', async () => {
      const [a, b] = [await group(5, [2]), await group(1, [2])];
      const noAddress = identity('one-ms', null);
      await customers().identityWithTypedEmail(noAddress, 'left-a@example.net', { ...browser('x'), invitationId: a.invitation.id });
      await customers().identityWithTypedEmail(noAddress, 'left-b@example.net', { ...browser('x'), invitationId: b.invitation.id });
      const tokenA = await mailedLink('left-a@example.net', '/confirm?token=');
      const tokenB = await mailedLink('left-b@example.net', '/confirm?token=');
      await customers().confirmEmail(tokenA, { sessionNonce: browser('x').sessionNonce });
      await assert.rejects(customers().confirmEmail(tokenB, { sessionNonce: browser('x').sessionNonce }), { code: 'identity_linked_elsewhere' });
      assert.equal(await t.store.contacts.findByPrimaryEmail('left-b@example.net'), null);
      assert.equal((await t.services.invitations.find('cli', b.invitation.id)).redemptions, 0, 'the group keeps its place');
    });

    it('open registration waits for the mailed link too', async () => {
      const asked = await customers().register({ email: 'person2@example.com', firstName: 'Not', lastName: 'Me', password: PASSWORD, confirm: PASSWORD, ...browser('squatter') });
      assert.equal(asked.kind, 'check-mail');
      assert.equal(await t.store.localAccounts.get(seed.contacts[1]!.id), null);
    });
  });

  describe('sessions and reset links end (defects 3, 6)', () => {
    it('a password reset ends every session and every older reset link', async () => {
      await withPassword(0);
      const before = (await customers().signIn('person1@example.com', PASSWORD)).sessionGeneration!;
      assert.ok(await customers().visitor(seed.contacts[0]!.id, before));
      await customers().requestPasswordReset('person1@example.com');
      await t.worker.drain();
      t.clock.advance(1000);
      await customers().requestPasswordReset('person1@example.com');
      await t.worker.drain();
      const [newer, older] = (await t.store.devMail.list({ limit: 50 })).items.filter((m) => m.text.includes('/password/reset?token='))
        .map((m) => new URL(/https?:\/\/\S+\/password\/reset\?token=[\w-]+/.exec(m.text)![0]).searchParams.get('token')!);
      assert.ok(newer && older && newer !== older);
      await customers().resetPassword(newer, OTHER_PASSWORD, OTHER_PASSWORD);
      assert.equal(await customers().visitor(seed.contacts[0]!.id, before), null);
      await assert.rejects(customers().resetPassword(older, PASSWORD, PASSWORD), { code: 'reset_link_invalid' });
      assert.equal(await customers().isResetTokenValid(older), false);
      const after = (await customers().signIn('person1@example.com', OTHER_PASSWORD)).sessionGeneration!;
      assert.ok(await customers().visitor(seed.contacts[0]!.id, after));
    });

    it('a password the owner proves by mail is theirs: it no longer counts as given by the single code', async () => {
      const { code } = await single(0);
      await customers().registerAndRedeem({ code, email: '', firstName: '', lastName: '', password: PASSWORD, confirm: PASSWORD, ...browser('someone') });
      assert.ok((await t.store.localAccounts.get(seed.contacts[0]!.id))!.viaInvitationId);
      await customers().requestPasswordReset('person1@example.com');
      await customers().resetPassword(await mailedLink('person1@example.com', '/password/reset?token='), OTHER_PASSWORD, OTHER_PASSWORD);
      assert.equal((await t.store.localAccounts.get(seed.contacts[0]!.id))!.viaInvitationId, null);
    });

    it('the owner\'s reset unlinks identities the mailbox never proved: one bound by a leaked single code, one added from a stolen session', async () => {
      const { invitation } = await single(0);
      await customers().identityArrived(identity('code-thief', null), { ...browser('thief'), signedInContactId: null, invitationId: invitation.id });
      await customers().requestPasswordReset('person1@example.com');
      const first = await customers().resetPassword(await mailedLink('person1@example.com', '/password/reset?token='), PASSWORD, PASSWORD);
      assert.equal(first.unlinkedIdentities, 1);
      await assert.rejects(customers().identityArrived(identity('code-thief', null), { ...browser('thief'), signedInContactId: null, invitationId: null }), { code: 'identity_unknown' });

      const session = await customers().signIn('person1@example.com', PASSWORD);
      await customers().identityArrived(identity('session-thief', null), { ...browser('thief'), signedInContactId: session.id, signedInVia: session.signedInVia, invitationId: null });
      t.clock.advance(1000);
      await customers().requestPasswordReset('person1@example.com');
      await t.worker.drain();
      const mail = (await t.store.devMail.list({ limit: 1 })).items[0]!;
      const token = new URL(/https?:\/\/\S+\/password\/reset\?token=[\w-]+/.exec(mail.text)![0]).searchParams.get('token')!;
      assert.equal((await customers().resetPassword(token, OTHER_PASSWORD, OTHER_PASSWORD)).unlinkedIdentities, 1);
      assert.equal(await t.store.contacts.findByIdentity(ISSUER, 'session-thief'), null);
    });

    it('an identity added from a session that a single code alone opened goes when that redemption is reset', async () => {
      const { invitation, code } = await single(0);
      const outcome = await customers().registerAndRedeem({ code, email: '', firstName: '', lastName: '', password: PASSWORD, confirm: PASSWORD, ...browser('thief') });
      assert.equal(outcome.kind === 'redeemed' && outcome.via, invitation.id);
      await customers().identityArrived(identity('thief-ms', null), { ...browser('thief'), signedInContactId: seed.contacts[0]!.id, signedInVia: invitation.id, invitationId: null });
      await t.services.invitations.resetRedemption('cli', { invitation: invitation.id, contact: seed.contacts[0]!.id, reason: 'not Ada' });
      assert.equal(await t.store.contacts.findByIdentity(ISSUER, 'thief-ms'), null);
      assert.equal(await t.store.localAccounts.get(seed.contacts[0]!.id), null);
    });

    it('a signed-in visitor may add a Microsoft sign-in to their own account (a)', async () => {
      await withPassword(0);
      const outcome = await customers().identityArrived(identity('ada-ms', 'other@example.org'), { ...browser('ada'), signedInContactId: seed.contacts[0]!.id, invitationId: null });
      assert.equal(outcome.kind, 'signed-in');
      assert.equal((await t.store.contacts.findByIdentity(ISSUER, 'ada-ms'))!.id, seed.contacts[0]!.id);
      await assert.rejects(customers().identityArrived(identity('unknown', null), { ...browser('x'), signedInContactId: null, invitationId: null }), { code: 'identity_unknown' });
    });
  });
});
