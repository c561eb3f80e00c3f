import assert from 'node:assert/strict';
import { mailTestbed } from '../support/mailTestbed.ts';
import { seedDirectory } from '../support/services.ts';

const DAY = 86_400_000;

describe('invitation mail (dev mailbox)', () => {
  let t: ReturnType<typeof mailTestbed>;
  let seed: Awaited<ReturnType<typeof seedDirectory>>;
  beforeEach(async () => {
    t = mailTestbed();
    seed = await seedDirectory(t.services, 3);
  });
  afterEach(() => t.store.close());

  const mails = async () => (await t.store.devMail.list({ limit: 100 })).items.reverse();
  const codeIn = (text: string) => /redeem\?code=([0-9A-Z-]{19})/.exec(text)?.[1];

  it('sends each invited contact one mail, to the primary e-mail only, with a redeem link whose code works', async () => {
    const withOtherAddresses = await t.services.contacts.add({ firstName: 'Multi', lastName: 'Mail', primaryEmail: 'primary@example.com', secondaryEmail: 'secondary@example.com', alternateEmail: 'alt@example.com' });
    const { invitation, code } = await t.services.invitations.create('cli', {
      type: 'group', maxRedemptions: 5, invitedContactIds: [...seed.contacts.map((c) => c.id), withOtherAddresses.id],
      expiresAt: new Date(t.clock().getTime() + 7 * DAY), inviterContactId: seed.contacts[0]!.id,
    });
    await t.worker.drain();
    const sent = (await mails()).sort((a, b) => a.to.localeCompare(b.to));
    assert.deepEqual(sent.map((m) => m.to), ['person1@example.com', 'person2@example.com', 'person3@example.com', 'primary@example.com']);
    for (const mail of sent) {
      assert.equal(mail.from, 'invitations@contoso.com');
      assert.equal(mail.subject, `person1 Tester invites you to Contoso – ${invitation.name}`);
      assert.equal(codeIn(mail.text), code);
      assert.ok(mail.html.includes(`https://invites.example.com/redeem?code&#x3D;${code}`));
      assert.match(mail.text, /can be used until 8 June 2026 at 12:00 UTC/);
    }
    assert.equal((await t.services.invitations.checkCode(codeIn(sent[0]!.text)!)).id, invitation.id);
    assert.deepEqual(await t.services.jobs.mailDelivery('cli', invitation.id), { queued: 0, running: 0, done: 4, dead: 0, preparing: 0, unprepared: 0 });
  });

  it('writes in the invitation\'s language', async () => {
    await t.services.invitations.create('cli', { type: 'single', name: 'Forårspartnere', invitedContactIds: [seed.contacts[0]!.id], locale: 'da' });
    await t.worker.drain();
    const [mail] = await mails();
    assert.equal(mail!.subject, 'Din invitation til Contoso – Forårspartnere');
    assert.match(mail!.text, /^Hej person1 Tester,/);
  });

  it('shows names as text, never as markup', async () => {
    const hostile = await t.services.contacts.add({ firstName: '<img src=x onerror=alert(1)>', lastName: '"&', primaryEmail: 'hostile@example.com' });
    await t.services.invitations.create('cli', { type: 'single', invitedContactIds: [hostile.id] });
    await t.worker.drain();
    const [mail] = await mails();
    assert.ok(mail!.html.includes('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; &quot;&amp;'), mail!.html);
    assert.ok(!mail!.html.includes('<img'));
    assert.match(mail!.text, /Hello <img src=x onerror=alert\(1\)> "&,/);
  });

  it('sends nothing for an invitation waiting for approval, and sends once it is approved', async () => {
    const { invitation } = await t.services.invitations.create('cli', { type: 'single', invitedContactIds: [seed.contacts[0]!.id], requiresApproval: true });
    await t.worker.drain();
    assert.equal((await mails()).length, 0);
    await t.store.staff.upsert({ id: 'approver-1', displayName: 'Abe Approver', roles: ['approver'], createdAt: new Date() });
    await t.services.invitations.approve('approver-1', invitation.id);
    await t.worker.drain();
    assert.deepEqual((await mails()).map((m) => m.to), ['person1@example.com']);
  });

  it('mails again on resend, and refuses to resend one that cannot be redeemed', async () => {
    const { invitation } = await t.services.invitations.create('cli', { type: 'single', invitedContactIds: [seed.contacts[0]!.id], expiresAt: new Date(t.clock().getTime() + DAY) });
    await t.worker.drain();
    t.clock.advance(1000);
    await t.services.invitations.resend('cli', invitation.id);
    await t.worker.drain();
    const sent = await mails();
    assert.deepEqual(sent.map((m) => m.to), ['person1@example.com', 'person1@example.com']);
    assert.equal(codeIn(sent[0]!.text), codeIn(sent[1]!.text));
    t.clock.advance(2 * DAY);
    await assert.rejects(t.services.invitations.resend('cli', invitation.id), { message: 'An expired invitation cannot be sent again; extend it first.' });
  });

  it('does not mail an invitation revoked before its mail went out', async () => {
    const { invitation } = await t.services.invitations.create('cli', { type: 'single', invitedContactIds: [seed.contacts[0]!.id] });
    await t.services.invitations.revoke('cli', invitation.id);
    await t.worker.drain();
    assert.equal((await mails()).length, 0);
  });

  it('reports a contact who lost their primary e-mail as a dead letter with the reason', async () => {
    const { invitation } = await t.services.invitations.create('cli', { type: 'single', invitedContactIds: [seed.contacts[0]!.id] });
    const get = t.store.contacts.get;
    t.store.contacts.get = async (id) => {
      const contact = await get(id);
      return contact && { ...contact, primaryEmail: null };
    };
    await t.worker.drain();
    const [dead] = (await t.store.jobs.list({ state: 'dead', subjectId: invitation.id }, { limit: 5 })).items;
    assert.equal(dead!.lastError, 'person1 Tester has no primary e-mail; the invitation was not sent to them.');
  });

  it('uses an admin\'s template once saved', async () => {
    await t.services.templates.save('cli', 'invitation', 'en', { subject: 'Join {{organisation}}, {{contact.firstName}}', html: '<a href="{{redeemUrl}}">Join</a>', text: 'Join: {{redeemUrl}}' });
    await t.services.invitations.create('cli', { type: 'single', invitedContactIds: [seed.contacts[1]!.id] });
    await t.worker.drain();
    const [mail] = await mails();
    assert.equal(mail!.subject, 'Join Contoso, person2');
    assert.match(mail!.text, /^Join: https:\/\/invites\.example\.com\/redeem\?code=/);
  });

  it('confirms a redemption to the redeemer with the account and roles', async () => {
    const { code } = await t.services.invitations.create('cli', {
      type: 'single', name: 'Spring partners', invitedContactIds: [seed.contacts[0]!.id], assignToAccountId: seed.account.id, webRoleIds: seed.roles.map((r) => r.id),
    });
    await t.worker.drain();
    await t.services.invitations.redeem({ code, contactId: seed.contacts[0]!.id });
    await t.worker.drain();
    const confirmation = (await mails()).find((m) => m.subject === 'Welcome to Contoso – Spring partners');
    assert.ok(confirmation);
    assert.match(confirmation.text, /Your company: Contoso Ltd/);
    assert.match(confirmation.text, /Your access: Customer, Partner/);
  });

  it('queues a group of 10,000 contacts in one pass', async function () {
    this.timeout(60_000);
    const ids: string[] = [];
    const rows = Array.from({ length: 10_000 }, (_, i) => ({ firstName: `Bulk${i}`, primaryEmail: `bulk${i}@example.com` }));
    ids.push(...(await t.services.contacts.import(rows)).added.map((c) => c.id));
    const { invitation } = await t.services.invitations.create('cli', { type: 'group', maxRedemptions: 10_000, invitedContactIds: ids });
    const [send] = (await t.worker.drain(1));
    assert.equal(send!.job.kind, 'invitation.send');
    assert.deepEqual(await t.services.jobs.mailDelivery('cli', invitation.id), { queued: 10_000, running: 0, done: 0, dead: 0, preparing: 0, unprepared: 0 });
    await t.store.jobs.revive(send!.job.id, t.clock());
  });
});
