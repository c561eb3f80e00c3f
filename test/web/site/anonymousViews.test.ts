import assert from 'node:assert/strict';
import request from 'supertest';
import { DEFAULT_RATE_LIMITS } from '../../../web/site/rateLimits.ts';
import { siteTestbed } from '../../support/siteTestbed.ts';

const PASSWORD = 'correct horse battery staple';

/**
 * What a page view leaves behind: a visitor without a cookie stores nothing (a brute-force run
 * once left 1,139 sessions), and no page with personal data, codes or tokens may be kept by a
 * browser or proxy cache. CSRF protection holds for visitors with and without a session.
 */
describe('redeem site: anonymous page views and caching', () => {
  let t: Awaited<ReturnType<typeof siteTestbed>>;
  let sessionWrites: number;
  beforeEach(async () => {
    // Wrong codes among the page views stay within the limit on code checks.
    t = await siteTestbed({ rateLimits: { ...DEFAULT_RATE_LIMITS, codeChecksPerMinute: 1000 } });
    sessionWrites = 0;
    const put = t.store.ephemeral.put.bind(t.store.ephemeral);
    t.store.ephemeral.put = async (namespace, key, value, expiresAt) => {
      if (namespace === 'session') sessionWrites++;
      return put(namespace, key, value, expiresAt);
    };
  });
  afterEach(() => t.store.close());

  it('stores no session for 100 page views without a cookie', async () => {
    const { code } = await t.services.invitations.create('cli', { type: 'group', maxRedemptions: 5, invitedContactIds: [t.seed.contacts[0]!.id] });
    const paths = ['/', '/?tab=redeem', `/redeem?code=${code}`, '/redeem?code=0000-0000-0000-0000', '/password/forgot', '/register', '/?lang=da'];
    for (let i = 0; i < 100; i++) {
      const res = await request(t.app).get(paths[i % paths.length]!);
      assert.ok([200, 404].includes(res.status), `${paths[i % paths.length]}: ${res.status}`);
      const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
      assert.ok(!cookies.some((cookie) => cookie.startsWith('invitedesk.sid=')), `${paths[i % paths.length]}: no session cookie`);
    }
    assert.equal(sessionWrites, 0);
  });

  it('still lets a visitor without a session post the form of the page they were shown, and only that visitor', async () => {
    const { invitation, code } = await t.services.invitations.create('cli', { type: 'single', invitedContactIds: [t.seed.contacts[0]!.id] });
    const v = t.visitor();
    await v.get(`/redeem?code=${code}`);
    assert.equal(sessionWrites, 0);
    const token = /name="_csrf" value="([^"]+)"/.exec((await v.get(`/redeem?code=${code}`)).text)![1]!;

    const stranger = await request(t.app).post('/redeem/register').type('form').send({ _csrf: token, code, password: PASSWORD, confirm: PASSWORD });
    assert.equal(stranger.status, 403, 'the token alone, without the visitor\'s cookie, is refused');
    const otherVisitor = t.visitor();
    await otherVisitor.get('/');
    const swapped = await otherVisitor.agent.post('/redeem/register').type('form').send({ _csrf: token, code, password: PASSWORD, confirm: PASSWORD });
    assert.equal(swapped.status, 403, 'another visitor\'s token is refused');
    assert.equal((await t.services.invitations.find('cli', invitation.id)).redemptions, 0);

    const accepted = await v.post('/redeem/register', { code, password: PASSWORD, confirm: PASSWORD });
    assert.equal(accepted.status, 303);
    assert.equal((await v.get('/profile')).status, 200);
  });

  it('refuses every form posted without a valid token with 403, with or without a session', async () => {
    const forms = ['/redeem', '/redeem/register', '/redeem/accept', '/signin', '/signout', '/password/forgot', '/password/reset', '/register', '/confirm', '/auth/microsoft/email'];
    for (const path of forms) {
      const bare = await request(t.app).post(path).type('form').send({ code: '0000-0000-0000-0000', email: 'person1@example.com' });
      assert.equal(bare.status, 403, `${path} without cookie or token`);
      const forged = await request(t.app).post(path).set('cookie', 'invitedesk.csrf=abc').type('form').send({ _csrf: 'abc', email: 'person1@example.com' });
      assert.equal(forged.status, 403, `${path} with a made-up cookie and token`);
    }
    const { code } = await t.services.invitations.create('cli', { type: 'single', invitedContactIds: [t.seed.contacts[0]!.id] });
    const signedIn = t.visitor();
    await signedIn.get(`/redeem?code=${code}`);
    await signedIn.post('/redeem/register', { code, password: PASSWORD, confirm: PASSWORD });
    for (const path of forms) assert.equal((await signedIn.postWithoutToken(path, { code })).status, 403, `${path} signed in, without a token`);
  });

  it('marks every dynamic page no-store, and keeps caching static files', async () => {
    const { code } = await t.services.invitations.create('cli', { type: 'single', invitedContactIds: [t.seed.contacts[0]!.id] });
    const v = t.visitor();
    const pages: [string, request.Response][] = [];
    const view = async (path: string, get = v.get) => { pages.push([path, await get(path)]); };
    for (const path of ['/', `/redeem?code=${code}`, '/redeem?code=0000-0000-0000-0000', '/password/forgot', '/password/reset?token=nothing', '/register', '/profile', '/nowhere', '/confirm?token=x']) await view(path);
    await v.post('/redeem/register', { code, password: PASSWORD, confirm: PASSWORD });
    await view('/profile');
    await v.post('/password/forgot', { email: 'person1@example.com' });
    await t.worker.drain();
    const reset = (await t.store.devMail.list({ limit: 10 })).items.map((mail) => /\/password\/reset\?token=[\w-]+/.exec(mail.text)?.[0]).find(Boolean)!;
    await view(reset);
    for (const path of ['/dev/mail', '/dev/mail.json']) await view(path, (p) => request(t.app).get(p));
    for (const [path, res] of pages) assert.equal(res.headers['cache-control'], 'no-store', `${path}: ${res.status}`);
    const css = await request(t.app).get('/static/site.css');
    assert.match(css.headers['cache-control']!, /max-age=3600/);
  });
});
