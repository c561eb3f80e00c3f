import assert from 'node:assert/strict';
import { alertText, siteTestbed } from '../../support/siteTestbed.ts';

const PASSWORD = 'correct horse battery staple';

describe('redeem site: safety', () => {
  let t: Awaited<ReturnType<typeof siteTestbed>>;
  beforeEach(async () => { t = await siteTestbed(); });
  afterEach(() => t.store.close());

  it('refuses any form posted without its CSRF token (403) and changes nothing', async () => {
    const { invitation, code } = await t.services.invitations.create('cli', { type: 'single', invitedContactIds: [t.seed.contacts[0]!.id] });
    const v = t.visitor();
    await v.get(`/redeem?code=${code}`);
    for (const path of ['/redeem', '/redeem/register', '/redeem/accept', '/signin', '/signout', '/password/forgot', '/password/reset', '/register']) {
      const res = await v.postWithoutToken(path, { code, password: PASSWORD, confirm: PASSWORD, email: 'person1@example.com' });
      assert.equal(res.status, 403, path);
      assert.match(res.text, /This form has expired/);
    }
    const forged = await v.postWithoutToken('/redeem/register', { _csrf: 'forged', code, password: PASSWORD, confirm: PASSWORD });
    assert.equal(forged.status, 403);
    assert.equal((await t.services.invitations.find('cli', invitation.id)).redemptions, 0);
  });

  it('answers the 11th wrong code from one address within a minute with 429, counting links and forms', async () => {
    const { code } = await t.services.invitations.create('cli', { type: 'group', maxRedemptions: 50, invitedContactIds: [t.seed.contacts[0]!.id] });
    const v = t.visitor();
    await v.get('/?tab=redeem');
    for (let i = 0; i < 12; i++) assert.equal((await v.get(`/redeem?code=${code}`)).status, 200, 'good codes do not count');
    for (let i = 0; i < 5; i++) assert.equal((await v.get(`/redeem?code=0000-0000-0000-000${i}`)).status, 404);
    for (let i = 0; i < 5; i++) assert.equal((await v.post('/redeem', { code: `0000-0000-0000-001${i}` })).status, 404);
    const blocked = await v.post('/redeem', { code: '0000-0000-0000-0020' });
    assert.equal(blocked.status, 429);
    assert.match(blocked.text, /Too many attempts\. Wait a few minutes, then try again\./);
    assert.equal((await v.get('/redeem?code=0000-0000-0000-0021')).status, 429);
    const sameAddressNewSession = t.visitor();
    assert.equal((await sameAddressNewSession.get('/redeem?code=0000-0000-0000-0022')).status, 429, 'the limit is per address, not per session');
  });

  it('never refuses accepted code checks from one address, however many arrive at once', async () => {
    const { code } = await t.services.invitations.create('cli', { type: 'group', maxRedemptions: 50, invitedContactIds: [t.seed.contacts[0]!.id] });
    // A slow store keeps all 30 checks in flight together, as on a busy day.
    const summary = t.services.customers.invitationSummary.bind(t.services.customers);
    t.services.customers.invitationSummary = async (...args) => { await new Promise((resolve) => setTimeout(resolve, 100)); return summary(...args); };
    const visitors = Array.from({ length: 30 }, () => t.visitor());
    const statuses = await Promise.all(visitors.map(async (v) => (await v.get(`/redeem?code=${code}`)).status));
    assert.deepEqual(statuses, Array(30).fill(200));
  });

  it('limits sign-in attempts per account', async () => {
    const v = t.visitor();
    await v.get('/');
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push((await v.post('/signin', { email: 'person1@example.com', password: `wrong-${i}` })).status);
    assert.deepEqual(statuses, [...Array(10).fill(401), 429]);
  });

  it('signs in with a fresh session id, HttpOnly and SameSite=Lax, and signs out', async () => {
    const { code } = await t.services.invitations.create('cli', { type: 'single', invitedContactIds: [t.seed.contacts[0]!.id] });
    const v = t.visitor();
    const sessionCookie = (res: { headers: Record<string, unknown> }) => ([] as string[]).concat((res.headers['set-cookie'] as string[] | undefined) ?? []).find((c) => c.startsWith('invitedesk.sid='));
    const first = await v.get(`/redeem?code=${code}`);
    assert.equal(sessionCookie(first), undefined, 'a page view makes no session');
    assert.match(([] as string[]).concat(first.headers['set-cookie'] ?? [])[0]!, /^invitedesk\.csrf=.*; HttpOnly; SameSite=Lax$/);
    const signedUp = await v.post('/redeem/register', { code, password: PASSWORD, confirm: PASSWORD });
    const before = sessionCookie(signedUp)!;
    assert.match(before, /^invitedesk\.sid=.*; HttpOnly; SameSite=Lax$/);
    assert.equal((await v.get('/profile')).status, 200);
    await v.get('/');
    const again = await v.post('/signin', { email: 'person1@example.com', password: PASSWORD });
    assert.notEqual(sessionCookie(again)!.split(';')[0], before.split(';')[0], 'the session id is renewed at sign-in');
    await v.get('/signout');
    const out = await v.post('/signout', {});
    assert.match(out.text, /You have been signed out\./);
    assert.equal((await v.get('/profile')).status, 401);

    await v.get('/');
    const wrong = await v.post('/signin', { email: 'person1@example.com', password: 'not the password' });
    assert.deepEqual([wrong.status, alertText(wrong.text)], [401, 'The e-mail address or the password is not right.']);
    const unknown = await v.post('/signin', { email: 'nobody@example.com', password: 'not the password' });
    assert.deepEqual([unknown.status, alertText(unknown.text)], [401, 'The e-mail address or the password is not right.']);
    const back = await v.post('/signin', { email: 'PERSON1@example.com', password: PASSWORD });
    assert.deepEqual([back.status, back.headers.location], [303, '/profile']);

    const forSomeoneElse = await t.services.invitations.create('cli', { type: 'single', invitedContactIds: [t.seed.contacts[1]!.id] });
    await v.post('/signout', {});
    await v.get(`/redeem?code=${forSomeoneElse.code}`);
    const signedInWithCode = await v.post('/signin', { email: 'person1@example.com', password: PASSWORD, code: forSomeoneElse.code });
    assert.equal(signedInWithCode.headers.location, '/profile');
    assert.equal(alertText((await v.get('/profile')).text), 'This invitation was sent to someone else. Sign in as the person it was sent to.');
    assert.equal(alertText((await v.get('/profile')).text), null, 'the notice shows once');
    assert.equal(alertText((await v.get('/profile?notice=wrong_redeemer')).text), null, 'a link cannot plant a notice');
  });

  it('marks the cookie Secure when the site is served over https', async () => {
    const secure = await siteTestbed({ publicBaseUrl: 'https://invites.example.com' });
    const res = await secure.visitor().get('/', { 'x-forwarded-proto': 'https' });
    assert.match(res.headers['set-cookie']![0]!, /; Secure/);
    assert.match(res.headers['strict-transport-security']!, /max-age=/);
    await secure.store.close();
  });

  it('sends a Content-Security-Policy without inline script, and no page carries a script', async () => {
    const res = await t.visitor().get('/');
    assert.match(res.headers['content-security-policy']!, /script-src 'self'/);
    assert.doesNotMatch(res.headers['content-security-policy']!, /unsafe-inline/);
    assert.doesNotMatch(res.text, /<script/i);
  });

  it('shows a hostile name as text', async () => {
    const hostile = await t.services.contacts.add({ firstName: '<img src=x onerror=alert(1)>', lastName: 'X', primaryEmail: 'h@example.com' });
    const { code } = await t.services.invitations.create('cli', { type: 'single', invitedContactIds: [hostile.id], inviterContactId: hostile.id });
    const v = t.visitor();
    const summary = await v.get(`/redeem?code=${code}`);
    assert.ok(summary.text.includes('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; X'));
    await v.post('/redeem/register', { code, password: PASSWORD, confirm: PASSWORD });
    const profile = await v.get('/profile');
    assert.ok(!/<img/i.test(profile.text));
    assert.ok(profile.text.includes('Signed in as &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; X'));
  });

  it('answers unknown pages, oversized forms and broken input with readable errors, never a stack trace', async () => {
    const v = t.visitor();
    await v.get('/');
    assert.equal((await v.get('/nowhere')).status, 404);
    const huge = await v.post('/redeem', { code: 'x'.repeat(100_000) });
    assert.equal(huge.status, 413);
    assert.doesNotMatch(huge.text, /at .*\.ts:\d+/);
    const odd = await v.get('/redeem?code[$ne]=1');
    assert.ok([303, 400, 404].includes(odd.status), String(odd.status));
    assert.doesNotMatch(odd.text, /at .*\.ts:\d+/);
  });
});
