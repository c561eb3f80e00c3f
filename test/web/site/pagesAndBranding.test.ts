import assert from 'node:assert/strict';
import request from 'supertest';
import { DEFAULT_RATE_LIMITS } from '../../../web/site/rateLimits.ts';
import { siteTestbed } from '../../support/siteTestbed.ts';

const HOSTILE = '<img src=x onerror=alert(1)> & "Co"';

/** Error pages in the layout and language of the site, and the organisation's look on every page. */
describe('redeem site: error pages and the organisation\'s look', () => {
  let t: Awaited<ReturnType<typeof siteTestbed>>;
  afterEach(() => t.store.close());

  const heading = (html: string) => /<h1>([^<]*)<\/h1>/.exec(html)?.[1];
  const title = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];

  it('answers 404, 405, 413 and 429 with a titled page in the visitor\'s language and a way back', async () => {
    t = await siteTestbed({ rateLimits: { ...DEFAULT_RATE_LIMITS, codeChecksPerMinute: 1 } });
    const notFound = await request(t.app).get('/nope');
    assert.equal(notFound.status, 404);
    assert.match(notFound.type, /html/);
    assert.match(notFound.text, /<html lang="en">/);
    assert.equal(heading(notFound.text), 'Page not found');
    assert.equal(title(notFound.text), 'Page not found – Contoso');
    assert.match(notFound.text, /<a href="\/">Go to the start page<\/a>/);
    assert.match(notFound.text, /<link rel="icon" href="\/static\/favicon.svg"/);

    const danish = await request(t.app).get('/nope').set('Accept-Language', 'da');
    assert.match(danish.text, /<html lang="da">/);
    assert.equal(heading(danish.text), 'Siden findes ikke');
    assert.match(danish.text, /Gå til forsiden/);

    const wrongMethod = await request(t.app).put('/redeem');
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.headers.allow, 'GET, POST, HEAD');
    assert.equal(heading(wrongMethod.text), 'This page cannot do that');
    const deleteProfile = await request(t.app).delete('/profile').set('Accept-Language', 'da');
    assert.equal(deleteProfile.status, 405);
    assert.equal(heading(deleteProfile.text), 'Siden kan ikke det');

    const tooLarge = await request(t.app).post('/redeem').type('form').send({ code: 'x'.repeat(40_000) });
    assert.equal(tooLarge.status, 413);
    assert.equal(heading(tooLarge.text), 'Too much to send');

    const visitor = t.visitor();
    await visitor.get('/?tab=redeem');
    await visitor.post('/redeem', { code: '0000-0000-0000-0000' });
    const limited = await visitor.post('/redeem', { code: '0000-0000-0000-0001' });
    assert.equal(limited.status, 429);
    assert.equal(heading(limited.text), 'Too many attempts');
    assert.equal(title(limited.text), 'Too many attempts – Contoso');

    assert.equal((await request(t.app).get('/favicon.ico')).status, 200);
  });

  it('answers a failure with a 500 page in the layout that tells nothing of the cause', async () => {
    t = await siteTestbed();
    t.services.customers.invitationSummary = () => Promise.reject(new Error('database on fire'));
    const failing = await request(t.app).get('/redeem?code=7KQM-2HXV-9TDR-4WPC').set('Accept-Language', 'da');
    assert.equal(failing.status, 500);
    assert.match(failing.text, /<html lang="da">/);
    assert.equal(heading(failing.text), 'Der gik noget galt');
    assert.match(failing.text, /Gå til forsiden/);
    assert.ok(!failing.text.includes('fire'));
  });

  it('shows the organisation\'s colour, logo and footer links, escaping what was typed', async () => {
    t = await siteTestbed({
      organisationName: HOSTILE,
      branding: {
        organisationName: HOSTILE, logo: { file: 'logo.png' }, colour: '#7a1f5c', supportEmail: 'help@contoso.com',
        portalUrl: 'https://portal.contoso.com/', privacyUrl: 'https://contoso.com/privacy?a=1&b=2', termsUrl: 'https://contoso.com/terms',
      },
    });
    const res = await request(t.app).get('/');
    assert.equal(res.status, 200);
    assert.ok(!res.text.includes('<img src=x'), 'the organisation name is escaped');
    assert.match(res.text, /&lt;img src&#x3D;x onerror&#x3D;alert\(1\)&gt; &amp; &quot;Co&quot;/);
    assert.match(res.text, /<img class="logo" src="\/branding\/logo" alt="" height="32">/);
    assert.match(res.text, /<a href="mailto:help@contoso.com">help@contoso.com<\/a>/);
    assert.match(res.text, /<a href="https:\/\/contoso.com\/privacy\?a&#x3D;1&amp;b&#x3D;2">Privacy<\/a>/);
    assert.match(res.text, /<a href="https:\/\/contoso.com\/terms">Terms of use<\/a>/);
    const css = await request(t.app).get('/branding.css');
    assert.equal(css.text, ':root { --accent: #7a1f5c; }\n');
    assert.equal((await request(t.app).get('/branding/logo')).status, 404, 'no such file in the data directory');
  });
});
