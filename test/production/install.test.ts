import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../../testkit/repoRoot.ts';
import { startServer, type RunningServer } from '../../testkit/serverProcess.ts';
import { CookieJar } from '../reliability/support/cookieJar.ts';
import { activity } from '../support/botEndpoint.ts';
import { startFakeGraph, type FakeGraph } from '../support/fakeGraph.ts';
import { tempDir } from '../support/tempDir.ts';
import { dockerfileSteps, dotenvBlock, installLikeTheImage, npmEnvironment } from './productionInstall.ts';

const run = promisify(execFile);

const PUBLIC_BASE_URL = 'https://invites.contoso.test';
const PASSWORD = 'correct horse battery staple';

/** A value for each setting docs/deploy.md names, as an operator would give it (Graph is the local stand-in). */
function productionSettings(graph: FakeGraph, dataDir: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    PUBLIC_BASE_URL,
    TRUST_PROXY: '1',
    CODE_SECRET: randomBytes(48).toString('base64'),
    ORGANISATION_NAME: 'Contoso',
    BOT_ID: '0b5e0a5e-3333-4c1e-9e3a-3f0c2a1d5e77',
    BOT_PASSWORD: 'not-a-real-bot-secret',
    BOT_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    ADMIN_OBJECT_IDS: '6b1c1e0a-2f1d-4c5e-9a7b-1234567890ab',
    GRAPH_TENANT_ID: graph.tenantId,
    GRAPH_CLIENT_ID: graph.clientId,
    GRAPH_CLIENT_SECRET: graph.clientSecret,
    MAIL_SENDER: 'invitations@contoso.com',
    DATA_DIR: dataDir,
  };
}

