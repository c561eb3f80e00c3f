import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import { createPasswordAndAccept } from '../browser/pages.ts';
import type { DevMail } from '../browser/siteHarness.ts';
import { launchBrowser, openContext, type IsolatedContext } from '../support/browser.ts';
import { startPlayground, PLAYGROUND_CONVERSATION_ID, PLAYGROUND_TENANT_ID, PLAYGROUND_USER, type Playground, say } from '../support/playground.ts';
import { freePort } from '../support/ports.ts';
import { runNode } from '../support/processes.ts';
import { startService } from '../support/serviceProcess.ts';
import { tempDir } from '../support/tempDir.ts';

const PASSWORD = 'correct horse battery staple';
/** The approver: not the Playground user. The Playground UI has no way to switch its current user, so B speaks to the service directly. */
const APPROVER = { aadObjectId: '00000000-0000-0000-0000-000000000099', name: 'Bea Approver', id: 'user-id-approver' };

/** Picks `role` in the card's Web roles multi-select (in the Playground a Fluent UI combobox whose options, menuitemcheckbox elements, open in a popup menu). */
async function pickRole(page: Page, form: Locator, role: string): Promise<void> {
  const combobox = form.getByRole('combobox', { name: /Web roles/ });
  await combobox.click();
  const option = page.getByRole('menuitemcheckbox', { name: role, exact: true });
  await option.click();
  assert.equal(await option.getAttribute('aria-checked'), 'true');
  await page.keyboard.press('Escape');
  await page.getByRole('menu').waitFor({ state: 'hidden' });
}

/**
 * The Playground's UI asks the Office CDN for its fonts and an animation script; the context blocks
 * those (as every non-loopback request). Anything else leaving loopback, or any dialog, is a failure.
 */
function assertOnlyPlaygroundAssetsBlocked({ blocked, dialogs }: IsolatedContext): void {
  assert.deepEqual(blocked.filter((url) => new URL(url).hostname !== 'res-1.cdn.office.net'), [], 'requests to other hosts');
  assert.deepEqual(dialogs, [], 'dialogs opened');
}

