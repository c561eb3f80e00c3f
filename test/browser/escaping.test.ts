import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openContext } from '../support/browser.ts';
import { assertQuiet, createPasswordAndAccept, summaryValue, waitForHeading } from './pages.ts';
import { invitationLink, PASSWORD, useSeededSite } from './siteHarness.ts';

const HOSTILE = '<img src=x onerror=alert(1)>';
const FULL_NAME = `${HOSTILE} Tester`;

/** The name is on the page as text, and nothing on the page became an image. */
async function assertShownAsText(page: Page, where: string): Promise<void> {
  await page.getByText(HOSTILE, { exact: false }).first().waitFor({ state: 'visible' }).catch(() => assert.fail(`${where}: "${HOSTILE}" is not shown as text`));
  assert.equal(await page.locator('img').count(), 0, `${where}: the name became an <img> element`);
}

describe('redeem site in Chromium: a contact whose name is markup', function () {
  this.timeout(60_000);
  const env = useSeededSite(async (site) => {
    await site.cli('contacts', 'add', '--first', HOSTILE, '--last', 'Tester', '--email', 'eve@example.com');
  });

  it('sees it as text in the dev mailbox, the mail, the summary and the profile, and no script runs', async () => {
    await env.site.cli('invite', 'create', '--contact', 'eve@example.com', '--inviter', 'eve@example.com', '--account', 'Contoso', '--role', 'Customer', '--expires', '7d');
    const link = await invitationLink(env.site, 'eve@example.com');
    const visitor = await openContext(env.browser);
    const { page } = visitor;

    await page.goto(`${env.site.url}/dev/mail`);
    await assertShownAsText(page, 'the dev mailbox page');

    const mail = await env.site.waitForMail('eve@example.com', /\/redeem\?code=/);
    // The HTML part on its own, where no CSP would stop a script that got through.
    await page.setContent(mail.html, { waitUntil: 'load' });
    await assertShownAsText(page, 'the HTML part of the mail');

    await page.goto(link);
    await waitForHeading(page, 'Your invitation');
    assert.equal(await summaryValue(page, 'Invited by'), FULL_NAME);
    await assertShownAsText(page, 'the invitation summary');

    await createPasswordAndAccept(page, PASSWORD);
    await waitForHeading(page, 'Your profile');
    assert.equal(await summaryValue(page, 'Name'), FULL_NAME);
    await page.getByText(`Signed in as ${FULL_NAME}`, { exact: true }).waitFor();
    await assertShownAsText(page, 'the profile');

    assertQuiet(visitor);
    await visitor.context.close();
  });
});
