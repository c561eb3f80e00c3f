import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import type { DevMail } from '../browser/siteHarness.ts';
import { launchBrowser, openContext, type IsolatedContext } from './browser.ts';
import { startPlayground, PLAYGROUND_USER, type Playground } from './playground.ts';
import { freePort } from '../../testkit/ports.ts';
import { runNode } from './processes.ts';
import { startService } from './serviceProcess.ts';
import { tempDir } from './tempDir.ts';

/**
 * For a `describe` of flows through the bot in Microsoft 365 Agents Playground, driven in Chromium:
 * the service on a fresh store (the Playground user an admin, a Customer web role, the Contoso
 * account), the Playground against it, and one browser tab on its chat, shared by the tests.
 * Skips the tests loudly when there is no browser. After a failed test, prints the last cards and
 * both processes' output.
 */
export function usePlaygroundSession(setUp: (cli: (...args: string[]) => Promise<string>) => Promise<void> = async () => {}) {
  let browser: Browser | null = null;
  let dir: ReturnType<typeof tempDir> | null = null;
  const frames: string[] = [];
  const session = {} as {
    browser: Browser; service: Awaited<ReturnType<typeof startService>>; playground: Playground; tab: IsolatedContext;
    /** The admin CLI on the service's store. */
    cli(...args: string[]): Promise<string>;
  };

  before(async function () {
    browser = await launchBrowser();
    if (!browser) return this.skip();
    session.browser = browser;
    dir = tempDir();
    session.service = await startService({ DATA_DIR: dir.path, ADMIN_OBJECT_IDS: PLAYGROUND_USER.aadObjectId, LOG_LEVEL: 'warn' });
    session.cli = async (...args: string[]) => {
      const result = await runNode('bin/invite-desk.js', args, { DATA_DIR: dir!.path, PUBLIC_BASE_URL: session.service.url });
      assert.equal(result.code, 0, `invite-desk ${args.join(' ')}: ${result.stderr}`);
      return result.stdout;
    };
    await session.cli('roles', 'add', 'Customer');
    await session.cli('accounts', 'add', 'Contoso');
    await setUp(session.cli);
    session.playground = await startPlayground(`${session.service.url}/api/messages`, { port: await freePort() });
    session.tab = await openContext(browser, { viewport: { width: 1280, height: 900 } });
    // The Playground's UI gets the chat's activities over a WebSocket; their ids are nowhere in the DOM.
    session.tab.page.on('websocket', (socket) => socket.on('framereceived', ({ payload }) => { frames.push(String(payload)); }));
    await session.tab.page.goto(session.playground.url);
    await session.tab.page.getByRole('button', { name: 'Send Message' }).waitFor();
  });

  after(async () => {
    await session.tab?.context.close();
    await browser?.close();
    await session.playground?.stop();
    await session.service?.stop();
    dir?.remove();
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    const cards = await session.tab?.page.locator('.ac-adaptiveCard').allInnerTexts().catch(() => []) ?? [];
    console.error(`the last cards in the chat:\n${cards.slice(-3).join('\n---\n')}\nservice output:\n${session.service?.output()}\nplayground output:\n${session.playground?.output()}`);
  });

  return Object.assign(session, {
    /** The newest mail to `to` in the dev mailbox whose text matches, once it is there. */
    async waitForMail(to: string, pattern: RegExp, timeoutMs = 15_000): Promise<DevMail> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { items } = (await (await fetch(`${session.service.url}/dev/mail.json`)).json()) as { items: DevMail[] };
        const mail = items.find((item) => item.to === to && pattern.test(item.text));
        if (mail) return mail;
        if (Date.now() > deadline) assert.fail(`no mail to ${to} matching ${pattern}; the mailbox has ${JSON.stringify(items.map((item) => [item.to, item.subject]))}`);
        await sleep(100);
      }
    },

    /** The newest Adaptive Card in the chat containing `text` (matched against its textContent, which has no spaces between elements), once it is there. */
    async card(page: Page, text: string | RegExp, timeout = 15_000): Promise<Locator> {
      const found = page.locator('.ac-adaptiveCard', { hasText: text }).last();
      await found.waitFor({ timeout });
      return found;
    },

    /** The id (the Playground's messageId, in its createMessage frames) of the bot's activity in the chat whose attachments mention every one of `needles`. */
    activityIdWith(...needles: string[]): string | undefined {
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
    },

    /** The WebSocket frames the Playground's UI received, for a failure message. */
    frames,

    /**
     * The Playground's UI asks the Office CDN for its fonts and an animation script; the context blocks
     * those (as every non-loopback request). Anything else leaving loopback, or any dialog, is a failure.
     */
    assertOnlyPlaygroundAssetsBlocked(): void {
      assert.deepEqual(session.tab.blocked.filter((url) => new URL(url).hostname !== 'res-1.cdn.office.net'), [], 'requests to other hosts');
      assert.deepEqual(session.tab.dialogs, [], 'dialogs opened');
    },

    /** Picks `role` in the card's Web roles multi-select (in the Playground a Fluent UI combobox whose options, menuitemcheckbox elements, open in a popup menu). */
    async pickRole(page: Page, form: Locator, role: string): Promise<void> {
      const combobox = form.getByRole('combobox', { name: /Web roles/ });
      await combobox.click();
      const option = page.getByRole('menuitemcheckbox', { name: role, exact: true });
      await option.click();
      assert.equal(await option.getAttribute('aria-checked'), 'true');
      await page.keyboard.press('Escape');
      await page.getByRole('menu').waitFor({ state: 'hidden' });
    },
  });
}
