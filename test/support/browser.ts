import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Result as AxeResult } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

/**
 * Chromium for the browser tests, driven by playwright-core: the system's /usr/bin/chromium (never
 * a downloaded one), contexts that reach nothing but loopback, and an axe-core check.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

let warnedMissing = false;

/** The browser, or null after one loud line when there is none; under CI=true a missing browser is an error. */
export async function launchBrowser(executablePath = CHROMIUM_PATH): Promise<Browser | null> {
  if (!existsSync(executablePath)) {
    const message = `Browser tests SKIPPED: no Chromium at ${executablePath} (apt-get install chromium; never \`npx playwright install\`)`;
    if (process.env.CI === 'true') throw new Error(`${message.replace('SKIPPED', 'cannot run')}; CI requires them.`);
    if (!warnedMissing) process.stderr.write(`\n!!! ${message} !!!\n\n`);
    warnedMissing = true;
    return null;
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

export type IsolatedContext = { context: BrowserContext; page: Page; blocked: string[]; dialogs: string[] };

let nextClientAddress = 1;

/**
 * A fresh context (its own cookies) with one page. Every request to a host other than 127.0.0.1 or
 * localhost is aborted and listed in `blocked`; every dialog (alert, confirm…) is dismissed and
 * listed in `dialogs`.
 *
 * Each context presents its own client address in X-Forwarded-For, which the site trusts from
 * loopback: the site limits code checks and sign-ins per address, and one address per simulated
 * visitor keeps those limits as they would be for real visitors instead of adding up over a file.
 */
export async function openContext(browser: Browser, options: BrowserContextOptions = {}): Promise<IsolatedContext> {
  const clientAddress = `198.51.100.${nextClientAddress++ % 250 + 1}`;
  const context = await browser.newContext({
    ...options,
    extraHTTPHeaders: { 'X-Forwarded-For': clientAddress, ...options.extraHTTPHeaders },
  });
  const blocked: string[] = [];
  const dialogs: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (isLoopback(url)) return route.continue();
    blocked.push(url.href);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  return { context, page, blocked, dialogs };
}

function isLoopback(url: URL): boolean {
  if (url.protocol === 'data:' || url.protocol === 'about:' || url.protocol === 'blob:') return true;
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SEVERE = new Set(['serious', 'critical']);

type AxeWindow = { axe?: { run(context: unknown, options: unknown): Promise<{ violations: AxeResult[] }> }; document: unknown };

/**
 * axe-core's serious and critical violations on the page as it is now. axe is evaluated through the
 * DevTools protocol, which the site's CSP (no inline scripts) does not apply to.
 */
export async function axeViolations(page: Page): Promise<AxeResult[]> {
  const loaded = await page.evaluate(() => Boolean((globalThis as unknown as AxeWindow).axe));
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const window = globalThis as unknown as AxeWindow;
    const result = await window.axe!.run(window.document, { resultTypes: ['violations'] });
    return result.violations.map(({ id, impact, help, helpUrl, nodes }) => ({
      id, impact, help, helpUrl, nodes: nodes.map(({ target, html, failureSummary }) => ({ target, html, failureSummary })),
    }));
  });
  return (violations as AxeResult[]).filter((violation) => SEVERE.has(violation.impact ?? ''));
}

/** Fails with a readable list when axe finds a serious or critical violation on the page. */
export async function assertAccessible(page: Page, what: string): Promise<void> {
  const violations = await axeViolations(page);
  if (!violations.length) return;
  const lines = violations.flatMap((violation) => [
    `- ${violation.id} (${violation.impact}): ${violation.help} <${violation.helpUrl}>`,
    ...violation.nodes.map((node) => `    at ${node.target.join(' ')}: ${node.html}\n      ${(node.failureSummary ?? '').replace(/\n/g, '\n      ')}`),
  ]);
  throw new Error(`axe found ${violations.length} serious or critical violation(s) on ${what} (${page.url()}):\n${lines.join('\n')}`);
}
