import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import type { Branding } from '../../src/domain/branding.ts';
import { createApp } from '../../web/app.ts';
import { DEFAULT_RATE_LIMITS } from '../../web/site/rateLimits.ts';
import { assertAccessible, launchBrowser, openContext, type IsolatedContext } from '../support/browser.ts';
import { silentLogger } from '../support/mailTestbed.ts';
import { siteTestbed, TEST_SITE } from '../support/siteTestbed.ts';
import { tempDir } from '../support/tempDir.ts';
import { waitForHeading } from './pages.ts';

const PASSWORD = 'correct horse battery staple';
/** An organisation name with characters HTML must escape (it is also the name in the docs' pictures). */
const HOSTILE = 'Northwind Traders & "Sons" <Ltd>';
const LONG_EMAIL = 'maximilian.alexander.wolfeschlegelsteinhausen@customer-relations.northwind-traders.example';
/** A logo file of the organisation's. */
const LOGO_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" viewBox="0 0 40 40"><rect width="40" height="40" rx="8" fill="#7a1f5c"/><path d="M10 30V10l20 20V10" fill="none" stroke="#fff" stroke-width="4" stroke-linejoin="round"/></svg>';
const BRANDED: Branding = {
  organisationName: HOSTILE, logo: { file: 'logo.svg' }, colour: '#7a1f5c', supportEmail: 'help@northwind.example',
  portalUrl: 'https://portal.northwind.example/', privacyUrl: 'https://northwind.example/privacy', termsUrl: 'https://northwind.example/terms',
};
const WIDTHS = [1280, 390] as const;

/**
 * Every page state of the customer site with the organisation's look, at 1280 px and 390 px: axe
 * finds nothing serious, nothing is wider than a phone even with a long e-mail address, and no
 * header link breaks across lines.
 */
