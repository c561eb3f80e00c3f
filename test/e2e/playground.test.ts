import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser } from 'playwright-core';
import { BOT_COMMANDS } from '../../src/domain/botCommands.ts';
import { launchBrowser, openContext, type IsolatedContext } from '../support/browser.ts';
import { portFree, startPlayground, PLAYGROUND_CONVERSATION_ID, PLAYGROUND_USER, type Playground, say } from '../support/playground.ts';
import { freePort } from '../../testkit/ports.ts';
import { REPO_ROOT } from '../../testkit/repoRoot.ts';
import { runNode } from '../support/processes.ts';
import { startService } from '../support/serviceProcess.ts';
import { tempDir } from '../support/tempDir.ts';

/** The picture of the bot in README.md and docs/bot.md; rewritten when missing or with UPDATE_SCREENSHOTS=true (it shows the clock). */
const SCREENSHOT = join(REPO_ROOT, 'docs/bot-playground.png');

describe('the bot in Microsoft 365 Agents Playground, driven through its web UI in Chromium', function () {
  this.timeout(60_000);
  let browser: Browser | null = null;
  let dir: ReturnType<typeof tempDir> | null = null;
  let service: Awaited<ReturnType<typeof startService>> | null = null;
  let playground: Playground | null = null;
  let tab: IsolatedContext | null = null;
  let invitation: { id: string; code: string };

  before(async function () {
    browser = await launchBrowser();
    if (!browser) return this.skip();
    dir = tempDir();
    service = await startService({ DATA_DIR: dir.path, ADMIN_OBJECT_IDS: PLAYGROUND_USER.aadObjectId });
    const cli = async (...args: string[]) => {
      const result = await runNode('bin/invite-desk.js', args, { DATA_DIR: dir!.path, PUBLIC_BASE_URL: service!.url });
      assert.equal(result.code, 0, result.stderr);
      return result.stdout;
    };
    await cli('accounts', 'add', 'Contoso Ltd');
    await cli('roles', 'add', 'Customer');
    await cli('contacts', 'add', '--first', 'Ada', '--last', 'Lovelace', '--email', 'ada@example.com');
    invitation = JSON.parse(await cli('--json', 'invite', 'create', '--contact', 'ada@example.com', '--account', 'Contoso Ltd', '--role', 'Customer', '--expires', '7d'));
    // Its own free port rather than 56150, so a Playground you have open (npm run playground) does not get in the way.
    playground = await startPlayground(`${service.url}/api/messages`, { port: await freePort() });
    tab = await openContext(browser, { viewport: { width: 1280, height: 800 } });
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

  it('answers help with the Adaptive Card of every command for the Playground user, an admin through ADMIN_OBJECT_IDS', async () => {
    const { page } = tab!;
    await say(page, 'help');
    const card = page.locator('.ac-adaptiveCard', { hasText: `Hello ${PLAYGROUND_USER.name}. Type one of these commands:` });
    await card.waitFor({ timeout: 15_000 });
    const text = await card.innerText();
    for (const command of BOT_COMMANDS) assert.ok(text.includes(command.description), `the help card lacks ${command.name}:\n${text}`);
    assert.ok(!text.includes('You are not set up to use Invite Desk yet'), text);
    await page.getByRole('button', { name: 'Toggle Log Panel' }).click();
    await page.mouse.move(700, 650);
    if (!existsSync(SCREENSHOT) || process.env.UPDATE_SCREENSHOTS === 'true') {
      mkdirSync(dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT });
    }
  });

  it('answers status <code> with the card of an invitation made with the CLI', async () => {
    const { page } = tab!;
    await say(page, `status ${invitation.code}`);
    const card = page.locator('.ac-adaptiveCard', { hasText: `••••-••••-••••-${invitation.code.slice(-4)}` });
    await card.waitFor({ timeout: 15_000 });
    const text = await card.innerText();
    for (const expected of [/Sent · single invitation/, /Requested by\s+the admin CLI/, /Redemptions\s+0 of 1/, /Company\s+Contoso Ltd/, /Roles\s+Customer/, new RegExp(`Code\\s+••••-••••-••••-${invitation.code.slice(-4)}`)]) {
      assert.match(text, expected);
    }
    assert.ok(!text.includes(invitation.code), 'the card shows the code unmasked');
    assert.deepEqual(tab!.dialogs, []);
  });
});

/** The cards the bot sent to the Playground, from the Playground's log (its activity log, as JSON lines). */
function cardsInPlaygroundLog(logFile: string): { body: { text?: string; facts?: { title: string; value: string }[] }[] }[] {
  if (!existsSync(logFile)) return [];
  return readFileSync(logFile, 'utf8').split('\n').flatMap((line) => {
    const json = line.indexOf('{');
    if (json < 0) return [];
    try {
      const entry = JSON.parse(line.slice(json)) as { log?: { from?: string; request?: { body?: { attachments?: { contentType: string; content: never }[] } } } };
      if (entry.log?.from !== 'User Application') return [];
      return (entry.log.request?.body?.attachments ?? []).filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a) => a.content);
    } catch {
      return [];
    }
  });
}

