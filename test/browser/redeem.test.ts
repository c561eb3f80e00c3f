import assert from 'node:assert/strict';
import { assertAccessible, openContext } from '../support/browser.ts';
import { alertText, assertQuiet, createPasswordAndAccept, followConfirmationLink, summaryItems, summaryValue, waitForHeading } from './pages.ts';
import { addContact, invitationLink, inviteToContoso, ORGANISATION, PASSWORD, showInvitation, useSeededSite } from './siteHarness.ts';

describe('redeem site in Chromium: redeeming by creating a password', function () {
  this.timeout(60_000);
  const env = useSeededSite(async (site) => {
    await addContact(site, 'Ada', 'Lovelace', 'ada@example.com');
  });

  it('takes the mail link to a profile with the account and both web roles, every page passing axe', async () => {
    const invitation = await inviteToContoso(env.site, 'ada@example.com');
    const link = await invitationLink(env.site, 'ada@example.com');
    const visitor = await openContext(env.browser);
    const { page } = visitor;

    await page.goto(`${env.site.url}/`);
    await waitForHeading(page, 'Sign in');
    await assertAccessible(page, 'the sign-in tab');
    await page.getByRole('link', { name: 'Redeem invitation', exact: true }).click();
    await waitForHeading(page, 'Redeem invitation');
    await page.getByLabel('Invitation code', { exact: true }).waitFor();
    await assertAccessible(page, 'the redeem tab');

    await page.goto(link);
    await waitForHeading(page, 'Your invitation');
    assert.equal(await summaryValue(page, 'Invited by'), ORGANISATION);
    assert.equal(await summaryValue(page, 'Company'), 'Contoso');
    assert.equal(await summaryValue(page, 'Access'), 'Customer, Partner');
    assert.match(await summaryValue(page, 'Valid until'), /\d{4}/);
    await page.getByText('ada@example.com', { exact: true }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Sign in with Microsoft' }).count(), 0, 'offered without Entra settings');
    await assertAccessible(page, 'the invitation summary');

    await createPasswordAndAccept(page, PASSWORD);
    assert.equal(new URL(page.url()).search, '?welcome=1');
    await waitForHeading(page, 'Your profile');
    assert.equal((await page.getByRole('status').innerText()).trim(), 'Your invitation has been accepted.');
    assert.equal(await summaryValue(page, 'Name'), 'Ada Lovelace');
    assert.equal(await summaryValue(page, 'E-mail address'), 'ada@example.com');
    assert.equal(await summaryValue(page, 'Company'), 'Contoso');
    assert.deepEqual(await summaryItems(page, 'Access'), ['Customer', 'Partner']);
    await assertAccessible(page, 'the profile');

    const after = await showInvitation(env.site, invitation.id);
    assert.deepEqual([after.status, after.redemptions], ['redeemed', 1]);
    assertQuiet(visitor);
    await visitor.context.close();
  });

  it('redeems a group invitation typed into the redeem tab with JavaScript switched off', async () => {
    const { code, id } = await env.site.cliJson<{ code: string; id: string }>('invite', 'create', '--type', 'group', '--max', '5',
      '--contact', 'ada@example.com', '--account', 'Contoso', '--role', 'Customer', '--role', 'Partner', '--expires', '7d', '--skip-approval');
    const visitor = await openContext(env.browser, { javaScriptEnabled: false });
    const { page } = visitor;

    await page.goto(`${env.site.url}/?tab=redeem`);
    // Typed as people do: lower case, spaces instead of dashes.
    await page.getByLabel('Invitation code', { exact: true }).fill(code.toLowerCase().replace(/-/g, ' '));
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await waitForHeading(page, 'Your invitation');
    assert.equal(await summaryValue(page, 'Company'), 'Contoso');
    const createForm = page.getByRole('region', { name: 'Create a password' });
    await createForm.getByLabel('First name', { exact: true }).fill('Alan');
    await createForm.getByLabel('Last name', { exact: true }).fill('Turing');
    await createForm.getByLabel('E-mail address', { exact: true }).fill('alan@example.com');
    await createPasswordAndAccept(page, PASSWORD, undefined, 'Check your e-mail');
    await followConfirmationLink(env.site, page, 'alan@example.com');

    await waitForHeading(page, 'Your profile');
    assert.equal(await summaryValue(page, 'Name'), 'Alan Turing');
    assert.equal(await summaryValue(page, 'E-mail address'), 'alan@example.com');
    assert.equal(await summaryValue(page, 'Company'), 'Contoso');
    assert.deepEqual(await summaryItems(page, 'Access'), ['Customer', 'Partner']);
    const after = await showInvitation(env.site, id);
    assert.deepEqual([after.redemptions, after.remaining], [1, 4]);
    assertQuiet(visitor);
    await visitor.context.close();
  });

  it('has no serious accessibility problems on the forgot, register and error pages', async () => {
    const visitor = await openContext(env.browser);
    const { page } = visitor;
    const pages: [string, string, string][] = [
      ['/password/forgot', 'Forgot your password?', 'the forgot-password page'],
      ['/register', 'Registration', 'the registration page'],
      ['/profile', 'Your profile', 'the sign-in-required page'],
      ['/password/reset?token=not-a-token', 'Choose a new password', 'the expired reset link page'],
      ['/redeem?code=7KQM-2HXV', 'Redeem invitation', 'the redeem tab showing an error'],
    ];
    for (const [path, heading, what] of pages) {
      await page.goto(`${env.site.url}${path}`);
      await waitForHeading(page, heading);
      await assertAccessible(page, what);
    }
    assert.match(await alertText(page), /^That does not look like an invitation code/);
    assertQuiet(visitor);
    await visitor.context.close();
  });
});
