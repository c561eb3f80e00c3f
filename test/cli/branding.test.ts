import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { plainBranding } from '../../src/domain/branding.ts';
import { createCodeVault } from '../../src/domain/codeVault.ts';
import { serviceContext } from '../../src/services/context.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import type { Store } from '../../src/store/port.ts';
import { createSqliteStore } from '../../src/store/sqlite/index.ts';
import { runCliIn } from '../support/inProcessCli.ts';
import { testClock, TEST_CODE_SECRET } from '../support/services.ts';
import { tempDir } from '../support/tempDir.ts';

describe('admin CLI: branding', () => {
  let store: Store;
  let services: Services;
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
    writeFileSync(join(dir.path, 'northwind.png'), 'png');
    store = createSqliteStore(':memory:');
    services = createServices(serviceContext({
      store, clock: testClock(), vault: createCodeVault(TEST_CODE_SECRET),
      branding: { environment: plainBranding('Contoso'), fromEnvironment: ['organisationName'], rules: { production: false, logoHosts: ['localhost'] }, dataDir: dir.path },
    }));
  });
  afterEach(async () => {
    await store.close();
    dir.remove();
  });
  const cli = (...args: string[]) => runCliIn(services, args);

  it('shows each field, its effective value and where it comes from', async () => {
    const shown = await cli('branding', 'show');
    assert.equal(shown.exitCode, 0, shown.stderr);
    assert.deepEqual(shown.lines, [
      'name           Contoso  environment',
      'logo           (none)   default',
      'colour         #0b57a4  default',
      'support-email  (none)   default',
      'portal-url     (none)   default',
      'privacy-url    (none)   default',
      'terms-url      (none)   default',
    ]);
  });

  it('sets fields, shows them as stored, and clears them back to the environment\'s', async () => {
    const set = await cli('branding', 'set', '--name', 'Northwind', '--colour', '#7A1F5C', '--logo', 'northwind.png', '--support-email', 'help@northwind.example',
      '--portal-url', 'https://portal.northwind.example/', '--privacy-url', 'https://northwind.example/privacy', '--terms-url', 'https://northwind.example/terms');
    assert.equal(set.exitCode, 0, set.stderr);
    assert.equal(set.lines[0], 'name: (not stored) -> Northwind');
    assert.equal(set.lines[2], 'colour: (not stored) -> #7a1f5c');
    assert.match(set.stdout, /The site and mail show it within 30 s\.$/);

    const json = JSON.parse((await cli('--json', 'branding', 'show')).stdout) as { name: string; field: string; value: string; source: string; updatedBy: string }[];
    assert.deepEqual(json.map((f) => [f.name, f.field, f.value, f.source, f.updatedBy]), [
      ['name', 'organisationName', 'Northwind', 'stored', 'cli'], ['logo', 'logo', 'northwind.png', 'stored', 'cli'], ['colour', 'colour', '#7a1f5c', 'stored', 'cli'],
      ['support-email', 'supportEmail', 'help@northwind.example', 'stored', 'cli'], ['portal-url', 'portalUrl', 'https://portal.northwind.example/', 'stored', 'cli'],
      ['privacy-url', 'privacyUrl', 'https://northwind.example/privacy', 'stored', 'cli'], ['terms-url', 'termsUrl', 'https://northwind.example/terms', 'stored', 'cli'],
    ]);
    assert.match((await cli('branding', 'show')).lines[0]!, /^name {11}Northwind +stored \(by the admin CLI, 2026-06-01T12:00:00\.000Z\)$/);

    const unset = await cli('branding', 'unset', 'name', 'terms-url');
    assert.equal(unset.exitCode, 0, unset.stderr);
    assert.deepEqual(unset.lines.slice(0, 2), ['name: Northwind -> (not stored)', 'terms-url: https://northwind.example/terms -> (not stored)']);
    const shown = await cli('branding', 'show');
    assert.equal(shown.lines[0], 'name           Contoso                            environment');
    assert.match(shown.lines[6]!, /^terms-url +\(none\) +default$/);
    assert.equal((await cli('branding', 'unset', 'name')).stdout, 'nothing changed');
  });

  it('refuses a colour without contrast with the config\'s line and a non-zero exit code, storing nothing', async () => {
    const refused = await cli('branding', 'set', '--name', 'Northwind', '--colour', '#ffcc00');
    assert.equal(refused.exitCode, 1);
    assert.equal(refused.stderr, [
      'error: the input is not valid:',
      '  - --colour: #ffcc00 has a contrast of 1.51:1 with white; buttons (white text on it) and links need at least 4.5:1 (WCAG AA), so choose a darker shade (example: #0b57a4)',
    ].join('\n'));
    assert.deepEqual(await store.branding.get(), {});
  });

  it('says which field is wrong, by its option name', async () => {
    const refused = await cli('branding', 'set', '--support-email', 'help', '--logo', 'missing.png');
    assert.equal(refused.exitCode, 1);
    assert.match(refused.stderr, /--logo: there is no file missing\.png in DATA_DIR/);
    assert.match(refused.stderr, /--support-email: must be an e-mail address/);
    const nothing = await cli('branding', 'set');
    assert.equal(nothing.exitCode, 1);
    assert.match(nothing.stderr, /give at least one of --name, --logo, --colour, --support-email, --portal-url, --privacy-url, --terms-url/);
    const unknown = await cli('branding', 'unset', 'font');
    assert.equal(unknown.exitCode, 1);
    assert.match(unknown.stderr, /font: is not a branding field \(one of name, logo, colour, support-email, portal-url, privacy-url, terms-url\)/);
  });
});