describe('npm run playground (scripts/playground.ts)', function () {
  this.timeout(60_000);

  it('starts the service and the Playground, makes the Playground user an admin, and stops both on SIGTERM', async () => {
    const dir = tempDir();
    const [servicePort, playgroundPort] = [await freePort(), await freePort()];
    const logFile = join(dir.path, 'playground.log');
    const child = spawn(process.execPath, ['scripts/playground.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATA_DIR: dir.path, PORT: String(servicePort), PUBLIC_BASE_URL: `http://127.0.0.1:${servicePort}`, LOG_LEVEL: 'warn', ADMIN_OBJECT_IDS: '',
        TEAMSAPPTESTER_PORT: String(playgroundPort), TEAMSAPPTESTER_BROWSER: 'none', M365_AGENTS_PLAYGROUND_LOGFILE: logFile },
    });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; });
    child.stderr.on('data', (chunk) => { output += chunk; });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      for (let i = 0; i < 300 && !output.includes('Ctrl-C stops both') && child.exitCode === null; i++) await sleep(100);
      assert.match(output, new RegExp(`ADMIN_OBJECT_IDS=${PLAYGROUND_USER.aadObjectId} for this run`), output);
      assert.match(output, new RegExp(`Open http://localhost:${playgroundPort} `), output);
      assert.equal((await fetch(`http://127.0.0.1:${servicePort}/readyz`)).status, 200);
      const playground = `http://127.0.0.1:${playgroundPort}`;
      assert.equal(await (await fetch(`${playground}/_debug/ping`)).text(), 'pong');
      const { config } = await (await fetch(`${playground}/_internal/v1/config`)).json() as { config: { currentUser: { aadObjectId: string } } };
      assert.equal(config.currentUser.aadObjectId, PLAYGROUND_USER.aadObjectId);

      // The Playground's HTTP API sends as its user; the bot's answer reaches the Playground (and its log).
      const sent = await fetch(`${playground}/_conversation/v1/conversations/${PLAYGROUND_CONVERSATION_ID}/messages`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from: { id: PLAYGROUND_USER.id }, text: 'help', textFormat: 'plain' }),
      });
      assert.equal(sent.status, 200, await sent.text());
      let cards = cardsInPlaygroundLog(logFile);
      for (let i = 0; i < 100 && !cards.length; i++) { await sleep(100); cards = cardsInPlaygroundLog(logFile); }
      const facts = cards[0]?.body.flatMap((element) => element.facts ?? []).map((fact) => fact.title) ?? [];
      assert.ok(facts.includes('staff'), `no admin help card in the Playground log:\n${JSON.stringify(cards)}\n${output}`);

      child.kill('SIGTERM');
      assert.equal(await exited, 0, output);
      assert.ok(await portFree(servicePort), 'the service still listens');
      assert.ok(await portFree(playgroundPort), 'the Playground still listens');
    } finally {
      if (child.exitCode === null) {
        child.kill('SIGTERM'); // the script stops the service and the Playground first
        if (await Promise.race([exited.then(() => false), sleep(15_000).then(() => true)])) { child.kill('SIGKILL'); await exited; }
      }
      dir.remove();
    }
  });
});
