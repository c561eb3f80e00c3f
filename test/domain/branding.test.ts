import assert from 'node:assert/strict';
import { plainBranding } from '../../src/domain/branding.ts';
import { effectiveBranding } from '../../src/domain/brandingLayers.ts';
import { parseBrandingValue, type BrandingRules } from '../../src/domain/brandingRules.ts';

const RULES: BrandingRules = { production: false, logoHosts: ['invites.contoso.com', 'cdn.contoso.com'] };
const STORED_AT = new Date('2026-06-01T12:00:00Z');
const stored = (value: string) => ({ value, updatedBy: 'cli', updatedAt: STORED_AT });

describe('branding values: one set of rules for the environment and the CLI', () => {
  it('reads each field as typed into its value', () => {
    assert.deepEqual(parseBrandingValue('organisationName', ' Northwind ', RULES), { value: 'Northwind' });
    assert.deepEqual(parseBrandingValue('colour', '#7A1F5C', RULES), { value: '#7a1f5c' });
    assert.deepEqual(parseBrandingValue('logo', 'logo.svg', RULES), { value: { file: 'logo.svg' } });
    assert.deepEqual(parseBrandingValue('logo', 'https://cdn.contoso.com/logo.png', RULES), { value: { url: 'https://cdn.contoso.com/logo.png' } });
    assert.deepEqual(parseBrandingValue('supportEmail', ' help@contoso.com', RULES), { value: 'help@contoso.com' });
    assert.deepEqual(parseBrandingValue('portalUrl', 'https://portal.contoso.com/', RULES), { value: 'https://portal.contoso.com/' });
    assert.deepEqual(parseBrandingValue('privacyUrl', 'http://localhost:3000/privacy', RULES), { value: 'http://localhost:3000/privacy' });
  });

  it('says what is wrong, field by field, with an example', () => {
    const problem = (field: Parameters<typeof parseBrandingValue>[0], text: string, rules = RULES) => {
      const parsed = parseBrandingValue(field, text, rules);
      return 'problem' in parsed ? parsed.problem : null;
    };
    assert.equal(problem('colour', '#ffcc00'),
      '#ffcc00 has a contrast of 1.51:1 with white; buttons (white text on it) and links need at least 4.5:1 (WCAG AA), so choose a darker shade (example: #0b57a4)');
    assert.match(problem('colour', 'red')!, /^must be a colour as #rrggbb/);
    assert.match(problem('logo', 'https://evil.example/logo.png')!, /^must be on this site's host or a REDIRECT_ALLOWLIST host, not evil.example/);
    assert.match(problem('logo', '../code-secret')!, /^must be a file name in DATA_DIR/);
    assert.match(problem('logo', 'logo.exe')!, /^must be a file name in DATA_DIR/);
    assert.match(problem('supportEmail', 'help')!, /^must be an e-mail address/);
    assert.match(problem('portalUrl', 'javascript:alert(1)')!, /^must be an http\(s\) URL/);
    assert.match(problem('termsUrl', 'http://contoso.com/terms', { ...RULES, production: true })!, /^must use https when NODE_ENV=production/);
    assert.match(problem('organisationName', ' ')!, /^must not be empty/);
    assert.match(problem('organisationName', 'x'.repeat(101))!, /^must be at most 100 characters/);
  });
});

describe('effective branding: stored values over the environment', () => {
  const environment = { ...plainBranding('Contoso'), supportEmail: 'help@contoso.com' };

  it('takes a stored field, else the environment\'s, and says where each comes from', () => {
    const { branding, fields } = effectiveBranding({ environment, fromEnvironment: ['organisationName', 'supportEmail'], stored: { colour: stored('#7a1f5c'), organisationName: stored('Northwind') }, rules: RULES });
    assert.deepEqual(branding, { ...environment, organisationName: 'Northwind', colour: '#7a1f5c' });
    assert.deepEqual(Object.fromEntries(fields.map((f) => [f.field, f.source])), {
      organisationName: 'stored', logo: 'default', colour: 'stored', supportEmail: 'environment', portalUrl: 'default', privacyUrl: 'default', termsUrl: 'default',
    });
    assert.deepEqual(fields.find((f) => f.field === 'colour'), { field: 'colour', value: '#7a1f5c', source: 'stored', updatedBy: 'cli', updatedAt: STORED_AT });
  });

  it('falls back to the environment for a stored value today\'s rules refuse, and says why', () => {
    const { branding, fields } = effectiveBranding({ environment, fromEnvironment: [], stored: { logo: stored('https://old-cdn.example/logo.png') }, rules: RULES });
    assert.equal(branding.logo, null);
    const logo = fields.find((f) => f.field === 'logo')!;
    assert.equal(logo.source, 'default');
    assert.match(logo.refused!, /^https:\/\/old-cdn\.example\/logo\.png is stored but not used: must be on this site's host/);
  });
});
