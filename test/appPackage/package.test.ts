import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import { strFromU8, unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { FIND_INVITATION_COMMAND } from '../../bot/handlers/findInvitation.ts';
import { runNode } from '../support/processes.ts';
import { tempDir } from '../support/tempDir.ts';

const BOT_ID = '8f2e7c4a-1b3d-4e5f-9a8b-7c6d5e4f3a2b';
// Blank wins over a developer's .env (dotenv never overrides a variable that is set), and blank counts as unset.
const CLEAN_ENV = { BOT_ID: '', TEAMS_APP_ID: '', PUBLIC_BASE_URL: '', PRIVACY_URL: '', TERMS_URL: '' };
/** Teams' command menu holds at most 10 per scope: the admin commands are in help only. */
const COMMANDS = ['help', 'invite', 'invite group', 'invite many', 'status', 'list', 'approvals', 'resend', 'extend', 'revoke'];

type Manifest = {
  id: string; developer: Record<string, string>; icons: { color: string; outline: string }; validDomains: string[];
  webApplicationInfo: { id: string; resource: string };
  composeExtensions: Array<{ botId: string; commands: Array<{ id: string; type: string; title: string; initialRun: boolean; context: string[]; parameters: Array<{ name: string }> }> }>;
  bots: Array<{ botId: string; scopes: string[]; commandLists: Array<{ scopes: string[]; commands: Array<{ title: string; description: string }> }> }>;
};

describe('npm run package (scripts/packageApp.ts)', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => { dir = tempDir('invite-desk-app-package-'); });
  afterEach(() => dir.remove());

  it('builds a zip with the filled manifest and both icons at its root', async () => {
    const out = join(dir.path, 'appPackage.zip');
    const run = await runNode('scripts/packageApp.ts', ['--out', out], {
      ...CLEAN_ENV, BOT_ID, PUBLIC_BASE_URL: 'https://invites.contoso.com/', PRIVACY_URL: 'https://invites.contoso.com/privacy', TERMS_URL: 'https://invites.contoso.com/terms',
    });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /appPackage\.zip/);
    assert.equal(run.stderr, '');

    const entries = unzipSync(readFileSync(out));
    assert.deepEqual(Object.keys(entries).sort(), ['color.png', 'da.json', 'manifest.json', 'outline.png']);
    const text = strFromU8(entries['manifest.json']!);
    assert.ok(!text.includes('${{'), 'no placeholder left');
    const manifest = JSON.parse(text) as Manifest;
    assert.equal(manifest.id, BOT_ID);
    assert.equal(manifest.bots[0]!.botId, BOT_ID);
    assert.deepEqual(manifest.developer, {
      name: 'Invite Desk', websiteUrl: 'https://invites.contoso.com',
      privacyUrl: 'https://invites.contoso.com/privacy', termsOfUseUrl: 'https://invites.contoso.com/terms',
    });
    assert.deepEqual(manifest.validDomains, ['invites.contoso.com']);
    assert.deepEqual(manifest.webApplicationInfo, { id: BOT_ID, resource: `api://botid-${BOT_ID}` }, 'the Entra app behind the bot, for installing the app for staff through Graph');
    assert.deepEqual(manifest.composeExtensions.map((extension) => [extension.botId, extension.commands.map((c) => [c.id, c.type, c.title, c.initialRun, c.parameters.map((p) => p.name)])]), [
      [BOT_ID, [[FIND_INVITATION_COMMAND, 'query', 'Find invitation', true, ['query']]]],
    ], 'the search the bot answers (bot/handlers/findInvitation.ts)');
    assert.deepEqual(await AppManifestUtils.validateAgainstSchema(JSON.parse(text) as AppManifest), []);

    const personal = manifest.bots[0]!.commandLists.find((list) => list.scopes.includes('personal'));
    assert.deepEqual(personal?.commands.map((command) => command.title), COMMANDS);
    assert.equal((manifest.bots[0] as { supportsFiles?: boolean }).supportsFiles, true, 'staff can send the bot a CSV file in personal chat');
    for (const command of personal.commands) assert.ok(command.description.length > 0 && command.description.length <= 128, command.title);

    const color = PNG.sync.read(Buffer.from(entries[manifest.icons.color]!));
    const outline = PNG.sync.read(Buffer.from(entries[manifest.icons.outline]!));
    assert.deepEqual([color.width, color.height, outline.width, outline.height], [192, 192, 32, 32]);
  });

  it('uses TEAMS_APP_ID for the app id when given, and the local address by default', async () => {
    const out = join(dir.path, 'appPackage.zip');
    const teamsAppId = '1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
    const run = await runNode('scripts/packageApp.ts', ['--out', out], { ...CLEAN_ENV, BOT_ID: BOT_ID.toUpperCase(), TEAMS_APP_ID: teamsAppId });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /^warning: PUBLIC_BASE_URL: http:\/\/localhost:3978 is not https/);
    const manifest = JSON.parse(strFromU8(unzipSync(readFileSync(out))['manifest.json']!)) as Manifest;
    assert.equal(manifest.id, teamsAppId);
    assert.equal(manifest.bots[0]!.botId, BOT_ID);
    assert.equal(manifest.webApplicationInfo.id, BOT_ID);
    assert.deepEqual(manifest.validDomains, ['localhost:3978']);
  });

  it('refuses without BOT_ID, saying what to set, and writes nothing', async () => {
    const out = join(dir.path, 'appPackage.zip');
    const run = await runNode('scripts/packageApp.ts', ['--out', out], CLEAN_ENV);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^BOT_ID: is required: the Microsoft App ID of the bot's Azure Bot resource \(example: [0-9a-f-]{36}\)$/m);
    assert.ok(!existsSync(out));
  });

  it('refuses a BOT_ID that is not a GUID and a PUBLIC_BASE_URL that is not http(s), one line each', async () => {
    const out = join(dir.path, 'appPackage.zip');
    const run = await runNode('scripts/packageApp.ts', ['--out', out], { ...CLEAN_ENV, BOT_ID: 'not-a-guid', PUBLIC_BASE_URL: 'ftp://files.contoso.com' });
    assert.equal(run.code, 1);
    const lines = run.stderr.trim().split('\n');
    assert.deepEqual(lines.map((line) => line.split(':')[0]), ['BOT_ID', 'PUBLIC_BASE_URL', 'Teams app package not built']);
    assert.match(lines[0]!, /must be a GUID/);
    assert.ok(!existsSync(out));
  });
});
