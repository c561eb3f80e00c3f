import assert from 'node:assert/strict';
import { ConfigError, parseConfig } from '../src/config.ts';

const GRAPH = { GRAPH_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47', GRAPH_CLIENT_ID: '0b5e0a5e-1111-4c1e-9e3a-3f0c2a1d5e77', GRAPH_CLIENT_SECRET: 's3cret' };

describe('configuration', () => {
  it('has working defaults for local use', () => {
    assert.deepEqual(parseConfig({}), {
      env: 'development', port: 3978, trustProxy: ['loopback'], publicBaseUrl: 'http://localhost:3978', dataDir: './data', mongodbUri: null, codeSecret: null, logLevel: 'info',
      organisationName: 'Invite Desk',
      branding: { logo: null, colour: '#0b57a4', supportEmail: null, portalUrl: null, privacyUrl: null, termsUrl: null },
      brandingFromEnvironment: [], brandingRules: { production: false, logoHosts: ['localhost'] },
      mail: { graph: null, sender: 'invitations@invite-desk.localhost', ratePerMinute: 30, devMailbox: true },
      jobs: { enabled: true, concurrency: 4, maxAttempts: 8, leaseMs: 120_000 },
      webhooks: { allowLocalUrls: false },
      api: { enabled: true, entra: null, ratePerMinute: 600 },
      bot: { enabled: true, credentials: null, allowedTenants: [], adminObjectIds: [], proactive: { catalogAppId: null, serviceUrl: 'https://smba.trafficmanager.net/teams/' } },
      invitations: { approvalRequiredForAll: false, defaultExpiry: '30d', reminderDays: 3 },
      site: { enabled: true, openRegistration: false, redirectAllowlist: [], microsoft: null },
    });
    assert.equal(parseConfig({ PORT: '4000' }).publicBaseUrl, 'http://localhost:4000');
    assert.equal(parseConfig({ PUBLIC_BASE_URL: 'https://invites.example.com/' }).publicBaseUrl, 'https://invites.example.com');
  });

  it('reads REMINDER_DAYS: days before expiry, 0 for no reminders, and refuses anything else', () => {
    assert.equal(parseConfig({ REMINDER_DAYS: '7' }).invitations.reminderDays, 7);
    assert.equal(parseConfig({ REMINDER_DAYS: '0' }).invitations.reminderDays, 0);
    for (const wrong of ['-1', '2.5', 'soon', '400']) assert.throws(() => parseConfig({ REMINDER_DAYS: wrong }), /REMINDER_DAYS: must be .*\(example: 3\)/);
  });

  it('reads how staff who never wrote to the bot are reached: the app to install and the Teams region', () => {
    const config = parseConfig({ TEAMS_CATALOG_APP_ID: '8A1C4F8E-5B2D-4F61-9A3C-0D2E5F6A7B8C', TEAMS_SERVICE_URL: 'https://smba.trafficmanager.net/emea' });
    assert.deepEqual(config.bot.proactive, { catalogAppId: '8a1c4f8e-5b2d-4f61-9a3c-0d2e5f6a7b8c', serviceUrl: 'https://smba.trafficmanager.net/emea/' });
    assert.throws(() => parseConfig({ TEAMS_CATALOG_APP_ID: 'invite-desk' }), /TEAMS_CATALOG_APP_ID: must be the app's id/);
    assert.throws(() => parseConfig({ TEAMS_SERVICE_URL: 'emea' }), /TEAMS_SERVICE_URL: must be the Bot Framework address/);
  });

  it('reads whose app-only tokens the API accepts: the tenant\'s v1 and v2 issuers and keys, or another issuer', () => {
    const tenant = '72F988BF-86F1-41AF-91AB-2D7CD011DB47';
    assert.deepEqual(parseConfig({ API_TENANT_ID: tenant, API_AUDIENCE: 'api://invite-desk, 0b5e0a5e-4444-4c1e-9e3a-3f0c2a1d5e77' }).api.entra, {
      issuers: ['https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0', 'https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/'],
      jwksUri: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/discovery/v2.0/keys',
      audiences: ['api://invite-desk', '0b5e0a5e-4444-4c1e-9e3a-3f0c2a1d5e77'],
    });
    assert.deepEqual(parseConfig({ API_ISSUER: 'https://id.example.com', API_JWKS_URI: 'https://id.example.com/jwks', API_AUDIENCE: 'api://x' }).api.entra,
      { issuers: ['https://id.example.com'], jwksUri: 'https://id.example.com/jwks', audiences: ['api://x'] });
    assert.throws(() => parseConfig({ API_TENANT_ID: tenant }), /API_AUDIENCE: is required/);
    assert.throws(() => parseConfig({ API_AUDIENCE: 'api://x' }), /API_TENANT_ID: is required/);
    assert.throws(() => parseConfig({ API_ISSUER: 'https://id.example.com', API_AUDIENCE: 'api://x' }), /API_JWKS_URI: is required/);
    assert.throws(() => parseConfig({ API_RATE_PER_MINUTE: '0' }), /API_RATE_PER_MINUTE: must be between/);
    assert.equal(parseConfig({ API_ENABLED: 'false' }).api.enabled, false);
  });

  it('reports each problem as one line naming the variable, the problem and an example', () => {
    try {
      parseConfig({ PORT: 'eighty', PUBLIC_BASE_URL: 'ftp://x', MONGODB_URI: 'postgres://x', CODE_SECRET: 'short', LOG_LEVEL: 'loud', NODE_ENV: 'staging' });
      assert.fail('expected a ConfigError');
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      assert.deepEqual(error.problems.map((p) => p.split(':')[0]), ['NODE_ENV', 'PORT', 'PUBLIC_BASE_URL', 'MONGODB_URI', 'CODE_SECRET', 'LOG_LEVEL']);
      for (const line of error.problems) assert.match(line, /\(example: .+\)$/);
    }
  });

  it('requires a code secret, https and bot credentials in production', () => {
    assert.throws(() => parseConfig({ NODE_ENV: 'production' }), (error: ConfigError) =>
      error.problems.some((p) => p.startsWith('CODE_SECRET: is required')) && error.problems.some((p) => p.startsWith('PUBLIC_BASE_URL: must use https'))
      && error.problems.some((p) => p.startsWith('BOT_ID, BOT_PASSWORD: are required when NODE_ENV=production')));
    const bot = { BOT_ID: '0b5e0a5e-3333-4c1e-9e3a-3f0c2a1d5e77', BOT_PASSWORD: 'pw', BOT_TENANT_ID: '72F988BF-86F1-41AF-91AB-2D7CD011DB47' };
    const config = parseConfig({ NODE_ENV: 'production', ORGANISATION_NAME: 'Contoso', CODE_SECRET: 'x'.repeat(48), PUBLIC_BASE_URL: 'https://invites.example.com', ...bot, ...GRAPH, MAIL_SENDER: 'invitations@contoso.com' });
    assert.deepEqual(config.bot.allowedTenants, ['72f988bf-86f1-41af-91ab-2d7cd011db47']);
    assert.equal(parseConfig({ NODE_ENV: 'production', ORGANISATION_NAME: 'Contoso', CODE_SECRET: 'x'.repeat(48), PUBLIC_BASE_URL: 'https://i.example.com', BOT_ENABLED: 'false', JOBS_ENABLED: 'false' }).bot.enabled, false);
    assert.equal(config.codeSecret, 'x'.repeat(48));
    assert.ok(Object.isFrozen(config));
    assert.throws(() => parseConfig({ NODE_ENV: 'production', CODE_SECRET: 'x'.repeat(48), PUBLIC_BASE_URL: 'https://i.example.com', BOT_ENABLED: 'false', JOBS_ENABLED: 'false', WEBHOOK_ALLOW_LOCAL_URLS: 'true' }),
      (error: ConfigError) => error.problems.some((p) => p.startsWith('WEBHOOK_ALLOW_LOCAL_URLS: is refused when NODE_ENV=production')));
    assert.equal(parseConfig({ WEBHOOK_ALLOW_LOCAL_URLS: 'true' }).webhooks.allowLocalUrls, true);
  });

  it('puts the organisation, not the product, in front of customers in production', () => {
    const production = { NODE_ENV: 'production', CODE_SECRET: 'x'.repeat(48), PUBLIC_BASE_URL: 'https://invites.contoso.com', BOT_ENABLED: 'false', JOBS_ENABLED: 'false' };
    assert.throws(() => parseConfig(production), (error: ConfigError) =>
      error.problems.join('|') === 'ORGANISATION_NAME: is required when NODE_ENV=production; customers see it on every page and mail (example: Contoso)');
    assert.equal(parseConfig({ ...production, ORGANISATION_NAME: 'Contoso' }).organisationName, 'Contoso');
    assert.throws(() => parseConfig({ ...production, ORGANISATION_NAME: 'Contoso', PORTAL_URL: 'http://portal.contoso.com' }), /PORTAL_URL: must use https when NODE_ENV=production/);
  });

  it('reads the organisation\'s look: logo, colour, support address and links', () => {
    const branding = parseConfig({
      PUBLIC_BASE_URL: 'https://invites.contoso.com', REDIRECT_ALLOWLIST: 'cdn.contoso.com', ORGANISATION_LOGO: 'https://cdn.contoso.com/logo.svg', ORGANISATION_COLOUR: '#7A1F5C',
      SUPPORT_EMAIL: 'help@contoso.com', PORTAL_URL: 'https://portal.contoso.com/', PRIVACY_URL: 'https://contoso.com/privacy', TERMS_URL: 'https://contoso.com/terms',
    }).branding;
    assert.deepEqual(branding, {
      logo: { url: 'https://cdn.contoso.com/logo.svg' }, colour: '#7a1f5c', supportEmail: 'help@contoso.com',
      portalUrl: 'https://portal.contoso.com/', privacyUrl: 'https://contoso.com/privacy', termsUrl: 'https://contoso.com/terms',
    });
    assert.deepEqual(parseConfig({ ORGANISATION_LOGO: 'contoso-logo.png' }).branding.logo, { file: 'contoso-logo.png' });
    assert.deepEqual(parseConfig({ ORGANISATION_NAME: 'Contoso', ORGANISATION_COLOUR: '#0b57a4' }).brandingFromEnvironment, ['organisationName', 'colour'], 'a variable set to the default is still the environment\'s');
    assert.deepEqual(parseConfig({ PUBLIC_BASE_URL: 'https://invites.contoso.com', ORGANISATION_LOGO: 'https://invites.contoso.com/static/logo.png' }).branding.logo, { url: 'https://invites.contoso.com/static/logo.png' });
  });

  it('refuses a logo elsewhere and a colour without WCAG AA contrast, with a clear line each', () => {
    const problems = (env: Record<string, string>) => {
      try {
        parseConfig(env);
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    assert.deepEqual(problems({ ORGANISATION_COLOUR: '#ffcc00' }), [
      'ORGANISATION_COLOUR: #ffcc00 has a contrast of 1.51:1 with white; buttons (white text on it) and links need at least 4.5:1 (WCAG AA), so choose a darker shade (example: #0b57a4)',
    ]);
    assert.match(problems({ ORGANISATION_COLOUR: 'red' })[0]!, /^ORGANISATION_COLOUR: must be a colour as #rrggbb/);
    assert.match(problems({ ORGANISATION_COLOUR: '#000;background:url(x)' })[0]!, /^ORGANISATION_COLOUR: must be a colour/);
    assert.match(problems({ ORGANISATION_LOGO: 'https://evil.example/logo.png' })[0]!, /^ORGANISATION_LOGO: must be on this site's host or a REDIRECT_ALLOWLIST host, not evil.example/);
    assert.match(problems({ ORGANISATION_LOGO: 'http://localhost/logo.png' })[0]!, /^ORGANISATION_LOGO: must be an https URL/);
    assert.match(problems({ ORGANISATION_LOGO: '../secrets/code-secret' })[0]!, /^ORGANISATION_LOGO: must be a file name in DATA_DIR/);
    assert.match(problems({ ORGANISATION_LOGO: 'javascript:alert(1)' })[0]!, /^ORGANISATION_LOGO: must be a file name in DATA_DIR/);
    assert.match(problems({ SUPPORT_EMAIL: 'help' })[0]!, /^SUPPORT_EMAIL: must be an e-mail address/);
  });

  it('sends through Graph only with all three Graph credentials and a sender mailbox', () => {
    const graph = GRAPH;
    assert.throws(() => parseConfig({ GRAPH_TENANT_ID: graph.GRAPH_TENANT_ID }), (error: ConfigError) =>
      error.problems.join('|') === 'GRAPH_CLIENT_ID: is required when any GRAPH_ setting is given (example: see .env.sample)|GRAPH_CLIENT_SECRET: is required when any GRAPH_ setting is given (example: see .env.sample)');
    assert.throws(() => parseConfig(graph), (error: ConfigError) => error.problems[0]!.startsWith('MAIL_SENDER: is required'));
    const config = parseConfig({ ...graph, MAIL_SENDER: 'invitations@contoso.com', GRAPH_BASE_URL: 'https://graph.microsoft.us/' });
    assert.deepEqual(config.mail.graph, { tenantId: graph.GRAPH_TENANT_ID, clientId: graph.GRAPH_CLIENT_ID, clientSecret: 's3cret', baseUrl: 'https://graph.microsoft.us', authorityHost: 'https://login.microsoftonline.com' });
    assert.throws(() => parseConfig({ GRAPH_BASE_URL: 'http://graph.example' }), /GRAPH_BASE_URL: must be an https URL/);
    assert.throws(() => parseConfig({ MAIL_RATE_PER_MINUTE: '0', JOB_CONCURRENCY: 'many' }), /MAIL_RATE_PER_MINUTE: must be at least 1[\s\S]*JOB_CONCURRENCY: must be a number/);
  });

  it('treats blank variables as unset', () => {
    assert.equal(parseConfig({ MONGODB_URI: '', PORT: ' ' }).mongodbUri, null);
  });

  it('serves the dev mailbox only outside production with a loopback PUBLIC_BASE_URL, or when DEV_MAILBOX=true', () => {
    const devMailbox = (env: Record<string, string>) => parseConfig(env).mail.devMailbox;
    assert.equal(devMailbox({}), true);
    assert.equal(devMailbox({ PUBLIC_BASE_URL: 'http://127.0.0.1:4000' }), true);
    assert.equal(devMailbox({ PUBLIC_BASE_URL: 'http://[::1]:4000' }), true);
    assert.equal(devMailbox({ PUBLIC_BASE_URL: 'https://invites.contoso.com' }), false, 'NODE_ENV unset, a public address');
    assert.equal(devMailbox({ PUBLIC_BASE_URL: 'http://localhost.contoso.com' }), false);
    assert.equal(devMailbox({ PUBLIC_BASE_URL: 'https://invites.contoso.com', DEV_MAILBOX: 'true' }), true, 'switched on explicitly');
    assert.equal(devMailbox({ DEV_MAILBOX: 'false' }), false);
    const production = { NODE_ENV: 'production', ORGANISATION_NAME: 'Contoso', CODE_SECRET: 'x'.repeat(48), PUBLIC_BASE_URL: 'https://invites.contoso.com', BOT_ENABLED: 'false' };
    assert.equal(devMailbox({ ...production, DEV_MAILBOX: 'true' }), true);
    assert.equal(devMailbox({ ...production, ...GRAPH, MAIL_SENDER: 'invitations@contoso.com' }), false);
    assert.throws(() => parseConfig({ ...GRAPH, MAIL_SENDER: 'invitations@contoso.com', DEV_MAILBOX: 'true' }), /DEV_MAILBOX: there is no dev mailbox when mail goes through Graph/);
    assert.throws(() => parseConfig({ DEV_MAILBOX: 'yes' }), /DEV_MAILBOX: must be true or false/);
  });

  it('refuses production without Graph where mail is sent (it would be kept and never sent)', () => {
    const production = { NODE_ENV: 'production', ORGANISATION_NAME: 'Contoso', CODE_SECRET: 'x'.repeat(48), PUBLIC_BASE_URL: 'https://invites.contoso.com', BOT_ENABLED: 'false' };
    assert.throws(() => parseConfig(production), (error: ConfigError) =>
      error.problems.join('|') === 'GRAPH_TENANT_ID, GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET: are required when NODE_ENV=production, or mail is kept in the store and never sent (example: see .env.sample); or set JOBS_ENABLED=false where another process sends mail');
    assert.equal(parseConfig({ ...production, JOBS_ENABLED: 'false' }).mail.graph, null, 'a process that sends no mail needs no Graph');
  });

  it('reads TRUST_PROXY as Express does: false, a hop count, or addresses and subnets; never "trust everyone"', () => {
    assert.equal(parseConfig({ TRUST_PROXY: 'false' }).trustProxy, false);
    assert.equal(parseConfig({ TRUST_PROXY: '2' }).trustProxy, 2);
    assert.deepEqual(parseConfig({ TRUST_PROXY: '10.0.0.0/8, LOOPBACK,fd00::/8,192.0.2.2,10.1.0.0/255.255.0.0' }).trustProxy, ['10.0.0.0/8', 'loopback', 'fd00::/8', '192.0.2.2', '10.1.0.0/255.255.0.0']);
    for (const value of ['true', '0', 'proxy.example.com', '10.0.0.0/33', '10.0.0.1/8/8']) {
      assert.throws(() => parseConfig({ TRUST_PROXY: value }), /TRUST_PROXY: must be false, a number of proxy hops, or proxy addresses/, value);
    }
  });
});
