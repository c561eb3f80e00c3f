import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { assertAccessible, openContext } from '../support/browser.ts';
import { alertText, assertQuiet, createPasswordAndAccept, summaryValue, waitForHeading } from './pages.ts';
import { addContact, inviteToContoso, PASSWORD, useSeededSite } from './siteHarness.ts';

const NEW_PASSWORD = 'purple elephants juggle quietly';

async function signIn(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByLabel('E-mail address', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

describe('redeem site in Chromium: a forgotten password', function () {
  this.timeout(60_000);
  const env = useSeededSite(async (site, browser) => {
    await addContact(site, 'Grace', 'Hopper', 'grace@example.com');
    const { code } = await inviteToContoso(site, 'grace@example.com');
    const grace = await openContext(browser);
    await grace.page.goto(`${site.url}/redeem?code=${code}`);
    await createPasswordAndAccept(grace.page, PASSWORD);
    await grace.context.close();
  });

  it('is replaced through the mailed link, which works once, and the new one signs in', async () => {
    const visitor = await openContext(env.browser);
    const { page } = visitor;
    await page.goto(`${env.site.url}/`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await waitForHeading(page, 'Forgot your password?');
    await page.getByLabel('E-mail address', { exact: true }).fill('grace@example.com');
    await page.getByRole('button', { name: 'Send the link', exact: true }).click();
    await page.getByRole('status').getByText('If an account uses this address, a link to choose a new password is on its way.', { exact: false }).waitFor();

    const mail = await env.site.waitForMail('grace@example.com', /\/password\/reset\?token=/);
    const link = /(https?:\/\/\S+\/password\/reset\?token=\S+)/.exec(mail.text)![1]!;
    assert.equal(new URL(link).origin, env.site.url);
    await page.goto(link);
    await waitForHeading(page, 'Choose a new password');
    await assertAccessible(page, 'the reset form');
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Repeat the password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Save the new password', exact: true }).click();
    await page.getByRole('status').getByText('Your password has been changed. You can sign in with it now.', { exact: true }).waitFor();

    await page.goto(link);
    assert.equal(await alertText(page), 'This link has expired or has already been used. Ask for a new one.');

    await signIn(page, env.site.url, 'grace@example.com', PASSWORD);
    assert.equal(await alertText(page), 'The e-mail address or the password is not right.');
    await signIn(page, env.site.url, 'grace@example.com', NEW_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/profile');
    await waitForHeading(page, 'Your profile');
    assert.equal(await summaryValue(page, 'Name'), 'Grace Hopper');
    assert.equal(await summaryValue(page, 'Company'), 'Contoso');
    assertQuiet(visitor);
    await visitor.context.close();
  });
});
