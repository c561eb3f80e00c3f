import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, type RunningServer } from '../../testkit/serverProcess.ts';
import { activity, ADMIN, TENANT } from '../support/botEndpoint.ts';
import { startConnector } from '../support/connector.ts';
import { loadedModules, moduleRecording, packagesOf } from '../support/loadedModules.ts';
import { tempDir } from '../support/tempDir.ts';

/**
 * What `npm start` loads before it is ready, counted by module, not timed: the libraries the bot
 * needs only for its first card (templating and the expression engine under it), the parts of
 * teams-ai it never uses (AI planner, OpenAI client, tokenizer), Handlebars (first page or mail), and
 * what only configured features use (Graph, API validation, Entra tokens, Microsoft sign-in) cost
 * start-up time and idle memory
 * (docs/performance.md, cold start). They load on first use.
 */
const LOADED_ON_FIRST_CARD = ['adaptivecards-templating', 'adaptive-expressions', 'antlr4ts', '@microsoft/recognizers-text-data-types-timex-expression'];
const NEVER_LOADED = ['gpt-tokenizer', 'openai'];
/** Loaded by the first page, mail or template check. */
const LOADED_ON_FIRST_RENDER = ['handlebars', 'source-map'];
/** Loaded by what uses them: a new password, an API request, and where configured, Graph, an Entra token, a Microsoft sign-in. */
const LOADED_BY_WHAT_USES_THEM = ['fxa-common-password-list', '@microsoft/microsoft-graph-client', '@azure/msal-common', 'ajv', 'ajv-formats', 'jose', 'openid-client'];
const TEAMS_AI_INDEX = /\/node_modules\/@microsoft\/teams-ai\/lib\/index\.js$/;

describe('start-up: what the service loads before it is ready', function () {
  this.timeout(60_000);
  const dir = tempDir();
  const list = join(dir.path, 'modules.txt');
  const recording = moduleRecording(list);
  let service: RunningServer | undefined;
  after(() => dir.remove());
  afterEach(async () => {
    await service?.stop();
    service = undefined;
  });

  const start = async (env: Record<string, string>) => {
    service = await startServer('bin/server.ts', { DATA_DIR: join(dir.path, 'data'), ADMIN_OBJECT_IDS: ADMIN, ALLOWED_TENANTS: TENANT, ...recording.env, ...env }, { nodeOptions: recording.nodeOptions });
    return service;
  };

  it('with the bot on: none of the bot\'s first-use libraries, teams-ai\'s index or what only configured features use; templating with the first card', async () => {
    const connector = await startConnector();
    try {
      const server = await start({});
      const atStart = await loadedModules(server, list);
      const packages = packagesOf(atStart);
      assert.ok(packages.has('botbuilder') && packages.has('express'), 'the recorder sees the libraries the service needs');
      assert.deepEqual([...LOADED_ON_FIRST_CARD, ...NEVER_LOADED, ...LOADED_ON_FIRST_RENDER, ...LOADED_BY_WHAT_USES_THEM].filter((name) => packages.has(name)), []);
      assert.deepEqual(atStart.filter((url) => TEAMS_AI_INDEX.test(url)), []);

      const sent = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity(connector.url, 'help')) });
      assert.equal(sent.status, 200);
      for (let i = 0; i < 100 && connector.replies.length < 1; i++) await sleep(50);
      const card = (connector.replies[0]?.attachments as { contentType: string }[] | undefined)?.[0];
      assert.equal(card?.contentType, 'application/vnd.microsoft.card.adaptive');
      const afterCard = packagesOf(await loadedModules(server, list));
      assert.deepEqual(LOADED_ON_FIRST_CARD.filter((name) => !afterCard.has(name)), [], 'the first card loads templating');
      assert.deepEqual(NEVER_LOADED.filter((name) => afterCard.has(name)), []);
    } finally {
      await connector.stop();
    }
  });

  it('with the bot off: neither botbuilder nor teams-ai; Handlebars with the first page', async () => {
    const server = await start({ BOT_ENABLED: 'false' });
    const packages = packagesOf(await loadedModules(server, list));
    assert.ok(packages.has('express'), 'the recorder sees the libraries the site needs');
    assert.deepEqual(['botbuilder', '@microsoft/teams-ai', 'botframework-connector', ...LOADED_ON_FIRST_CARD, ...LOADED_ON_FIRST_RENDER, ...LOADED_BY_WHAT_USES_THEM].filter((name) => packages.has(name)), []);

    const page = await fetch(`${server.url}/redeem`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<form/);
    const afterPage = packagesOf(await loadedModules(server, list));
    assert.deepEqual(LOADED_ON_FIRST_RENDER.filter((name) => !afterPage.has(name)), [], 'the first page loads Handlebars');
  });
});
