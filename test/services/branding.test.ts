import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { plainBranding } from '../../src/domain/branding.ts';
import { createCodeVault } from '../../src/domain/codeVault.ts';
import type { ValidationError } from '../../src/domain/errors.ts';
import type { BrandingPolicy } from '../../src/domain/brandingLayers.ts';
import { BRANDING_REFRESH_MS } from '../../src/services/branding.ts';
import { serviceContext } from '../../src/services/context.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import type { Store } from '../../src/store/port.ts';
import { createSqliteStore } from '../../src/store/sqlite/index.ts';
import { tempDir } from '../support/tempDir.ts';
import { testClock, TEST_CODE_SECRET, type TestClock } from '../support/services.ts';

const ENVIRONMENT = { ...plainBranding('Contoso'), supportEmail: 'help@contoso.com' };

describe('services: the organisation\'s branding, stored by admins over the environment\'s', () => {
  let store: Store;
  let clock: TestClock;
  let services: Services;
  let dir: ReturnType<typeof tempDir>;
  let policy: BrandingPolicy;
  const servicesOver = (over: Store) => createServices(serviceContext({ store: over, clock, vault: createCodeVault(TEST_CODE_SECRET), branding: policy }));

  beforeEach(() => {
    dir = tempDir();
    writeFileSync(join(dir.path, 'northwind.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    policy = {
      environment: ENVIRONMENT, fromEnvironment: ['organisationName', 'supportEmail'],
      rules: { production: false, logoHosts: ['invites.contoso.com', 'cdn.contoso.com'] }, dataDir: dir.path,
    };
    store = createSqliteStore(':memory:');
    clock = testClock();
    services = servicesOver(store);
  });
  afterEach(async () => {
    await store.close();
    dir.remove();
  });

  const sources = async () => Object.fromEntries((await services.branding.show('cli')).map((f) => [f.field, `${f.source}:${f.value}`]));
  const trail = async () => (await store.audit.list({ action: 'branding.*' }, { limit: 10 })).items;
  const problems = (error: unknown) => (error as ValidationError).problems.map((p) => `${p.field}: ${p.message}`);

  it('shows each field with its effective value and where it comes from', async () => {
    assert.deepEqual(await sources(), {
      organisationName: 'environment:Contoso', logo: 'default:null', colour: 'default:#0b57a4', supportEmail: 'environment:help@contoso.com',
      portalUrl: 'default:null', privacyUrl: 'default:null', termsUrl: 'default:null',
    });
  });

  it('stores what an admin sets, checked, over the environment, and audits only what changed', async () => {
    const changes = await services.branding.set('cli', { organisationName: ' Northwind ', colour: '#7A1F5C', logo: 'northwind.svg', portalUrl: 'https://portal.northwind.example/' });
    assert.deepEqual(Object.keys(changes), ['organisationName', 'logo', 'colour', 'portalUrl']);
    const shown = await services.branding.show('cli');
    assert.deepEqual(shown.find((f) => f.field === 'colour'), { field: 'colour', value: '#7a1f5c', source: 'stored', updatedBy: 'cli', updatedAt: clock(), updatedByName: 'the admin CLI' });
    assert.deepEqual(await services.branding.current(), {
      ...ENVIRONMENT, organisationName: 'Northwind', colour: '#7a1f5c', logo: { file: 'northwind.svg' }, portalUrl: 'https://portal.northwind.example/',
    });

    clock.advance(1000);
    await services.branding.set('cli', { colour: '#7a1f5c', supportEmail: 'care@northwind.example' });
    const [latest, first] = await trail();
    assert.equal(latest!.actor, 'cli');
    assert.equal(latest!.subjectId, 'branding');
    assert.deepEqual(latest!.detail, { changes: { supportEmail: { before: null, after: 'care@northwind.example' } } }, 'the colour was already so: not a change');
    assert.deepEqual(first!.detail.changes, {
      organisationName: { before: null, after: 'Northwind' }, logo: { before: null, after: 'northwind.svg' },
      colour: { before: null, after: '#7a1f5c' }, portalUrl: { before: null, after: 'https://portal.northwind.example/' },
    });
    assert.deepEqual(await services.branding.set('cli', { colour: '#7a1f5c' }), {}, 'nothing new: nothing written');
    assert.equal((await trail()).length, 2);
  });

  it('clears a field back to the environment\'s value, audited', async () => {
    await services.branding.set('cli', { organisationName: 'Northwind', colour: '#7a1f5c' });
    clock.advance(1000);
    assert.deepEqual(await services.branding.unset('cli', ['organisationName', 'termsUrl']), { organisationName: { before: 'Northwind', after: null } });
    assert.equal((await sources()).organisationName, 'environment:Contoso');
    assert.equal((await services.branding.current()).organisationName, 'Contoso');
    assert.deepEqual((await trail())[0]!.detail, { changes: { organisationName: { before: 'Northwind', after: null } } });
  });

  it('refuses a colour without WCAG AA contrast with the line config gives, and stores nothing of the change', async () => {
    const refused = await services.branding.set('cli', { organisationName: 'Northwind', colour: '#ffcc00' }).catch((error: unknown) => error);
    assert.deepEqual(problems(refused), [
      'colour: #ffcc00 has a contrast of 1.51:1 with white; buttons (white text on it) and links need at least 4.5:1 (WCAG AA), so choose a darker shade (example: #0b57a4)',
    ]);
    assert.deepEqual(await store.branding.get(), {}, 'not even the good name');
    assert.deepEqual(await trail(), []);
  });

  it('says what is wrong with each refused field', async () => {
    const refused = await services.branding.set('cli', {
      logo: 'missing.png', supportEmail: 'help', portalUrl: 'javascript:alert(1)', privacyUrl: 'ftp://contoso.com/privacy', termsUrl: 'https://contoso.com/terms',
    }).catch((error: unknown) => error);
    assert.deepEqual(problems(refused), [
      `logo: there is no file missing.png in DATA_DIR (${dir.path})`,
      'supportEmail: must be an e-mail address customers can write to (example: support@contoso.com)',
      'portalUrl: must be an http(s) URL (example: https://portal.contoso.com)',
      'privacyUrl: must be an http(s) URL (example: https://contoso.com/privacy)',
    ]);
    const elsewhere = await services.branding.set('cli', { logo: 'https://evil.example/logo.png' }).catch((error: unknown) => error);
    assert.match(problems(elsewhere)[0]!, /^logo: must be on this site's host or a REDIRECT_ALLOWLIST host, not evil\.example/);
    const outside = await services.branding.set('cli', { logo: '../northwind.svg' }).catch((error: unknown) => error);
    assert.match(problems(outside)[0]!, /^logo: must be a file name in DATA_DIR/);
    await assert.rejects(services.branding.set('cli', {}), /give at least one field to set/);
    await assert.rejects(services.branding.unset('cli', ['colour', 'font']), /fields\.1: font is not a branding field/);
    assert.deepEqual(await store.branding.get(), {});
  });

  it('asks for https links in production, as config does', async () => {
    policy = { ...policy, rules: { ...policy.rules, production: true } };
    const refused = await servicesOver(store).branding.set('cli', { termsUrl: 'http://contoso.com/terms' }).catch((error: unknown) => error);
    assert.deepEqual(problems(refused), ['termsUrl: must use https when NODE_ENV=production (example: https://contoso.com/)']);
  });

  it('lets only admins see or change it', async () => {
    await store.staff.upsert({ id: 'staff-inviter', displayName: 'Ivy', roles: ['inviter', 'approver', 'viewer'], createdAt: clock() });
    await store.staff.upsert({ id: 'staff-admin', displayName: 'Ada', roles: ['admin'], createdAt: clock() });
    await assert.rejects(services.branding.set('staff-inviter', { colour: '#7a1f5c' }), { code: 'not_allowed' });
    await assert.rejects(services.branding.unset('staff-inviter', ['colour']), { code: 'not_allowed' });
    await assert.rejects(services.branding.show('staff-inviter'), { code: 'not_allowed' });
    assert.deepEqual(await store.branding.get(), {});
    await services.branding.set('staff-admin', { colour: '#7a1f5c' });
    assert.equal((await trail())[0]!.actor, 'staff-admin');
  });

  it('reads the store for the site and mail at most once per refresh; a change elsewhere shows after it', async () => {
    let reads = 0;
    const get = store.branding.get.bind(store.branding);
    store.branding.get = () => { reads += 1; return get(); };
    assert.equal((await services.branding.current()).organisationName, 'Contoso');
    await Promise.all([services.branding.current(), services.branding.current()]);
    assert.equal(reads, 1);

    // Another process (the CLI): its own services over the same store.
    await servicesOver(store).branding.set('cli', { organisationName: 'Northwind' });
    clock.advance(BRANDING_REFRESH_MS - 1);
    assert.equal((await services.branding.current()).organisationName, 'Contoso', 'not yet');
    clock.advance(1);
    assert.equal((await services.branding.current()).organisationName, 'Northwind');

    // In the process that made it, a change shows at once.
    await services.branding.set('cli', { organisationName: 'Fabrikam' });
    assert.equal((await services.branding.current()).organisationName, 'Fabrikam');
  });

  it('puts the stored values over the look a caller brings (the site\'s own settings)', async () => {
    await services.branding.set('cli', { colour: '#7a1f5c' });
    assert.deepEqual(await services.branding.current(plainBranding('Tailspin')), { ...plainBranding('Tailspin'), colour: '#7a1f5c' });
  });
});
