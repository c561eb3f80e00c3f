import assert from 'node:assert/strict';
import { alertText, siteTestbed } from '../../support/siteTestbed.ts';

const PASSWORD = 'correct horse battery staple';

describe('redeem site: accounts and languages', () => {
  let t: Awaited<ReturnType<typeof siteTestbed>>;
  beforeEach(async () => { t = await siteTestbed(); });
  afterEach(() => t.store.close());

  async function resetLink(): Promise<string> {
    await t.worker.drain();
    const mail = (await t.store.devMail.list({ limit: 10 })).items.find((m) => m.subject.startsWith('Reset your'));
    return /https?:\/\/\S+\/password\/reset\?token=([\w-]+)/.exec(mail!.text)![0];
  }

  it('resets a forgotten password by a mailed link that works once', async () => {
    const v = t.visitor();
    await v.get('/password/forgot');
    const sent = await v.post('/password/forgot', { email: 'person2@example.com' });
    assert.match(sent.text, /If an account uses this address, a link to choose a new password is on its way\./);
    const link = new URL(await resetLink());
    const form = await v.get(`${link.pathname}${link.search}`);
    assert.equal(form.status, 200);
    const token = link.searchParams.get('token')!;
    const weak = await v.post('/password/reset', { token, password: 'short', confirm: 'short' });
    assert.equal(alertText(weak.text), 'The password must have at least 10 characters.');
    const done = await v.post('/password/reset', { token, password: PASSWORD, confirm: PASSWORD });
    assert.match(done.text, /Your password has been changed/);
    const again = await v.post('/password/reset', { token, password: PASSWORD, confirm: PASSWORD });
    assert.deepEqual([again.status, alertText(again.text)], [410, 'This link has expired or has already been used. Ask for a new one.']);
    assert.equal((await v.get(`${link.pathname}${link.search}`)).status, 410);
    const signedIn = await v.post('/signin', { email: 'person2@example.com', password: PASSWORD });
    assert.equal(signedIn.headers.location, '/profile');
  });

  it('mails the reset link in the language the visitor reads the site in', async () => {
    const v = t.visitor();
    await v.get('/password/forgot', { 'accept-language': 'da' });
    await v.post('/password/forgot', { email: 'person2@example.com' }, { 'accept-language': 'da' });
    await t.worker.drain();
    const [mail] = (await t.store.devMail.list({ limit: 10 })).items;
    assert.match(mail!.subject, /^Nulstil din adgangskode/);
  });

  it('leads back to the invitation being redeemed after a reset asked for from it, in that browser only', async () => {
    const { code } = await t.services.invitations.create('cli', { type: 'group', maxRedemptions: 2, invitedContactIds: [t.seed.contacts[1]!.id] });
    const v = t.visitor();
    const summary = await v.get(`/redeem?code=${code}&way=signin`);
    const forgotHref = /<a href="(\/password\/forgot\?code=[A-Z0-9-]+)">/.exec(summary.text)?.[1];
    assert.equal(forgotHref, `/password/forgot?code=${code}`);
    const forgot = await v.get(forgotHref);
    assert.ok(forgot.text.includes(`<input type="hidden" name="code" value="${code}">`));
    await v.post('/password/forgot', { email: 'person2@example.com', code });
    const link = new URL(await resetLink());
    const token = link.searchParams.get('token')!;
    const done = await v.post('/password/reset', { token, password: PASSWORD, confirm: PASSWORD });
    assert.ok(done.text.includes(`<a href="/redeem?code&#x3D;${code}">Sign in and accept your invitation</a>`), done.text);
    assert.ok(!link.search.includes(code), 'the code is not in the mailed link');

    const elsewhere = t.visitor();
    await elsewhere.get('/password/forgot');
    await elsewhere.post('/password/forgot', { email: 'person2@example.com' });
    await t.worker.drain();
    // The mails carry the same (test clock) time, so the new one is the one whose link is not the used one.
    const tokens = (await t.store.devMail.list({ limit: 10 })).items.map((mail) => /\/password\/reset\?token=([\w-]+)/.exec(mail.text)?.[1]);
    const newest = tokens.find((other) => other && other !== token)!;
    const plain = await elsewhere.post('/password/reset', { token: newest, password: 'another good secret', confirm: 'another good secret' });
    assert.match(plain.text, /<a href="\/">Sign in<\/a>/);
  });

  it('a reset ends every session of the contact and voids every older reset link (defects 3 and 6)', async () => {
    const { code } = await t.services.invitations.create('cli', { type: 'single', invitedContactIds: [t.seed.contacts[1]!.id] });
    const old = t.visitor();
    await old.get(`/redeem?code=${code}`);
    await old.post('/redeem/register', { code, password: PASSWORD, confirm: PASSWORD });
    assert.equal((await old.get('/profile')).status, 200);
    const owner = t.visitor();
    await owner.get('/password/forgot');
    await owner.post('/password/forgot', { email: 'person2@example.com' });
    const older = new URL(await resetLink());
    t.clock.advance(1000);
    await owner.post('/password/forgot', { email: 'person2@example.com' });
    await t.worker.drain();
    const newer = new URL(/https?:\/\/\S+\/password\/reset\?token=[\w-]+/.exec((await t.store.devMail.list({ limit: 10 })).items[0]!.text)![0]);
    assert.notEqual(newer.href, older.href);
    await owner.get(`${newer.pathname}${newer.search}`);
    assert.match((await owner.post('/password/reset', { token: newer.searchParams.get('token')!, password: 'a new and better secret', confirm: 'a new and better secret' })).text, /Your password has been changed/);
    assert.equal((await old.get('/profile')).status, 401, 'the session from before the reset signs nobody in');
    assert.equal((await owner.get(`${older.pathname}${older.search}`)).status, 410, 'the older link is void');
    assert.equal((await owner.post('/password/reset', { token: older.searchParams.get('token')!, password: PASSWORD, confirm: PASSWORD })).status, 410);
  });

  it('says the same whether or not an address is known, and mails only known ones', async () => {
    const v = t.visitor();
    await v.get('/password/forgot');
    const unknown = await v.post('/password/forgot', { email: 'nobody@example.com' });
    const known = await v.post('/password/forgot', { email: 'person1@example.com' });
    assert.equal(alertText(unknown.text), alertText(known.text));
    assert.equal(unknown.text.replace(/name="_csrf" value="[^"]+"/, ''), known.text.replace(/name="_csrf" value="[^"]+"/, ''));
    await t.worker.drain();
    assert.deepEqual((await t.store.devMail.list({ limit: 10 })).items.map((m) => m.to), ['person1@example.com']);
  });

  it('expires reset links after an hour', async () => {
    const v = t.visitor();
    await v.get('/password/forgot');
    await v.post('/password/forgot', { email: 'person1@example.com' });
    const link = new URL(await resetLink());
    t.clock.advance(60 * 60_000 + 1);
    assert.equal((await v.get(`${link.pathname}${link.search}`)).status, 410);
  });

  it('explains that registration is by invitation only, unless it is opened', async () => {
    const v = t.visitor();
    const closed = await v.get('/register');
    assert.match(closed.text, /You can get an account by invitation only\. Ask your contact at Contoso to invite you/);
    assert.equal((await v.post('/register', { firstName: 'A', lastName: 'B', email: 'a@example.com', password: PASSWORD, confirm: PASSWORD })).status, 403);
    const open = await siteTestbed({ openRegistration: true });
    const w = open.visitor();
    await w.get('/register');
    const asked = await w.post('/register', { firstName: 'New', lastName: 'Person', email: 'new@example.com', password: PASSWORD, confirm: PASSWORD });
    assert.match(asked.text, /We have sent a link to new@example\.com/);
    assert.equal(await open.store.contacts.findByPrimaryEmail('new@example.com'), null, 'no account before the address is proven');
    await open.worker.drain();
    const mail = (await open.store.devMail.list({ limit: 5 })).items.find((m) => m.to === 'new@example.com')!;
    const link = new URL(/https?:\/\/\S+\/confirm\?token=[\w-]+/.exec(mail.text)![0]);
    const created = await w.get(`${link.pathname}${link.search}`);
    assert.equal(created.headers.location, '/profile');
    await open.store.close();
  });

  it('speaks Danish when the browser asks for it or the visitor switches, and keeps the code when switching', async () => {
    const { code } = await t.services.invitations.create('cli', { type: 'single', invitedContactIds: [t.seed.contacts[0]!.id] });
    const v = t.visitor();
    const danish = await v.get('/', { 'accept-language': 'da-DK,da;q=0.9,en;q=0.5' });
    assert.match(danish.text, /<html lang="da">/);
    assert.match(danish.text, /Indløs invitation/);
    const summary = await v.get(`/redeem?code=${code}`, { 'accept-language': 'da' });
    assert.match(summary.text, /Din invitation/);
    assert.ok(summary.text.includes(`href="/redeem?code&#x3D;${code}&amp;lang&#x3D;en"`), 'the switcher keeps the code');
    const english = await v.get(`/redeem?code=${code}&lang=en`, { 'accept-language': 'da' });
    assert.match(english.text, /Your invitation/);
    const remembered = await v.get('/', { 'accept-language': 'da' });
    assert.match(remembered.text, /<html lang="en">/, 'the choice is remembered over the browser\'s');
    const mistyped = await t.visitor().get('/redeem?code=abc', { 'accept-language': 'da' });
    assert.equal(alertText(mistyped.text), 'Det ligner ikke en invitationskode. Den har 16 bogstaver og tal, som 7KQM-2HXV-9TDR-4WPC.');
  });
});
