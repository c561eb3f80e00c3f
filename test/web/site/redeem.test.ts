import assert from 'node:assert/strict';
import request from 'supertest';
import { alertText, siteTestbed } from '../../support/siteTestbed.ts';

const DAY = 86_400_000;
const PASSWORD = 'correct horse battery staple';

describe('redeem site: redeeming', () => {
  let t: Awaited<ReturnType<typeof siteTestbed>>;
  beforeEach(async () => { t = await siteTestbed(); });
  afterEach(() => t.store.close());

  const single = (overrides: object = {}) => t.services.invitations.create('cli', {
    type: 'single', invitedContactIds: [t.seed.contacts[0]!.id], assignToAccountId: t.seed.account.id, webRoleIds: t.seed.roles.map((r) => r.id),
    expiresAt: new Date(t.clock().getTime() + 7 * DAY), ...overrides,
  });
  const status = async (id: string) => (await t.services.invitations.find('cli', id)).status;

  it('shows what a code gives and lets the invited contact create a password and accept', async () => {
    const { invitation, code } = await single();
    const v = t.visitor();
    const summary = await v.get(`/redeem?code=${code.toLowerCase()}`);
    assert.equal(summary.status, 200);
    assert.match(summary.text, /<dt>Company<\/dt><dd>Contoso Ltd<\/dd>/);
    assert.match(summary.text, /<dt>Access<\/dt><dd>Customer, Partner<\/dd>/);
    assert.match(summary.text, /<strong>person1@example.com<\/strong>/);
    const accepted = await v.post('/redeem/register', { code, password: PASSWORD, confirm: PASSWORD });
    assert.equal(accepted.status, 303);
    assert.equal(accepted.headers.location, '/profile?welcome=1');
    const profile = await v.get('/profile?welcome=1');
    assert.match(profile.text, /<li>Customer<\/li><li>Partner<\/li>/);
    assert.match(profile.text, /Contoso Ltd/);
    assert.equal(await status(invitation.id), 'redeemed');
  });

  it('refuses a weak password, or two that differ, and changes nothing', async () => {
    const { invitation, code } = await single();
    const v = t.visitor();
    await v.get(`/redeem?code=${code}`);
    for (const [password, confirm, message] of [
      ['short', 'short', 'The password must have at least 10 characters.'],
      ['password1234', 'password1234', 'This password is too common or too easy to guess. Choose another.'],
      [PASSWORD, `${PASSWORD}!`, 'The two passwords are not the same.'],
    ] as const) {
      const res = await v.post('/redeem/register', { code, password, confirm });
      assert.equal(res.status, 400);
      assert.equal(alertText(res.text), message);
    }
    assert.equal(await status(invitation.id), 'sent');
    assert.equal(await t.store.localAccounts.get(t.seed.contacts[0]!.id), null);
  });

  it('tells expired, revoked, used and mistyped codes apart, on the link and in the form, changing nothing', async () => {
    const expired = await single({ expiresAt: new Date(t.clock().getTime() + DAY) });
    const revoked = await single();
    await t.services.invitations.revoke('cli', revoked.invitation.id);
    const used = await single();
    await t.services.invitations.redeem({ code: used.code, contactId: t.seed.contacts[0]!.id });
    t.clock.advance(2 * DAY);
    const cases = [
      [expired.code, 410, 'This invitation has expired. Ask the person who invited you for a new one.'],
      [revoked.code, 410, 'This invitation has been withdrawn and can no longer be used.'],
      [used.code, 410, 'This invitation has already been used.'],
      ['7KQM-2HXV-9TDR', 400, 'That does not look like an invitation code. It has 16 letters and digits, like 7KQM-2HXV-9TDR-4WPC.'],
      ['0000-0000-0000-0000', 404, 'This code cannot be used. Check that you typed it as it is in the e-mail.'],
    ] as const;
    const v = t.visitor();
    await v.get('/?tab=redeem');
    for (const [code, httpStatus, message] of cases) {
      const viaLink = await v.get(`/redeem?code=${encodeURIComponent(code)}`);
      assert.deepEqual([viaLink.status, alertText(viaLink.text)], [httpStatus, message], code);
      const viaForm = await v.post('/redeem', { code });
      assert.deepEqual([viaForm.status, alertText(viaForm.text)], [httpStatus, message], code);
      assert.match(viaForm.text, /aria-invalid="true"/);
    }
    assert.deepEqual([await status(expired.invitation.id), await status(revoked.invitation.id), await status(used.invitation.id)], ['expired', 'revoked', 'redeemed']);
    assert.equal((await t.services.invitations.find('cli', used.invitation.id)).redemptions, 1);
  });

  it('lets a group code create a new contact once its address is proven, and never sets a password on someone else\'s contact', async () => {
    const { invitation, code } = await t.services.invitations.create('cli', { type: 'group', maxRedemptions: 5, invitedContactIds: [t.seed.contacts[0]!.id], assignToAccountId: t.seed.account.id });
    const v = t.visitor();
    await v.get(`/redeem?code=${code}`);
    const known = await v.post('/redeem/register', { code, firstName: 'Eve', lastName: 'Intruder', email: 'person2@example.com', password: PASSWORD, confirm: PASSWORD });
    const fresh = await v.post('/redeem/register', { code, firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com', password: PASSWORD, confirm: PASSWORD });
    for (const [page, email] of [[known, 'person2@example.com'], [fresh, 'grace@example.com']] as const) {
      assert.equal(page.status, 200);
      assert.ok(page.text.includes(`We have sent a link to ${email}.`), 'the same answer, known address or not');
    }
    assert.equal(await t.store.localAccounts.get(t.seed.contacts[1]!.id), null, 'no password was set on someone else\'s contact');
    assert.equal(await t.store.contacts.findByPrimaryEmail('grace@example.com'), null, 'no contact before the address is proven');
    await t.worker.drain();
    const links = new Map((await t.store.devMail.list({ limit: 10 })).items.filter((m) => m.text.includes('/confirm?token='))
      .map((m) => [m.to, new URL(/https?:\/\/\S+\/confirm\?token=[\w-]+/.exec(m.text)![0])]));
    const graceLink = links.get('grace@example.com')!;
    const accepted = await v.get(`${graceLink.pathname}${graceLink.search}`);
    assert.deepEqual([accepted.status, accepted.headers.location], [303, '/profile?welcome=1']);
    const grace = await t.store.contacts.findByPrimaryEmail('grace@example.com');
    assert.equal(grace!.parentAccountId, t.seed.account.id);
    assert.ok(grace!.emailVerifiedAt);
    assert.equal((await t.services.invitations.find('cli', invitation.id)).redemptions, 1);
  });

  it('lets a signed-in customer accept another invitation with one button', async () => {
    const first = await single();
    const v = t.visitor();
    await v.get(`/redeem?code=${first.code}`);
    await v.post('/redeem/register', { code: first.code, password: PASSWORD, confirm: PASSWORD });
    const second = await t.services.invitations.create('cli', { type: 'group', maxRedemptions: 3, invitedContactIds: [t.seed.contacts[2]!.id], webRoleIds: [t.seed.roles[0]!.id] });
    const summary = await v.get(`/redeem?code=${second.code}`);
    assert.match(summary.text, /Accept as person1 Tester/);
    const accepted = await v.post('/redeem/accept', { code: second.code });
    assert.equal(accepted.status, 303);
    assert.equal((await t.services.invitations.find('cli', second.invitation.id)).redemptions, 1);
    // Their own accepted link, opened or accepted again: said plainly, with the way to their profile, not as an error.
    for (const again of [await v.post('/redeem/accept', { code: second.code }), await v.get(`/redeem?code=${second.code}`), await v.get(`/redeem?code=${first.code}`)]) {
      assert.equal(again.status, 200);
      assert.equal(alertText(again.text), null);
      assert.match(again.text, /<h1>You have already accepted this invitation<\/h1>\s*<p role="status">What it gave you is on your profile.<\/p>\s*<p><a href="\/profile">Your profile<\/a><\/p>/);
    }
  });

  it('offers one way first: a password for a contact without a sign-in method, signing in (e-mail filled in) for one who has', async () => {
    const first = await single();
    const fresh = await request(t.app).get(`/redeem?code=${first.code}`);
    assert.match(fresh.text, /<h3 id="create-heading">Create a password<\/h3>/);
    assert.doesNotMatch(fresh.text, /id="existing-heading"/);
    assert.match(fresh.text, /<a href="\/redeem\?code&#x3D;[A-Z0-9-]+&amp;way&#x3D;signin">Already have an account\? Sign in instead<\/a>/);
    const v = t.visitor();
    await v.get(`/redeem?code=${first.code}`);
    await v.post('/redeem/register', { code: first.code, password: PASSWORD, confirm: PASSWORD });

    const second = await t.services.invitations.create('cli', { type: 'single', invitedContactIds: [t.seed.contacts[0]!.id] });
    const known = await request(t.app).get(`/redeem?code=${second.code}`);
    assert.match(known.text, /<h3 id="existing-heading">Sign in<\/h3>/);
    assert.doesNotMatch(known.text, /id="create-heading"/);
    assert.match(known.text, /<input id="signin-email" name="email" type="email" autocomplete="username" value="person1@example.com"/);
    assert.match(known.text, /No password yet\? Create one instead/);
    const other = await request(t.app).get(`/redeem?code=${second.code}&way=create`);
    assert.match(other.text, /id="create-heading"/);
  });

  it('ties a password problem to its field', async () => {
    const { code } = await single();
    const v = t.visitor();
    await v.get(`/redeem?code=${code}`);
    const short = await v.post('/redeem/register', { code, password: 'short', confirm: 'short' });
    assert.equal(short.status, 400);
    assert.match(short.text, /id="reg-password"[^>]* aria-invalid="true" aria-describedby="reg-password-error reg-password-hint">/);
    assert.match(short.text, /<p id="reg-password-error" class="field-error">The password must have at least 10 characters.<\/p>/);
    const differ = await v.post('/redeem/register', { code, password: PASSWORD, confirm: `${PASSWORD}!` });
    assert.match(differ.text, /id="reg-confirm"[^>]* aria-invalid="true" aria-describedby="reg-confirm-error">/);
    assert.doesNotMatch(differ.text, /id="reg-password"[^>]* aria-invalid/);
  });

  it('goes to the invitation\'s redirect when it is allowed, and never to another site', async () => {
    const allowed = await single({ redirectUrl: 'https://portal.contoso.com/welcome' });
    const v = t.visitor();
    await v.get(`/redeem?code=${allowed.code}&redirect=https://evil.example/steal`);
    const res = await v.post('/redeem/register', { code: allowed.code, password: PASSWORD, confirm: PASSWORD, redirect: 'https://evil.example/steal' });
    assert.equal(res.headers.location, 'https://portal.contoso.com/welcome');

    const other = await t.services.invitations.create('cli', { type: 'group', maxRedemptions: 2, invitedContactIds: [t.seed.contacts[1]!.id], redirectUrl: 'https://evil.example/x' });
    const page = await v.get(`/redeem?code=${other.code}&redirect=https://evil.example/steal`);
    assert.ok(page.text.includes('name="redirect" value="https://evil.example/steal"'), 'the form carries the parameter back');
    const accepted = await v.post('/redeem/accept', { code: other.code, redirect: 'https://evil.example/steal' });
    assert.equal(accepted.headers.location, '/profile?welcome=1');
    for (const sneaky of ['//evil.example', '/\\evil.example', 'https://portal.contoso.com@evil.example', 'javascript:alert(1)']) {
      const { safeRedirect } = await import('../../../web/site/redirects.ts');
      assert.equal(safeRedirect(sneaky, 'http://127.0.0.1', ['portal.contoso.com']), null, sneaky);
    }
  });
});
