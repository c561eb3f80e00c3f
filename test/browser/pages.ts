import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { IsolatedContext } from '../support/browser.ts';
import type { LocalOidcProvider } from '../support/oidcProvider.ts';
import type { Site } from './siteHarness.ts';

/** Reading the redeem site's pages the way a visitor does: headings, the summary list, the alert. */

export async function waitForHeading(page: Page, text: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor();
}

function summaryDefinition(page: Page, term: string) {
  return page.locator('dl.summary > dt').getByText(term, { exact: true }).locator('xpath=following-sibling::dd[1]');
}

/** The text next to `term` in the page's summary list. */
export async function summaryValue(page: Page, term: string): Promise<string> {
  return (await summaryDefinition(page, term).innerText()).trim();
}

/** The list items next to `term` in the page's summary list (the roles on the profile). */
export async function summaryItems(page: Page, term: string): Promise<string[]> {
  return (await summaryDefinition(page, term).getByRole('listitem').allInnerTexts()).map((text) => text.trim());
}

export async function alertText(page: Page): Promise<string> {
  return (await page.getByRole('alert').innerText()).trim();
}

/**
 * Creates the password on the summary page and waits for the profile, or for the page that says a
 * confirmation link is on its way (`thenHeading`) when the address is still to be proven.
 */
export async function createPasswordAndAccept(page: Page, password: string, labels = { password: 'New password', confirm: 'Repeat the password', submit: 'Create account and accept' }, thenHeading?: string): Promise<void> {
  await page.getByLabel(labels.password, { exact: true }).fill(password);
  await page.getByLabel(labels.confirm, { exact: true }).fill(password);
  await page.getByRole('button', { name: labels.submit, exact: true }).click();
  if (thenHeading) await waitForHeading(page, thenHeading);
  else await page.waitForURL((url) => url.pathname === '/profile');
}

/** Opens the confirmation link mailed to `email` in this page (the browser that asked) and waits for the profile. */
export async function followConfirmationLink(site: Pick<Site, 'waitForMail'>, page: Page, email: string): Promise<void> {
  const mail = await site.waitForMail(email, /\/confirm\?token=/);
  const link = /(https?:\/\/\S+\/confirm\?token=[\w-]+)/.exec(mail.text)?.[1];
  assert.ok(link, `no confirmation link in the mail:\n${mail.text}`);
  await page.goto(link);
  await page.waitForURL((url) => url.pathname === '/profile');
}

/** Nothing left the loopback interface and no script opened a dialog. */
export function assertQuiet({ blocked, dialogs }: IsolatedContext): void {
  assert.deepEqual(blocked, [], 'requests to other hosts');
  assert.deepEqual(dialogs, [], 'dialogs opened');
}

/**
 * Through the provider's development pages until it sends the visitor back: its login page (any
 * password) if it asks who they are, its consent page if it asks for consent.
 */
export async function passProvider(page: Page, provider: LocalOidcProvider, login: string): Promise<void> {
  for (let step = 0; step < 3 && new URL(page.url()).origin === provider.issuer; step++) {
    const here = page.url();
    if (await page.locator('input[name="login"]').count()) {
      await page.locator('input[name="login"]').fill(login);
      await page.locator('input[name="password"]').fill('any password will do');
      await page.getByRole('button', { name: 'Sign-in', exact: true }).click();
    } else if (await page.getByRole('button', { name: 'Continue', exact: true }).count()) {
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
    } else {
      assert.fail(`the provider shows neither its login nor its consent page:\n${await page.locator('body').innerText()}`);
    }
    await page.waitForURL((url) => url.href !== here);
  }
}
