import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { assertAccessible, launchBrowser, openContext } from '../support/browser.ts';
import type { LocalOidcProvider } from '../support/oidcProvider.ts';
import { passProvider, summaryItems, summaryValue, waitForHeading } from './pages.ts';
import { addContact, invitationLink, inviteToContoso, seedDirectory, showInvitation, startSiteWithProvider, type Site } from './siteHarness.ts';

describe('redeem site in Chromium: Sign in with Microsoft (a local OpenID provider)', function () {
  this.timeout(60_000);
  let browser: Browser | null = null;
  let provider: LocalOidcProvider | null = null;
  let site: Site | null = null;

  before(async function () {
    browser = await launchBrowser();
    if (!browser) return this.skip();
    ({ site, provider } = await startSiteWithProvider({ ada: { email: 'ada@example.com', givenName: 'Ada', familyName: 'Lovelace' } }));
    await seedDirectory(site);
    await addContact(site, 'Ada', 'Lovelace', 'ada@example.com');
  });
  after(async () => {
    await browser?.close();
    await site?.stop();
    await provider?.stop();
  });

  it('redeems the mailed invitation and shows the account and both web roles, then signs in again without the code', async () => {
    const invitation = await inviteToContoso(site!, 'ada@example.com');
    const link = await invitationLink(site!, 'ada@example.com');
    const visitor = await openContext(browser!);
    const { page } = visitor;

    await page.goto(`${site!.url}/`);
    await page.getByRole('button', { name: 'Sign in with Microsoft', exact: true }).waitFor();
    await assertAccessible(page, 'the sign-in tab with Microsoft');

    await page.goto(link);
    await waitForHeading(page, 'Your invitation');
    assert.equal(await summaryValue(page, 'Company'), 'Contoso');
    await assertAccessible(page, 'the invitation summary with Microsoft');
    await page.getByRole('button', { name: 'Sign in with Microsoft', exact: true }).click();
    await page.waitForURL((url) => url.origin === provider!.issuer);
    await passProvider(page, provider!, 'ada');

    await page.waitForURL((url) => url.origin === site!.url && url.pathname === '/profile');
    assert.equal(new URL(page.url()).search, '?welcome=1', `landed on ${page.url()}`);
    await waitForHeading(page, 'Your profile');
    assert.equal(await summaryValue(page, 'Name'), 'Ada Lovelace');
    assert.equal(await summaryValue(page, 'E-mail address'), 'ada@example.com');
    assert.equal(await summaryValue(page, 'Company'), 'Contoso');
    assert.deepEqual(await summaryItems(page, 'Access'), ['Customer', 'Partner']);
    const after = await showInvitation(site!, invitation.id);
    assert.deepEqual([after.status, after.redemptions], ['redeemed', 1]);

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('status').getByText('You have been signed out.').waitFor();
    await page.goto(`${site!.url}/`);
    await page.getByRole('button', { name: 'Sign in with Microsoft', exact: true }).click();
    // The provider may remember the session or ask again; either way the same person comes back.
    await passProvider(page, provider!, 'ada');
    await page.waitForURL((url) => url.origin === site!.url && url.pathname === '/profile');
    assert.equal(await summaryValue(page, 'Name'), 'Ada Lovelace');
    assert.deepEqual(await summaryItems(page, 'Access'), ['Customer', 'Partner']);

    assert.deepEqual(provider!.serverErrors, []);
    // The provider's own pages ask Google for a font: the one blocked request that is expected.
    assert.deepEqual(visitor.blocked.filter((url) => !url.startsWith('https://fonts.googleapis.com/')), []);
    assert.deepEqual(visitor.dialogs, []);
    await visitor.context.close();
  });
});
