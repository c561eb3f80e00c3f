import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { buildAppPackage } from '../../scripts/teamsApp/appPackage.ts';
import { checkIcon } from '../../scripts/teamsApp/iconChecks.ts';
import { drawColorIcon, drawOutlineIcon } from '../../scripts/teamsApp/iconArt.ts';
import { tempDir } from '../support/tempDir.ts';

const SOURCE = fileURLToPath(new URL('../../appPackage/', import.meta.url));
const ENV = {
  BOT_ID: '8f2e7c4a-1b3d-4e5f-9a8b-7c6d5e4f3a2b', PUBLIC_BASE_URL: 'https://invites.contoso.com',
  PRIVACY_URL: 'https://invites.contoso.com/privacy', TERMS_URL: 'https://invites.contoso.com/terms',
};

describe('Teams app package', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir('invite-desk-app-source-');
    for (const name of ['manifest.json', 'da.json', 'color.png', 'outline.png']) copyFileSync(join(SOURCE, name), join(dir.path, name));
  });
  afterEach(() => dir.remove());

  const editManifest = (edit: (manifest: Record<string, any>) => void): void => {
    const manifest = JSON.parse(readFileSync(join(dir.path, 'manifest.json'), 'utf8'));
    edit(manifest);
    writeFileSync(join(dir.path, 'manifest.json'), JSON.stringify(manifest));
  };
  const problemsOf = async (env: Record<string, string> = ENV): Promise<string[]> => {
    const result = await buildAppPackage(dir.path, env);
    assert.equal(result.ok, false, 'expected the build to fail');
    return result.ok ? [] : result.problems;
  };

  it('builds from the committed sources', async () => {
    const result = await buildAppPackage(SOURCE, ENV);
    assert.ok(result.ok, result.ok ? '' : result.problems.join('\n'));
    assert.deepEqual(result.warnings, []);
  });

  it('warns when the privacy and terms links fall back to pages Invite Desk does not serve', async () => {
    const result = await buildAppPackage(SOURCE, { BOT_ID: ENV.BOT_ID, PUBLIC_BASE_URL: ENV.PUBLIC_BASE_URL });
    assert.deepEqual(result.warnings.map((w) => w.split(':')[0]), ['PRIVACY_URL', 'TERMS_URL']);
  });

  it('fills placeholders of its own from the environment, and names each one left without a value', async () => {
    editManifest((manifest) => { manifest.developer.name = '${{DEVELOPER_NAME}}'; manifest.name.short = '${{ SHORT_NAME }}'; });
    assert.deepEqual(await problemsOf(), [
      'manifest.json: placeholder ${{DEVELOPER_NAME}} has no value (set DEVELOPER_NAME in the environment or .env)',
      'manifest.json: placeholder ${{SHORT_NAME}} has no value (set SHORT_NAME in the environment or .env)',
    ]);
    const result = await buildAppPackage(dir.path, { ...ENV, DEVELOPER_NAME: 'Contoso', SHORT_NAME: 'Contoso Invites' });
    assert.ok(result.ok);
    assert.deepEqual([(result.manifest.developer as { name: string }).name, (result.manifest.name as { short: string }).short], ['Contoso', 'Contoso Invites']);
  });

  it('reports a malformed placeholder instead of shipping it', async () => {
    editManifest((manifest) => { manifest.developer.websiteUrl = '${{PUBLIC_BASE_URL}/home'; });
    assert.deepEqual(await problemsOf(), ['manifest.json: malformed placeholder in "${{PUBLIC_BASE_URL}/home" (write ${{NAME}})']);
  });

  it('localizes the app in Danish: localizationInfo, and da.json with the Danish name, descriptions and the bot\'s command descriptions', async () => {
    const result = await buildAppPackage(SOURCE, ENV);
    assert.ok(result.ok, result.ok ? '' : result.problems.join('\n'));
    assert.deepEqual(result.manifest.localizationInfo, { defaultLanguageTag: 'en-us', additionalLanguages: [{ languageTag: 'da', file: 'da.json' }] });
    const { unzipSync, strFromU8 } = await import('fflate');
    const da = JSON.parse(strFromU8(unzipSync(result.zip)['da.json']!)) as Record<string, string>;
    assert.match(da.$schema!, /MicrosoftTeams\.Localization\.schema\.json$/);
    assert.equal(da['description.short'], 'Inviter kunder til jeres portal, og hold styr på deres invitationer');
    assert.equal(da['name.full'], 'Invite Desk: invitationer til kundeportalen');
    const commands = (result.manifest.bots as { commandLists: { commands: { title: string }[] }[] }[])[0]!.commandLists[0]!.commands;
    assert.equal(da['bots[0].commandLists[0].commands[1].title'], commands[1]!.title);
    assert.equal(da['bots[0].commandLists[0].commands[1].description'], 'Inviter én kunde til portalen');
    assert.equal(Object.keys(da).filter((key) => key.startsWith('bots[0]') && key.endsWith('.description')).length, commands.length);
    assert.equal(da['composeExtensions[0].commands[0].title'], 'Find invitation');
  });

  it('checks the localization file against its own schema, and that it is there', async () => {
    writeFileSync(join(dir.path, 'da.json'), JSON.stringify({ ...JSON.parse(readFileSync(join(SOURCE, 'da.json'), 'utf8')), 'description.short': 'x'.repeat(81), 'bots[0].tabs': 'no' }));
    const problems = await problemsOf();
    assert.ok(problems.some((line) => line.startsWith('da.json: /description.short must NOT have more than 80 characters')), problems.join('\n'));
    assert.ok(problems.some((line) => line.startsWith('da.json: ') && line.includes('must NOT have additional properties')), problems.join('\n'));
    editManifest((manifest) => { manifest.localizationInfo.additionalLanguages[0].file = 'missing.json'; });
    assert.ok((await problemsOf()).some((line) => line.startsWith('missing.json: cannot be read as JSON')));
  });

  it('reports what the JSON schema rejects, one line each', async () => {
    editManifest((manifest) => {
      manifest.accentColor = 'blue';
      manifest.description.short = 'x'.repeat(81);
      manifest.bots[0].scopes.push('everywhere');
    });
    const problems = await problemsOf();
    assert.ok(problems.some((line) => line.startsWith('manifest.json: /accentColor must match pattern')), problems.join('\n'));
    assert.ok(problems.some((line) => line.startsWith('manifest.json: /description/short must NOT have more than 80 characters')), problems.join('\n'));
    assert.ok(problems.some((line) => line.startsWith('manifest.json: /bots/0/scopes/3 must be equal to one of the allowed values')), problems.join('\n'));
    assert.ok(problems.every((line) => !line.includes('\n')));
  });

  it('validates offline only: a schema that is not bundled is refused', async () => {
    editManifest((manifest) => { manifest.$schema = 'https://example.com/teams/v9.9/MicrosoftTeams.schema.json'; });
    const [problem, ...rest] = await problemsOf();
    assert.match(problem!, /^manifest\.json: \$schema: must name a Teams manifest schema bundled with @microsoft\/app-manifest/);
    assert.deepEqual(rest, []);
  });

  it('checks the icons: sizes, white-on-transparent outline, presence', async () => {
    const black = new PNG({ width: 32, height: 32 });
    black.data.fill(0);
    for (let offset = 3; offset < black.data.length; offset += 4) black.data[offset] = 255;
    writeFileSync(join(dir.path, 'outline.png'), PNG.sync.write(black));
    copyFileSync(join(SOURCE, 'outline.png'), join(dir.path, 'color.png'));
    assert.deepEqual(await problemsOf(), [
      'color.png: must be 192x192 pixels, is 32x32',
      'outline.png: must be white on transparent only; 1024 visible pixel(s) are not white',
    ]);
    editManifest((manifest) => { manifest.icons.color = 'missing.png'; manifest.icons.outline = '../outline.png'; });
    const problems = await problemsOf();
    assert.match(problems[0]!, /^missing\.png: not found in /);
    assert.equal(problems[1], 'manifest.json: icons.outline must name a file next to manifest.json (example: outline.png)');
  });

  it('commits icons that pass the checks and match their generator (npx node scripts/makeIcons.ts)', () => {
    for (const [kind, drawn] of [['color', drawColorIcon()], ['outline', drawOutlineIcon()]] as const) {
      const bytes = readFileSync(join(SOURCE, `${kind}.png`));
      assert.deepEqual(checkIcon(kind, `${kind}.png`, bytes), []);
      assert.ok(PNG.sync.read(bytes).data.equals(drawn.data), `appPackage/${kind}.png differs from scripts/teamsApp/iconArt.ts: run scripts/makeIcons.ts`);
    }
  });
});
