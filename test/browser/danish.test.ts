import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { assertAccessible, openContext } from '../support/browser.ts';
import { alertText, assertQuiet, createPasswordAndAccept, summaryItems, summaryValue, waitForHeading } from './pages.ts';
import { addContact, invitationLink, inviteToContoso, PASSWORD, useSeededSite } from './siteHarness.ts';

const DANISH_FORM = { password: 'Ny adgangskode', confirm: 'Gentag adgangskoden', submit: 'Opret konto og tag imod' };

async function documentLanguage(page: Page): Promise<string | null> {
  return page.locator('html').getAttribute('lang');
}

async function switchLanguage(page: Page, label: 'Dansk' | 'English'): Promise<void> {
  await page.getByRole('navigation', { name: label === 'Dansk' ? 'Language' : 'Sprog' }).getByRole('link', { name: label, exact: true }).click();
  await page.waitForURL((url) => url.searchParams.get('lang') === (label === 'Dansk' ? 'da' : 'en'));
}

describe('redeem site in Chromium: in Danish', function () {
  this.timeout(60_000);
  const env = useSeededSite(async (site) => {
    await Promise.all([addContact(site, 'Karen', 'Blixen', 'karen@example.com'), addContact(site, 'Niels', 'Bohr', 'niels@example.com')]);
  });

  it('follows a browser asking for Danish, from the sign-in page to the profile', async () => {
    await inviteToContoso(env.site, 'karen@example.com');
    const link = await invitationLink(env.site, 'karen@example.com');
    const visitor = await openContext(env.browser, { locale: 'da-DK' });
    const { page } = visitor;

    await page.goto(`${env.site.url}/`);
    await waitForHeading(page, 'Log ind');
    assert.equal(await documentLanguage(page), 'da');
    await page.getByRole('link', { name: 'Indløs invitation', exact: true }).click();
    await waitForHeading(page, 'Indløs invitation');
    await page.getByLabel('Invitationskode', { exact: true }).fill('7KQM-2HXV');
    await page.getByRole('button', { name: 'Fortsæt', exact: true }).click();
    assert.equal(await alertText(page), 'Det ligner ikke en invitationskode. Den har 16 bogstaver og tal, som 7KQM-2HXV-9TDR-4WPC.');
    await assertAccessible(page, 'the Danish redeem tab with an error');

    await page.goto(link);
    await waitForHeading(page, 'Din invitation');
    assert.equal(await summaryValue(page, 'Virksomhed'), 'Contoso');
    assert.equal(await summaryValue(page, 'Adgang'), 'Customer, Partner');
    await page.getByRole('heading', { name: 'Hvordan vil du logge ind?' }).waitFor();
    await assertAccessible(page, 'the Danish invitation summary');

    await createPasswordAndAccept(page, PASSWORD, DANISH_FORM);
    await waitForHeading(page, 'Din profil');
    assert.equal((await page.getByRole('status').innerText()).trim(), 'Din invitation er modtaget.');
    assert.equal(await summaryValue(page, 'Navn'), 'Karen Blixen');
    assert.equal(await summaryValue(page, 'Virksomhed'), 'Contoso');
    assert.deepEqual(await summaryItems(page, 'Adgang'), ['Customer', 'Partner']);
    assert.equal(await documentLanguage(page), 'da');
    assertQuiet(visitor);
    await visitor.context.close();
  });

  it('switches language with the switcher, keeps the code, and remembers the choice', async () => {
    await inviteToContoso(env.site, 'niels@example.com');
    const link = await invitationLink(env.site, 'niels@example.com');
    const visitor = await openContext(env.browser, { locale: 'en-GB' });
    const { page } = visitor;

    await page.goto(link);
    await waitForHeading(page, 'Your invitation');
    assert.equal(await documentLanguage(page), 'en');
    await switchLanguage(page, 'Dansk');
    await waitForHeading(page, 'Din invitation');
    assert.equal(new URL(page.url()).searchParams.get('code'), new URL(link).searchParams.get('code'));
    assert.equal(await summaryValue(page, 'Virksomhed'), 'Contoso');

    await page.goto(`${env.site.url}/password/forgot`);
    await waitForHeading(page, 'Glemt din adgangskode?');
    await switchLanguage(page, 'English');
    await waitForHeading(page, 'Forgot your password?');
    assert.equal(await documentLanguage(page), 'en');
    assertQuiet(visitor);
    await visitor.context.close();
  });
});
