import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { createSqliteStore } from '../../src/store/sqlite/index.ts';
import type { Store } from '../../src/store/port.ts';
import { createApp } from '../../web/app.ts';
import { launchBrowser, openContext } from '../support/browser.ts';
import { silentLogger } from '../support/mailTestbed.ts';
import { testServices } from '../support/services.ts';

describe('browser: the API docs page', function () {
  this.timeout(60_000);
  let browser: Browser | null;
  let store: Store;
  let server: Server;
  let base: string;
  before(async function () {
    browser = await launchBrowser();
    if (!browser) return this.skip();
    store = createSqliteStore(':memory:');
    const app = createApp({ store, services: testServices(store).services, logger: silentLogger, api: { entra: null, ratePerMinute: 100 } });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await browser?.close();
    server?.close();
    await store?.close();
  });

  it('renders every operation of the document under the site\'s Content Security Policy, loading nothing from elsewhere', async () => {
    const { context, page, blocked } = await openContext(browser!);
    const problems: string[] = [];
    page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${base}/api/v1/docs`);
    await page.locator('.swagger-ui .info .title').filter({ hasText: 'Invite Desk API' }).waitFor();
    await page.locator('.opblock').first().waitFor();
    const operations = await page.locator('.opblock').count();
    assert.ok(operations >= 30, `${operations} operations shown`);
    assert.deepEqual(problems, []);
    assert.deepEqual(blocked, []);
    await page.screenshot({ path: '/tmp/api-docs.png', fullPage: false });
    await context.close();
  });
});
