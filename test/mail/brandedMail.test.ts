import assert from 'node:assert/strict';
import type { Branding } from '../../src/domain/branding.ts';
import { mailTestbed } from '../support/mailTestbed.ts';
import { seedDirectory } from '../support/services.ts';

const HOSTILE_ORGANISATION = 'Evil <img src=x onerror=alert(1)> & "Co"\r\nBcc: all@example.com';
const HOSTILE_NAME = '<script>alert(1)</script>\nSubject: free money';

const BRANDED: Branding = {
  organisationName: 'Northwind Traders', logo: { url: 'https://cdn.northwind.example/logo.png' }, colour: '#7a1f5c', supportEmail: 'help@northwind.example',
  portalUrl: 'https://portal.northwind.example', privacyUrl: 'https://northwind.example/privacy', termsUrl: 'https://northwind.example/terms',
};

/** Mail that reads like the organisation's: its look, what the invitation gives, and subjects that tell invitations apart. */
describe('branded mail', () => {
  let t: ReturnType<typeof mailTestbed>;
  afterEach(() => t.store.close());

  const mails = async () => (await t.store.devMail.list({ limit: 50 })).items;

  it('carries the logo, the colour, a button and the link as text, the company, roles, invitation name and inviter', async () => {
    t = mailTestbed({ branding: BRANDED });
    const seed = await seedDirectory(t.services, 2);
    const { invitation, code } = await t.services.invitations.create('cli', {
      type: 'single', name: 'Spring partners', invitedContactIds: [seed.contacts[1]!.id], inviterContactId: seed.contacts[0]!.id,
      assignToAccountId: seed.account.id, webRoleIds: seed.roles.map((role) => role.id),
    });
    await t.worker.drain();
    const [mail] = await mails();
    assert.ok(mail);
    const link = `https://invites.example.com/redeem?code&#x3D;${code}`;
    assert.equal(mail.subject, `${seed.contacts[0]!.firstName} ${seed.contacts[0]!.lastName} invites you to Northwind Traders – ${invitation.name}`);
    assert.match(mail.html, /<img src="https:\/\/cdn.northwind.example\/logo.png" alt="Northwind Traders"/);
    assert.ok(mail.html.includes(`<a href="${link}" style="display:inline-block;padding:12px 24px;background-color:#7a1f5c;`), 'a button in the colour');
    assert.ok(mail.html.includes(`>https://invites.example.com/redeem?code&#x3D;${code}</a>`), 'the link as text');
    assert.match(mail.html, /<strong>Company:<\/strong> Contoso Ltd/);
    assert.match(mail.html, /<strong>Access:<\/strong> Customer, Partner/);
    assert.match(mail.html, /<h1[^>]*>Spring partners<\/h1>/);
    assert.match(mail.html, /mailto:help@northwind.example/);
    assert.match(mail.html, /<a href="https:\/\/northwind.example\/privacy"[^>]*>Privacy<\/a>/);
    assert.match(mail.text, /^Hello person2 Tester,\n\nperson1 Tester has invited you to the Northwind Traders customer portal with the invitation "Spring partners"\.\n\nCompany: Contoso Ltd\nAccess: Customer, Partner\n\nAccept the invitation: https:\/\/invites/);
    assert.match(mail.text, /\n\nThis e-mail was sent by Northwind Traders through its customer portal\.\nQuestions\? Write to help@northwind.example\n/);
  });

  it('gives two invitations to the same person two different subjects', async () => {
    t = mailTestbed();
    const seed = await seedDirectory(t.services, 1);
    for (const name of ['Spring partners', 'Autumn fair']) {
      await t.services.invitations.create('cli', { type: 'group', maxRedemptions: 2, name, invitedContactIds: [seed.contacts[0]!.id] });
    }
    await t.worker.drain();
    assert.deepEqual((await mails()).map((mail) => mail.subject).sort(), ['Your invitation to Contoso – Autumn fair', 'Your invitation to Contoso – Spring partners']);
  });

  it('keeps a hostile organisation and invitation name as text in the HTML and on one subject line', async () => {
    t = mailTestbed({ branding: { ...BRANDED, organisationName: HOSTILE_ORGANISATION } });
    const seed = await seedDirectory(t.services, 1);
    await t.services.invitations.create('cli', { type: 'single', name: HOSTILE_NAME, invitedContactIds: [seed.contacts[0]!.id], locale: 'da' });
    await t.worker.drain();
    const [mail] = await mails();
    assert.ok(mail);
    assert.ok(!/[\r\n]/.test(mail.subject), JSON.stringify(mail.subject));
    assert.ok(!mail.html.includes('<script>') && !mail.html.includes('<img src=x'), 'nothing typed becomes markup');
    assert.ok(mail.html.includes('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;'));
    assert.ok(mail.html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.match(mail.html, /<html lang="da">/);
  });
});
