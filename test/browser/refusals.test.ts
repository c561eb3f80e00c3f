import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible, launchBrowser, openContext } from '../support/browser.ts';
import { alertText, assertQuiet, createPasswordAndAccept, waitForHeading } from './pages.ts';
import { addContact, inviteToContoso, PASSWORD, seedDirectory, startSite, type InvitationView, type Site } from './siteHarness.ts';

/** The code changed in one symbol: well formed, but no invitation has it. */
function mistypedBySomeoneElse(code: string): string {
  const last = code.at(-1)!;
  return `${code.slice(0, -1)}${last === 'Z' ? 'Y' : 'Z'}`;
}

describe('redeem site in Chromium: codes that cannot be used', function () {
  this.timeout(60_000);
  let browser: Browser | null = null;
  let site: Site | null = null;
  const codes: Record<string, string> = {};

  before(async function () {
    browser = await launchBrowser();
    if (!browser) return this.skip();
    site = await startSite();
    await seedDirectory(site);
    await Promise.all([
      addContact(site, 'Eliza', 'Expired', 'eliza@example.com'),
      addContact(site, 'Rex', 'Revoked', 'rex@example.com'),
      addContact(site, 'Una', 'Used', 'una@example.com'),
    ]);
    const [expired, revoked, used] = await Promise.all([
      inviteToContoso(site, 'eliza@example.com'), inviteToContoso(site, 'rex@example.com'), inviteToContoso(site, 'una@example.com'),
    ]);
    site.expireInvitation(expired.id);
    await site.cli('invite', 'revoke', revoked.id, '--reason', 'sent to the wrong person');

    const una = await openContext(browser);
    await una.page.goto(`${site.url}/redeem?code=${used.code}`);
    await createPasswordAndAccept(una.page, PASSWORD);
    await una.context.close();

    Object.assign(codes, { expired: expired.code, revoked: revoked.code, used: used.code, unknown: mistypedBySomeoneElse(used.code), malformed: used.code.slice(0, 14) });
  });
  after(async () => {
    await browser?.close();
    await site?.stop();
  });

  const cases = [
    { name: 'an expired code', code: 'expired', message: 'This invitation has expired. Ask the person who invited you for a new one.' },
    { name: 'a withdrawn code', code: 'revoked', message: 'This invitation has been withdrawn and can no longer be used.' },
    { name: 'a code already used', code: 'used', message: 'This invitation has already been used.' },
    { name: 'a code with one symbol wrong', code: 'unknown', message: 'This code cannot be used. Check that you typed it as it is in the e-mail.' },
    { name: 'a code too short to be one', code: 'malformed', message: 'That does not look like an invitation code. It has 16 letters and digits, like 7KQM-2HXV-9TDR-4WPC.' },
  ];

  async function invitationStates(): Promise<Pick<InvitationView, 'id' | 'status' | 'redemptions' | 'remaining'>[]> {
    const { items } = await site!.cliJson<{ items: InvitationView[] }>('invite', 'list');
    return items.map(({ id, status, redemptions, remaining }) => ({ id, status, redemptions, remaining })).sort((a, b) => a.id.localeCompare(b.id));
  }

  async function expectRefusal(page: Page, code: string, message: string): Promise<void> {
    await waitForHeading(page, 'Redeem invitation');
    assert.equal(await alertText(page), message);
    const field = page.getByLabel('Invitation code', { exact: true });
    assert.equal(await field.inputValue(), code, 'the code stays in the field to correct');
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByRole('button', { name: 'Create account and accept' }).count(), 0);
  }

  it('shows the reason for each, typed into the redeem tab or followed as a link, and changes nothing', async () => {
    const before = await invitationStates();
    assert.deepEqual(before.map((i) => i.status).sort(), ['expired', 'redeemed', 'revoked']);
    const visitor = await openContext(browser!);
    const { page } = visitor;
    for (const { name, code: key, message } of cases) {
      const code = codes[key]!;
      await page.goto(`${site!.url}/?tab=redeem`);
      await page.getByLabel('Invitation code', { exact: true }).fill(code);
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
      await expectRefusal(page, code, message).catch((error: Error) => assert.fail(`${name}, typed: ${error.message}`));

      const response = await page.goto(`${site!.url}/redeem?code=${encodeURIComponent(code)}`);
      assert.ok(response && response.status() >= 400 && response.status() < 500, `${name}, as a link: status ${response?.status()}`);
      await expectRefusal(page, code, message).catch((error: Error) => assert.fail(`${name}, as a link: ${error.message}`));
    }
    await assertAccessible(page, 'the redeem tab refusing a code');
    assert.deepEqual(await invitationStates(), before);
    assertQuiet(visitor);
    await visitor.context.close();
  });
});
