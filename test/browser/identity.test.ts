import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { hashPassword } from '../../src/customers/passwords.ts';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openContext, type IsolatedContext } from '../support/browser.ts';
import { startOidcProvider, type LocalOidcProvider, type OidcPerson } from '../support/oidcProvider.ts';
import { freePort } from '../../testkit/ports.ts';
import { startService } from '../support/serviceProcess.ts';
import { alertText, createPasswordAndAccept, followConfirmationLink, passProvider, summaryItems, summaryValue, waitForHeading } from './pages.ts';
import { addContact, invitationLink, inviteToContoso, PASSWORD, seedDirectory, startSiteWithProvider, type Site } from './siteHarness.ts';

/*
 * "Who may become a contact", attacked in Chromium against a local OpenID provider that issues
 * every shape of e-mail claim: verified, unverified, absent, and the same subject from another issuer.
 */
const PEOPLE: Record<string, OidcPerson> = {
  'grace-ms': { email: 'grace@example.com', emailVerified: true, givenName: 'Grace', familyName: 'Hopper' },
  mallory: { email: 'grace@example.com', emailVerified: false, givenName: 'Mallory', familyName: 'Claims' },
  'mallory-unsaid': { email: 'grace@example.com', emailVerified: null, givenName: 'Mallory', familyName: 'Unsaid' },
  stranger: { email: 'stranger@elsewhere.example', emailVerified: false, givenName: 'Some', familyName: 'Stranger' },
  'new-verified': { email: 'nina@newco.example', emailVerified: true, givenName: 'Nina', familyName: 'New' },
  'no-email': { email: null, givenName: 'Noel', familyName: 'Nomail' },
};