describe('production install: what the Dockerfile does', function () {
  // npm ci from the cache takes about half a minute on a busy machine; the rest a few seconds.
  this.timeout(180_000);

  const dir = tempDir('invite-desk-production-');
  const app = join(dir.path, 'app');
  const image = dockerfileSteps(readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8'));
  let graph: FakeGraph;
  let env: Record<string, string>;

  before(async () => {
    await installLikeTheImage(app);
    graph = await startFakeGraph();
    const named = Object.keys(dotenvBlock(readFileSync(join(REPO_ROOT, 'docs/deploy.md'), 'utf8')));
    const values = productionSettings(graph, join(dir.path, 'data'));
    const unknown = named.filter((name) => !(name in values));
    assert.deepEqual(unknown, [], 'docs/deploy.md names settings this test gives no value');
    env = {
      ...image.env,
      ...Object.fromEntries(named.map((name) => [name, values[name]!])),
      // The volume.
      DATA_DIR: values.DATA_DIR!,
      // The local stand-in for Graph and its token authority, instead of Microsoft's.
      GRAPH_BASE_URL: graph.url, GRAPH_AUTHORITY_HOST: graph.authorityHost,
      MONGODB_URI: '', LOG_LEVEL: 'info',
      NODE_EXTRA_CA_CERTS: join(REPO_ROOT, 'test/fixtures/tls/localhost-test-only.pem'),
    };
  });
  after(async () => {
    await graph?.stop();
    dir.remove();
  });

  const cli = async (...args: string[]) => {
    const { stdout } = await run(process.execPath, ['bin/invite-desk.js', '--json', ...args], { cwd: app, env: { ...process.env, ...env } });
    return JSON.parse(stdout) as Record<string, unknown>;
  };

  it('is built by a Dockerfile that installs production dependencies only, runs as a user of its own, checks /readyz and keeps DATA_DIR in a volume', () => {
    assert.ok(image.install.includes('--omit=dev') && image.install[0] === 'ci', image.install.join(' '));
    assert.ok(image.user && image.user !== 'root' && image.user !== '0', `USER ${image.user}`);
    assert.ok(image.healthcheck?.join(' ').includes('/readyz'), 'HEALTHCHECK asks /readyz');
    assert.equal(image.env.NODE_ENV, 'production');
    assert.equal(image.volume, image.env.DATA_DIR);
    assert.deepEqual(image.command, ['node', 'bin/server.ts']);
  });

  it('copies only the runtime files and installs no dev dependency', () => {
    assert.ok(existsSync(join(app, 'bin/server.ts')) && existsSync(join(app, 'src/mail/templates/invitation/en.html.hbs')));
    assert.equal(existsSync(join(app, 'test')) || existsSync(join(app, 'docs')) || existsSync(join(app, '.env.sample')), false);
    const lock = JSON.parse(readFileSync(join(app, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    const devOnly = Object.entries(lock.packages).filter(([path, entry]) => path && entry.dev).map(([path]) => path);
    assert.ok(devOnly.includes('node_modules/typescript') && devOnly.includes('node_modules/mocha'));
    assert.deepEqual(devOnly.filter((path) => existsSync(join(app, path))), []);
    // No `node` of the npm package (its install script did not run): the base image's Node runs everything.
    assert.equal(existsSync(join(app, 'node_modules/.bin/node')), false);
  });

  it('loads every module of src, web and bot on Node alone (type stripping, production dependencies)', async () => {
    const modules = ['src', 'web', 'bot'].flatMap((folder) => readdirSync(join(app, folder), { recursive: true, encoding: 'utf8' }).map((file) => `${folder}/${file}`))
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && file !== 'src/cli/main.ts');
    assert.ok(modules.length > 100, `only ${modules.length} modules found`);
    const script = `for (const file of ${JSON.stringify(modules)}) await import('./' + file).catch((error) => { console.error(file + ': ' + error.message); process.exitCode = 1; });`;
    const result = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: app, env: { ...process.env, ...env } }).catch((error: { stderr: string }) => error);
    assert.equal(result.stderr, '');
  });

  it('starts with NODE_ENV=production and the settings docs/deploy.md names, mails and redeems an invitation through the site, and stops on SIGTERM', async () => {
    let server: RunningServer | undefined;
    try {
      server = await startServer(image.command.at(-1)!, env, { cwd: app, nodeOptions: image.command.slice(1, -1) });
      const ready = await fetch(`${server.url}/readyz`);
      assert.deepEqual([ready.status, await ready.json()], [200, { status: 'ready', store: 'sqlite' }]);
      const [healthNode, ...healthArgs] = image.healthcheck!;
      assert.equal(healthNode, 'node');
      await run(process.execPath, healthArgs, { cwd: app, env: { ...process.env, PORT: String(server.port) } });
      const bot = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity('https://smba.trafficmanager.net/teams/', 'help')) });
      assert.equal(bot.status, 401, 'the bot refuses an activity without a Bot Framework token');

      await cli('contacts', 'add', '--first', 'Ada', '--last', 'Lovelace', '--email', 'ada@example.com');
      const invitation = await cli('invite', 'create', '--contact', 'ada@example.com', '--name', 'Spring partners');
      const link = await mailedLink(graph);
      assert.equal(link.origin, PUBLIC_BASE_URL);

      // The platform's proxy ends TLS and says so; the site then sets its Secure cookies.
      const site = siteVisitor(server.url, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' });
      const summary = await site.get(`${link.pathname}${link.search}`);
      assert.equal(summary.status, 200);
      assert.match(summary.text, /ada@example\.com/);
      const accepted = await site.post('/redeem/register', { code: link.searchParams.get('code')!, password: PASSWORD, confirm: PASSWORD });
      assert.deepEqual([accepted.status, accepted.location], [303, '/profile?welcome=1']);
      const profile = await site.get('/profile?welcome=1');
      assert.equal(profile.status, 200);
      assert.match(profile.text, /Ada/);
      assert.equal((await cli('invite', 'show', String(invitation.id))).status, 'redeemed');

      assert.equal(await server.stop('SIGTERM'), 0, server.output());
      const lines = server.output().trim().split('\n').map((line) => JSON.parse(line) as { level: number; msg: string });
      assert.deepEqual(lines.filter((line) => line.level >= 50), [], 'no errors logged');
      assert.deepEqual(lines.slice(-2).map((line) => line.msg), ['shutting down', 'stopped']);
    } finally {
      server?.child.kill('SIGKILL');
    }
  });

  it('answers `npm start` with the base image\'s Node: the settings are checked', async () => {
    const path = `${dirname(process.execPath)}:${process.env.PATH ?? ''}`;
    const result = await run('npm', ['start'], { cwd: app, env: { ...npmEnvironment(), PATH: path, NODE_ENV: 'production', PORT: '0', DATA_DIR: join(dir.path, 'data') } })
      .then(() => null, (error: { code: number; stderr: string }) => error);
    assert.equal(result?.code, 1);
    assert.match(result.stderr, /^Invalid configuration:\n {2}- CODE_SECRET: is required when NODE_ENV=production/m);
  });
});

/** The redeem link of the first mail Graph accepted (waiting for the job worker to send it). */
async function mailedLink(graph: FakeGraph): Promise<URL> {
  for (let i = 0; i < 300 && graph.sent.length === 0; i++) await sleep(100);
  const mail = graph.sent[0];
  assert.ok(mail, 'no mail reached Graph');
  const hrefs = [...(mail.message.body?.content ?? '').matchAll(/href="([^"]+)"/g)]
    .map((match) => match[1]!.replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16))).replace(/&amp;/g, '&'));
  const link = hrefs.find((href) => /\/redeem\?code=/.test(href));
  assert.ok(link, `the mail has no redeem link: ${hrefs.join(' ')}`);
  return new URL(link);
}

/** A browser on the site: keeps its cookies and the CSRF token of the last page. */
function siteVisitor(base: string, headers: Record<string, string>) {
  const jar = new CookieJar();
  let csrf = '';
  const send = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${base}${path}`, { ...init, redirect: 'manual', headers: { ...headers, cookie: jar.header(), ...init.headers } });
    jar.take(res);
    const text = await res.text();
    csrf = /name="_csrf" value="([^"]+)"/.exec(text)?.[1] ?? csrf;
    return { status: res.status, location: res.headers.get('location'), text };
  };
  return {
    get: (path: string) => send(path),
    post: (path: string, form: Record<string, string>) => send(path, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: csrf, ...form }).toString(),
    }),
  };
}