describe('branded site in Chromium: every page state at 1280 and 390 px', function () {
  this.timeout(120_000);
  let browser: Browser | null = null;
  let server: Server | null = null;
  let base = '';
  let t: Awaited<ReturnType<typeof siteTestbed>>;
  const dir = tempDir('invite-desk-brand-');

  before(async function () {
    browser = await launchBrowser();
    if (!browser) return this.skip();
    writeFileSync(join(dir.path, 'logo.svg'), LOGO_SVG);
    t = await siteTestbed();
    const summary = t.services.customers.invitationSummary.bind(t.services.customers);
    t.services.customers.invitationSummary = (code: string) => (code === 'FAIL-FAIL-FAIL-FAIL' ? Promise.reject(new Error('the store is on fire')) : summary(code));
    const app = createApp({
      store: t.store, services: t.services, logger: silentLogger,
      site: { ...TEST_SITE, organisationName: HOSTILE, branding: BRANDED, dataDir: dir.path, rateLimits: { ...DEFAULT_RATE_LIMITS, signInsPerMinutePerIp: 1 } },
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server!.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await t?.store.close();
    dir.remove();
  });

  /** Checks the page as it is at both widths; `shot` names a screenshot kept in docs/ at one width (UPDATE_SCREENSHOTS=1). */
  async function checkAtBothWidths(page: Page, what: string, shot?: { name: string; width: number }): Promise<void> {
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await assertAccessible(page, `${what} at ${width} px`);
      const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      assert.ok(overflow <= 0, `${what} is ${overflow} px wider than ${width} px`);
      const broken = await page.locator('header a, header button').evaluateAll((elements) => elements.filter((e) => e.getClientRects().length > 1).map((e) => e.textContent));
      assert.deepEqual(broken, [], `${what}: header links broken across lines at ${width} px`);
      assert.ok(!(await page.content()).includes('<b>Traders</b>'), 'the organisation name is text');
      if (shot?.width === width && process.env.UPDATE_SCREENSHOTS === '1') writeFileSync(`docs/${shot.name}-${width}.png`, await page.screenshot({ fullPage: true }));
    }
  }

  async function visitor(): Promise<IsolatedContext> {
    return openContext(browser!);
  }

  it('the sign-in and redeem tabs, the error pages, with the logo, colour and footer', async () => {
    const v = await visitor();
    const { page } = v;
    await page.goto(`${base}/`);
    await waitForHeading(page, 'Sign in');
    assert.equal(await page.title(), `Sign in – ${HOSTILE}`);
    assert.equal(await page.locator('footer').evaluate((footer) => (footer as unknown as { textContent: string }).textContent.includes('Northwind Traders & "Sons" <Ltd>')), true, 'the name is shown as typed, not read as markup');
    assert.equal(await page.locator('header img.logo').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth), 40, 'the logo file is served');
    assert.equal(await page.evaluate('getComputedStyle(document.querySelector("main button[type=submit]")).backgroundColor'), 'rgb(122, 31, 92)');
    await page.getByRole('contentinfo').getByRole('link', { name: 'Privacy' }).waitFor();
    await checkAtBothWidths(page, 'the sign-in tab');
    await page.goto(`${base}/?tab=redeem`);
    await checkAtBothWidths(page, 'the redeem tab');

    await page.goto(`${base}/nope`);
    await waitForHeading(page, 'Page not found');
    await page.getByRole('link', { name: 'Go to the start page' }).waitFor();
    await checkAtBothWidths(page, 'the 404 page', { name: 'branded-404', width: 1280 });
    await page.goto(`${base}/nope?lang=da`);
    await waitForHeading(page, 'Siden findes ikke');
    assert.equal(await page.getAttribute('html', 'lang'), 'da');
    await checkAtBothWidths(page, 'the Danish 404 page');
    await page.goto(`${base}/?lang=en`);

    await page.route(`${base}/profile`, (route) => route.continue({ method: 'DELETE' }));
    const wrongMethod = await page.goto(`${base}/profile`);
    assert.equal(wrongMethod!.status(), 405);
    await waitForHeading(page, 'This page cannot do that');
    await checkAtBothWidths(page, 'the 405 page');
    await page.unroute(`${base}/profile`);

    await page.route(`${base}/redeem`, (route) => route.continue({ method: 'POST', postData: `code=${'x'.repeat(40_000)}`, headers: { ...route.request().headers(), 'content-type': 'application/x-www-form-urlencoded' } }));
    const tooLarge = await page.goto(`${base}/redeem`);
    assert.equal(tooLarge!.status(), 413);
    await waitForHeading(page, 'Too much to send');
    await checkAtBothWidths(page, 'the 413 page');
    await page.unroute(`${base}/redeem`);

    const failing = await page.goto(`${base}/redeem?code=FAIL-FAIL-FAIL-FAIL`);
    assert.equal(failing!.status(), 500);
    await waitForHeading(page, 'Something went wrong');
    await checkAtBothWidths(page, 'the 500 page');

    for (const password of ['wrong password one', 'wrong password two']) {
      await page.goto(`${base}/`);
      await page.getByLabel('E-mail address', { exact: true }).fill('nobody@example.com');
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByRole('main').getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.waitForLoadState();
    }
    await waitForHeading(page, 'Too many attempts');
    await checkAtBothWidths(page, 'the 429 page');
    assert.deepEqual(v.blocked, []);
    await v.context.close();
  });

  it('the summary, a password problem, the profile with the portal link, and an already accepted link', async () => {
    const contact = await t.services.contacts.add({ firstName: 'Maximilian', lastName: 'Wolfeschlegelsteinhausen', primaryEmail: LONG_EMAIL });
    const { code } = await t.services.invitations.create('cli', {
      type: 'single', name: 'Spring partners', invitedContactIds: [contact.id], assignToAccountId: t.seed.account.id, webRoleIds: t.seed.roles.map((role) => role.id),
    });
    const v = await visitor();
    const { page } = v;
    await page.goto(`${base}/redeem?code=${code}`);
    await waitForHeading(page, 'Your invitation');
    await page.getByRole('region', { name: 'Create a password' }).waitFor();
    await checkAtBothWidths(page, 'the summary (create a password first)', { name: 'branded-summary', width: 390 });
    await page.getByRole('link', { name: 'Already have an account? Sign in instead' }).click();
    await page.getByRole('region', { name: 'Sign in' }).waitFor();
    assert.equal(await page.getByLabel('E-mail address', { exact: true }).inputValue(), LONG_EMAIL);
    await checkAtBothWidths(page, 'the summary (sign in)');
    await page.getByRole('link', { name: 'No password yet? Create one instead' }).click();

    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByLabel('Repeat the password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Create account and accept', exact: true }).click();
    const password = page.getByLabel('New password', { exact: true });
    await password.and(page.locator('[aria-invalid="true"]')).waitFor();
    const describedBy = (await password.getAttribute('aria-describedby'))!.split(' ');
    assert.equal((await page.locator(`#${describedBy[0]!}`).innerText()).trim(), 'The password must have at least 10 characters.');
    await checkAtBothWidths(page, 'the summary with a password problem');

    await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Repeat the password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account and accept', exact: true }).click();
    await waitForHeading(page, 'Your profile');
    assert.equal(await page.getByRole('link', { name: 'Continue to the portal' }).getAttribute('href'), 'https://portal.northwind.example/');
    await checkAtBothWidths(page, 'the profile after accepting');

    await page.goto(`${base}/redeem?code=${code}`);
    await waitForHeading(page, 'You have already accepted this invitation');
    assert.equal(await page.getByRole('alert').count(), 0, 'not an error');
    await page.getByRole('main').getByRole('link', { name: 'Your profile' }).waitFor();
    await checkAtBothWidths(page, 'an already accepted link');
    assert.deepEqual(v.blocked, []);
    await v.context.close();
  });
});