describe('redeem site in Chromium: who may become a contact', function () {
  this.timeout(90_000);
  let browser: Browser | null = null;
  let provider: LocalOidcProvider | null = null;
  let site: Site | null = null;
  const contexts: IsolatedContext[] = [];

  before(async function () {
    browser = await launchBrowser();
    if (!browser) return this.skip();
    ({ site, provider } = await startSiteWithProvider(PEOPLE));
    await seedDirectory(site);
    for (const [first, last, email] of [['Grace', 'Hopper', 'grace@example.com'], ['Ada', 'Lovelace', 'ada@example.com'], ['Alan', 'Turing', 'alan@example.com'], ['Vic', 'Tim', 'victim@corp.example']]) {
      await addContact(site, first!, last!, email!);
    }
  });
  after(async () => {
    for (const visitor of contexts) await visitor.context.close().catch(() => undefined);
    await browser?.close();
    await site?.stop();
    await provider?.stop();
  });

  async function visitor(): Promise<Page> {
    const opened = await openContext(browser!);
    contexts.push(opened);
    return opened.page;
  }

  async function microsoftFromSummary(page: Page, link: string, login: string): Promise<void> {
    await page.goto(link);
    await waitForHeading(page, 'Your invitation');
    await page.getByRole('button', { name: 'Sign in with Microsoft', exact: true }).click();
    await page.waitForURL((url) => url.origin === provider!.issuer);
    await passProvider(page, provider!, login);
    await page.waitForURL((url) => url.origin === site!.url);
  }

  async function microsoftAlone(page: Page, login: string): Promise<void> {
    await page.goto(`${site!.url}/`);
    await page.getByRole('button', { name: 'Sign in with Microsoft', exact: true }).click();
    await passProvider(page, provider!, login);
    await page.waitForURL((url) => url.origin === site!.url);
  }

  async function groupLink(...emails: string[]): Promise<string> {
    const { code } = await site!.cliJson<{ code: string }>('invite', 'create', '--type', 'group', '--max', '5', ...emails.flatMap((e) => ['--contact', e]),
      '--account', 'Contoso', '--role', 'Customer', '--expires', '7d', '--skip-approval');
    return `${site!.url}/redeem?code=${code}`;
  }

  it('a group code and an e-mail claim (unverified or unsaid) never open Grace\'s account, and the link they cause binds nothing in Grace\'s browser', async () => {
    await inviteToContoso(site!, 'grace@example.com');
    const grace = await visitor();
    await grace.goto(await invitationLink(site!, 'grace@example.com'));
    await createPasswordAndAccept(grace, PASSWORD);
    const link = await groupLink('grace@example.com');

    for (const login of ['mallory', 'mallory-unsaid']) {
      const mallory = await visitor();
      await microsoftFromSummary(mallory, link, login);
      await waitForHeading(mallory, 'Check your e-mail');
      await microsoftAlone(mallory, login);
      assert.equal(await alertText(mallory), 'No account is linked to this Microsoft account yet. Redeem your invitation first.', login);
    }
    // The confirmation link Mallory caused reaches Grace; opened in her browser it binds nothing of Mallory's.
    // Two requests were made for her address and only the newer stands: wait for both mails, take the newer.
    const mail = await site!.waitForMails('grace@example.com', /\/confirm\?token=/, 2);
    assert.match(mail.text, /^Hello Grace Hopper,/, 'the mail greets her by her own name, not the one the asker typed');
    await grace.goto(/(https?:\/\/\S+\/confirm\?token=[\w-]+)/.exec(mail.text)![1]!);
    assert.equal(await alertText(grace), 'Open this link in the browser where you signed in with Microsoft, or start again there.');
    const mallory = await visitor();
    await microsoftAlone(mallory, 'mallory');
    assert.equal(await alertText(mallory), 'No account is linked to this Microsoft account yet. Redeem your invitation first.');
  });

  it('a single code does not attach a Microsoft identity to Ada, who already has a password', async () => {
    await inviteToContoso(site!, 'ada@example.com');
    const ada = await visitor();
    await ada.goto(await invitationLink(site!, 'ada@example.com'));
    await createPasswordAndAccept(ada, PASSWORD);
    const second = await site!.cliJson<{ code: string }>('invite', 'create', '--contact', 'ada@example.com', '--role', 'Partner', '--expires', '7d');
    const stranger = await visitor();
    await microsoftFromSummary(stranger, `${site!.url}/redeem?code=${second.code}`, 'stranger');
    assert.equal(await alertText(stranger), 'You already have an account: sign in to accept the invitation.');
    await microsoftAlone(stranger, 'stranger');
    assert.equal(await alertText(stranger), 'No account is linked to this Microsoft account yet. Redeem your invitation first.');
  });

  it('a verified claim of a new address makes a new contact at once; no claim asks for the address and confirms it', async () => {
    const link = await groupLink('alan@example.com');
    const nina = await visitor();
    await microsoftFromSummary(nina, link, 'new-verified');
    await waitForHeading(nina, 'Your profile');
    assert.equal(await summaryValue(nina, 'E-mail address'), 'nina@newco.example');
    assert.deepEqual(await summaryItems(nina, 'Access'), ['Customer']);

    // A link from another site cannot make Nina's browser (signed in here and at the provider) accept anything.
    const other = await site!.cliJson<{ code: string; id: string }>('invite', 'create', '--type', 'group', '--max', '5', '--contact', 'alan@example.com', '--role', 'Partner', '--expires', '7d', '--skip-approval');
    await nina.goto(`${site!.url}/auth/microsoft?code=${other.code}`);
    await waitForHeading(nina, 'Your invitation');
    const forged = await nina.request.post(`${site!.url}/auth/microsoft`, { form: { code: other.code }, maxRedirects: 0 });
    assert.equal(forged.status(), 403, 'a form from elsewhere carries no CSRF token');
    assert.equal((await site!.cliJson<{ redemptions: number }>('invite', 'show', other.id)).redemptions, 0);

    const noel = await visitor();
    await microsoftFromSummary(noel, link, 'no-email');
    await waitForHeading(noel, 'Your e-mail address');
    await noel.getByLabel('E-mail address', { exact: true }).fill('noel@newco.example');
    await noel.getByRole('button', { name: 'Send the link', exact: true }).click();
    await waitForHeading(noel, 'Check your e-mail');
    await followConfirmationLink(site!, noel, 'noel@newco.example');
    assert.equal(await summaryValue(noel, 'Name'), 'Noel Nomail');
    assert.deepEqual(await summaryItems(noel, 'Access'), ['Customer']);
  });

  it('invited Alan creates a password in one form, follows the mailed link and lands on his profile', async () => {
    const link = await groupLink('alan@example.com');
    const alan = await visitor();
    await alan.goto(link);
    await waitForHeading(alan, 'Your invitation');
    const form = alan.getByRole('region', { name: 'Create a password' });
    await form.getByLabel('First name', { exact: true }).fill('Alan');
    await form.getByLabel('Last name', { exact: true }).fill('Turing');
    await form.getByLabel('E-mail address', { exact: true }).fill('alan@example.com');
    await createPasswordAndAccept(alan, PASSWORD, undefined, 'Check your e-mail');
    await followConfirmationLink(site!, alan, 'alan@example.com');
    assert.equal(new URL(alan.url()).search, '?welcome=1');
    assert.equal(await summaryValue(alan, 'Name'), 'Alan Turing');
    assert.equal(await summaryValue(alan, 'Company'), 'Contoso');
    assert.deepEqual(await summaryItems(alan, 'Access'), ['Customer']);
  });

  it('pre-hijacking: a squatter\'s registration reaches only the owner, and an old squatter session ends when the owner resets', async () => {
    const link = await groupLink('alan@example.com');
    const squatter = await visitor();
    await squatter.goto(link);
    const form = squatter.getByRole('region', { name: 'Create a password' });
    await form.getByLabel('First name', { exact: true }).fill('Squat');
    await form.getByLabel('Last name', { exact: true }).fill('Ter');
    await form.getByLabel('E-mail address', { exact: true }).fill('victim@corp.example');
    await createPasswordAndAccept(squatter, 'squatters own password 1', undefined, 'Check your e-mail');
    await site!.waitForMail('victim@corp.example', /\/confirm\?token=/);

    // A squatter who got in before this release, when a group code and a typed address made an account: the
    // account the old code wrote, signed in from the squatter's browser.
    await legacyPassword('victim@corp.example', 'squatters own password 1');
    await signIn(squatter, 'victim@corp.example', 'squatters own password 1');
    await waitForHeading(squatter, 'Your profile');
    const victim = await visitor();

    await inviteToContoso(site!, 'victim@corp.example');
    const invite = await invitationLink(site!, 'victim@corp.example');
    await resetPassword(victim, 'victim@corp.example', PASSWORD);
    await victim.goto(invite);
    await victim.getByRole('region', { name: 'Sign in' }).getByLabel('Password', { exact: true }).fill(PASSWORD);
    await victim.getByRole('region', { name: 'Sign in' }).getByLabel('E-mail address', { exact: true }).fill('victim@corp.example');
    await victim.getByRole('button', { name: 'Sign in and accept', exact: true }).click();
    await waitForHeading(victim, 'Your profile');
    assert.deepEqual(await summaryItems(victim, 'Access'), ['Customer', 'Partner']);

    const after = await squatter.goto(`${site!.url}/profile`);
    assert.equal(after!.status(), 401);
    assert.equal(await alertText(squatter), 'Sign in to see this page.');
  });

  it('the same subject from another issuer (another tenant) is nobody here', async () => {
    await inviteToContoso(site!, 'grace@example.com', '--name', 'Grace by Microsoft');
    const grace = await visitor();
    // Grace links her Microsoft identity while signed in with her password (rule a).
    await signIn(grace, 'grace@example.com', PASSWORD);
    await grace.goto(`${site!.url}/profile`);
    await grace.getByRole('button', { name: 'Also sign in with Microsoft', exact: true }).click();
    await passProvider(grace, provider!, 'grace-ms');
    await grace.waitForURL((url) => url.origin === site!.url && url.pathname === '/profile');

    const secondPort = await freePort();
    const otherProvider = await startOidcProvider({ redirectUri: `http://127.0.0.1:${secondPort}/auth/microsoft/callback`, people: PEOPLE });
    const second = await startService({ PORT: String(secondPort), DATA_DIR: site!.dataDir, ORGANISATION_NAME: 'Northwind', LOG_LEVEL: 'warn',
      ENTRA_ISSUER: otherProvider.issuer, ENTRA_CLIENT_ID: otherProvider.clientId, ENTRA_CLIENT_SECRET: otherProvider.clientSecret, JOBS_ENABLED: 'false', BOT_ENABLED: 'false' });
    try {
      const page = await visitor();
      await page.goto(`${second.url}/`);
      await page.getByRole('button', { name: 'Sign in with Microsoft', exact: true }).click();
      await passProvider(page, otherProvider, 'grace-ms');
      await page.waitForURL((url) => url.origin === second.url);
      assert.equal(await alertText(page), 'No account is linked to this Microsoft account yet. Redeem your invitation first.');
    } finally {
      await second.stop();
      await otherProvider.stop();
    }
  });

  async function signIn(page: Page, email: string, password: string): Promise<void> {
    await page.goto(`${site!.url}/`);
    await page.getByLabel('E-mail address', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/profile');
  }

  /** A local account written straight into the service's SQLite file, as a release before this one could have. */
  async function legacyPassword(email: string, password: string): Promise<void> {
    const db = new DatabaseSync(join(site!.dataDir, 'invite-desk.sqlite'), { timeout: 15_000 });
    try {
      const { id } = db.prepare('SELECT id FROM contacts WHERE primary_email = ?').get(email) as { id: string };
      db.prepare('INSERT INTO local_accounts (contact_id, email, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
        .run(id, email, await hashPassword(password), Date.now(), Date.now());
    } finally {
      db.close();
    }
  }

  async function resetPassword(page: Page, email: string, password: string): Promise<void> {
    const before = Date.now();
    await page.goto(`${site!.url}/password/forgot`);
    await page.getByLabel('E-mail address', { exact: true }).fill(email);
    await page.getByRole('button', { name: 'Send the link', exact: true }).click();
    let mail;
    for (;;) {
      mail = await site!.waitForMail(email, /\/password\/reset\?token=/);
      if (Date.parse(mail.at) >= before - 1000) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await page.goto(/(https?:\/\/\S+\/password\/reset\?token=[\w-]+)/.exec(mail.text)![1]!);
    await page.getByLabel('New password', { exact: true }).fill(password);
    await page.getByLabel('Repeat the password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Save the new password', exact: true }).click();
    await page.getByText('Your password has been changed. You can sign in with it now.').waitFor();
  }
});