describe('flows through the bot in Microsoft 365 Agents Playground, driven in Chromium', function () {
  this.timeout(90_000);
  let browser: Browser | null = null;
  let dir: ReturnType<typeof tempDir> | null = null;
  let service: Awaited<ReturnType<typeof startService>> | null = null;
  let playground: Playground | null = null;
  let tab: IsolatedContext | null = null;
  let cli: (...args: string[]) => Promise<string>;
  const frames: string[] = [];

  /** The id (the Playground's messageId, in its createMessage frames) of the bot's activity in the Playground chat whose attachments mention every one of `needles`. */
  function activityIdWith(...needles: string[]): string | undefined {
    const find = (value: unknown): string | undefined => {
      if (!value || typeof value !== 'object') return undefined;
      const object = value as { messageId?: unknown; attachments?: unknown };
      if (typeof object.messageId === 'string' && Array.isArray(object.attachments)) {
        const json = JSON.stringify(object.attachments);
        if (needles.every((needle) => json.includes(needle))) return object.messageId;
      }
      for (const child of Object.values(object)) { const id = find(child); if (id) return id; }
      return undefined;
    };
    for (const frame of [...frames].reverse()) {
      try { const id = find(JSON.parse(frame)); if (id) return id; } catch { /* not JSON */ }
    }
    return undefined;
  }

  before(async function () {
    browser = await launchBrowser();
    if (!browser) return this.skip();
    dir = tempDir();
    service = await startService({ DATA_DIR: dir.path, ADMIN_OBJECT_IDS: PLAYGROUND_USER.aadObjectId, LOG_LEVEL: 'warn' });
    cli = async (...args: string[]) => {
      const result = await runNode('bin/invite-desk.js', args, { DATA_DIR: dir!.path, PUBLIC_BASE_URL: service!.url });
      assert.equal(result.code, 0, `invite-desk ${args.join(' ')}: ${result.stderr}`);
      return result.stdout;
    };
    await cli('roles', 'add', 'Customer');
    await cli('accounts', 'add', 'Contoso');
    await cli('staff', 'add', APPROVER.aadObjectId, '--name', APPROVER.name, '--roles', 'approver');
    playground = await startPlayground(`${service.url}/api/messages`, { port: await freePort() });
    tab = await openContext(browser, { viewport: { width: 1280, height: 900 } });
    // The Playground's UI gets the chat's activities over a WebSocket; their ids are nowhere in the DOM.
    tab.page.on('websocket', (socket) => socket.on('framereceived', ({ payload }) => { frames.push(String(payload)); }));
    await tab.page.goto(playground.url);
    await tab.page.getByRole('button', { name: 'Send Message' }).waitFor();
  });

  after(async () => {
    await tab?.context.close();
    await browser?.close();
    await playground?.stop();
    await service?.stop();
    dir?.remove();
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    const cards = await tab?.page.locator('.ac-adaptiveCard').allInnerTexts().catch(() => []) ?? [];
    console.error(`the last cards in the chat:\n${cards.slice(-3).join('\n---\n')}\nservice output:\n${service?.output()}\nplayground output:\n${playground?.output()}`);
  });

  async function waitForMail(to: string, pattern: RegExp, timeoutMs = 15_000): Promise<DevMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { items } = (await (await fetch(`${service!.url}/dev/mail.json`)).json()) as { items: DevMail[] };
      const mail = items.find((item) => item.to === to && pattern.test(item.text));
      if (mail) return mail;
      if (Date.now() > deadline) assert.fail(`no mail to ${to} matching ${pattern}; the mailbox has ${JSON.stringify(items.map((item) => [item.to, item.subject]))}`);
      await sleep(100);
    }
  }

  /** The newest Adaptive Card in the chat containing `text` (matched against its textContent, which has no spaces between elements), once it is there. */
  async function card(page: Page, text: string | RegExp, timeout = 15_000) {
    const found = page.locator('.ac-adaptiveCard', { hasText: text }).last();
    await found.waitFor({ timeout });
    return found;
  }

  it('invites with the form card, the invitee redeems on the site, and the inviter gets the redeemed notice in the chat', async () => {
    const { page } = tab!;
    await say(page, 'invite ada@example.com');
    const form = await card(page, 'Invite a customer');
    await form.getByLabel('First name (for a new contact)').fill('Ada');
    await form.getByLabel('Last name (for a new contact)').fill('Lovelace');
    await form.getByLabel('Company (the redeemer\'s account; created if new)').fill('Contoso');
    await pickRole(page, form, 'Customer');
    await form.getByLabel('Expires (2026-12-31, 7d, 2w, or never)').fill('7d');
    await form.getByRole('button', { name: 'Send invitation' }).click();

    const status = await card(page, /Status\s*sent/);
    const statusText = await status.innerText();
    assert.match(statusText, /Company\s+Contoso/);
    assert.match(statusText, /Roles\s+Customer/);

    const mail = await waitForMail('ada@example.com', /\/redeem\?code=/);
    const link = /(https?:\/\/\S+\/redeem\?code=[A-Z0-9-]+)/.exec(mail.text)?.[1];
    assert.ok(link, `no redeem link in the mail:\n${mail.text}`);
    assert.equal(new URL(link).origin, service!.url);

    const visitor = await openContext(browser!);
    try {
      await visitor.page.goto(link);
      await createPasswordAndAccept(visitor.page, PASSWORD);
      await visitor.page.getByText('Customer').first().waitFor();
      assert.deepEqual(visitor.blocked, []);
      assert.deepEqual(visitor.dialogs, []);
    } finally {
      await visitor.context.close();
    }

    const notice = await card(page, 'Invitation redeemed', 20_000);
    assert.match(await notice.innerText(), /Ada Lovelace redeemed/);
    assertOnlyPlaygroundAssetsBlocked(tab!);
  });

  it('asks for approval of a group invitation, another staff member approves it, and the Playground user sees it sent', async () => {
    const { page } = tab!;
    await say(page, 'invite group');
    const form = await card(page, 'Invite a group');
    await form.getByLabel(/^Contacts, one per line/).fill('Grace Hopper <grace@example.com>\nalan@example.com');
    await form.getByLabel('How many may redeem').fill('5');
    await form.getByLabel('Company (the redeemer\'s account; created if new)').fill('Contoso');
    await pickRole(page, form, 'Customer');
    await form.getByRole('button', { name: 'Ask for approval' }).click();

    const pending = await card(page, /Status\s*pending-approval/);
    const invitationId = /Id\s+(\S+)/.exec(await pending.innerText())?.[1];
    assert.ok(invitationId, await pending.innerText());

    // The Playground user (an admin) lists the approvals: the approval card, waiting.
    await say(page, 'approvals');
    const approval = await card(page, 'waiting for an approver');
    assert.ok((await approval.innerText()).includes('Group invitation'), await approval.innerText());
    let cardId: string | undefined;
    for (let i = 0; i < 50 && !(cardId = activityIdWith(invitationId, 'approval.approve')); i++) await sleep(100);
    assert.ok(cardId, `no approval card activity among the Playground's WebSocket frames:\n${frames.slice(-3).join('\n')}`);

    // The Playground cannot switch its current user, so the approver's Approve press on that card is the
    // invoke activity Teams would send, posted to the bot endpoint, with the Playground's connector as
    // serviceUrl: the bot replaces the card for everyone there (updateActivity) and answers with it.
    const response = await fetch(`${service!.url}/api/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'invoke', name: 'adaptiveCard/action', id: `invoke-${Date.now()}`, replyToId: cardId, channelId: 'msteams', timestamp: new Date().toISOString(),
        serviceUrl: `${playground!.url}/_connector`,
        from: { id: APPROVER.id, name: APPROVER.name, aadObjectId: APPROVER.aadObjectId },
        recipient: { id: '00000000-0000-0000-0000-000000000011', name: 'Invite Desk' },
        conversation: { id: PLAYGROUND_CONVERSATION_ID, conversationType: 'personal', tenantId: PLAYGROUND_TENANT_ID },
        channelData: { tenant: { id: PLAYGROUND_TENANT_ID } },
        value: { action: { type: 'Action.Execute', verb: 'approval.approve', data: { invitationId } }, trigger: 'manual' },
      }),
    });
    const body = await response.text();
    assert.equal(response.status, 200, body);
    assert.match(body, new RegExp(`approved by ${APPROVER.name}`), body);

    // The card in the Playground chat now shows the decision.
    await card(page, `approved by ${APPROVER.name}`);

    await say(page, `status ${invitationId}`);
    const sent = await card(page, new RegExp(`Status\\s*sent[\\s\\S]*Id\\s*${invitationId}`));
    assert.match(await sent.innerText(), /Type\s+group/);
    assertOnlyPlaygroundAssetsBlocked(tab!);
  });
});
