import { isIP } from 'node:net';
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import { DEFAULT_BRAND_COLOUR, type Branding, type BrandingField } from './domain/branding.ts';
import { parseBrandingValue, type BrandingRules } from './domain/brandingRules.ts';
import { isEmail } from './domain/email.ts';
import { DEFAULT_INVITATION_EXPIRY, parseExpiry } from './domain/expiry.ts';
import { GUID, isGuid } from './domain/guid.ts';
import { DEFAULT_REMINDER_DAYS } from './domain/reminders.ts';
import { isLoopbackUrl } from './loopback.ts';

/**
 * The only place that reads the environment. `loadConfig` parses it once into a frozen, typed
 * Config; every problem becomes one line naming the variable, what is wrong and an example.
 */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const TENANT_ALIAS = /^(organizations|common|consumers|[a-z0-9-]+\.onmicrosoft\.com)$/i;

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test'], { message: 'must be development, production or test (example: production)' }).default('development'),
  PORT: z.coerce.number({ message: 'must be a port number (example: 3978)' }).int('must be a whole number (example: 3978)')
    .min(0, 'must be between 0 and 65535 (example: 3978)').max(65535, 'must be between 0 and 65535 (example: 3978)').default(3978),
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL (example: https://invites.example.com)' })
    .transform((url) => url.replace(/\/+$/, '')).optional(),
  TRUST_PROXY: z.string().default('loopback').transform(parseTrustProxy)
    .refine((value) => value !== null, 'must be false, a number of proxy hops, or proxy addresses and subnets separated by commas, as Express\'s trust proxy reads them; not true, which would let any caller choose its address (example: 10.0.0.0/8,loopback)'),
  DATA_DIR: z.string().min(1, 'must not be empty (example: ./data)').default('./data'),
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\/.+/, 'must be a MongoDB connection string (example: mongodb://127.0.0.1:27017/invitedesk)').optional(),
  CODE_SECRET: z.string().min(32, 'must be at least 32 characters (example: the output of `openssl rand -base64 48`)').optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')} (example: info)` }).default('info'),
  // The organisation's look is checked by the rules an admin's stored branding passes too (domain/brandingRules.ts).
  ORGANISATION_NAME: z.string().optional(),
  ORGANISATION_LOGO: z.string().optional(),
  ORGANISATION_COLOUR: z.string().optional(),
  SUPPORT_EMAIL: z.string().optional(),
  PORTAL_URL: z.string().optional(),
  PRIVACY_URL: z.string().optional(),
  TERMS_URL: z.string().optional(),
  GRAPH_TENANT_ID: z.string().regex(GUID, 'must be a directory (tenant) id (example: 72f988bf-86f1-41af-91ab-2d7cd011db47)').optional(),
  GRAPH_CLIENT_ID: z.string().regex(GUID, 'must be an application (client) id (example: 0b5e0a5e-1111-4c1e-9e3a-3f0c2a1d5e77)').optional(),
  GRAPH_CLIENT_SECRET: z.string().min(1).optional(),
  GRAPH_BASE_URL: z.url({ protocol: /^https$/, message: 'must be an https URL (example: https://graph.microsoft.us for US Government)' })
    .transform((url) => url.replace(/\/+$/, '')).default('https://graph.microsoft.com'),
  GRAPH_AUTHORITY_HOST: z.url({ protocol: /^https$/, message: 'must be an https URL (example: https://login.microsoftonline.us)' })
    .transform((url) => url.replace(/\/+$/, '')).default('https://login.microsoftonline.com'),
  MAIL_SENDER: z.string().refine(isEmail, 'must be the e-mail address of the mailbox that sends (example: invitations@contoso.com)').optional(),
  DEV_MAILBOX: z.enum(['true', 'false'], { message: 'must be true or false (example: false)' }).optional(),
  MAIL_RATE_PER_MINUTE: z.coerce.number({ message: 'must be a number (example: 30)' }).int('must be a whole number (example: 30)')
    .min(1, 'must be at least 1 (example: 30)').max(10_000, 'must be at most 10000 (example: 30)').default(30),
  SITE_ENABLED: z.enum(['true', 'false'], { message: 'must be true or false (example: true)' }).default('true'),
  OPEN_REGISTRATION: z.enum(['true', 'false'], { message: 'must be true or false (example: false)' }).default('false'),
  REDIRECT_ALLOWLIST: z.string().default('').transform((value) => value.split(',').map((host) => host.trim().toLowerCase()).filter(Boolean))
    .refine((hosts) => hosts.every((host) => /^[a-z0-9.-]+$/.test(host)), 'must be host names separated by commas (example: portal.contoso.com,contoso.com)'),
  ENTRA_CLIENT_ID: z.string().min(1).optional(),
  ENTRA_CLIENT_SECRET: z.string().min(1).optional(),
  ENTRA_TENANT_ID: z.string().refine((id) => isGuid(id) || TENANT_ALIAS.test(id), 'must be a tenant id or organizations (example: organizations)').optional(),
  ENTRA_ISSUER: z.url({ protocol: /^https?$/, message: 'must be the issuer URL (example: https://login.microsoftonline.com/organizations/v2.0)' }).optional(),
  APPROVAL_REQUIRED: z.enum(['group', 'all'], { message: 'must be group or all (example: group)' }).default('group'),
  INVITATION_EXPIRY: z.string().trim().toLowerCase().default(DEFAULT_INVITATION_EXPIRY)
    .refine((text) => /^\d/.test(text) && !/^\d{4}-/.test(text) ? parseExpiry(text, new Date(0)) !== undefined : text === 'never', 'must be a duration (12h, 7d, 2w) or never (example: 30d)'),
  REMINDER_DAYS: z.coerce.number({ message: 'must be a number of days (example: 3)' }).int('must be a whole number of days (example: 3)')
    .min(0, 'must be between 0 (no reminders) and 365 (example: 3)').max(365, 'must be between 0 (no reminders) and 365 (example: 3)').default(DEFAULT_REMINDER_DAYS),
  BOT_ENABLED: z.enum(['true', 'false'], { message: 'must be true or false (example: true)' }).default('true'),
  BOT_ID: z.string().regex(GUID, 'must be the bot\'s Microsoft App ID (example: 0b5e0a5e-3333-4c1e-9e3a-3f0c2a1d5e77)').optional(),
  BOT_PASSWORD: z.string().min(1).optional(),
  BOT_TENANT_ID: z.string().regex(GUID, 'must be the tenant id of the bot\'s app registration (example: 72f988bf-86f1-41af-91ab-2d7cd011db47)').optional(),
  TEAMS_CATALOG_APP_ID: z.string().regex(GUID, 'must be the app\'s id in your organisation\'s Teams app catalog, as Teams admin center shows it (example: 8a1c4f8e-5b2d-4f61-9a3c-0d2e5f6a7b8c)').optional(),
  TEAMS_SERVICE_URL: z.url({ protocol: /^https?$/, message: 'must be the Bot Framework address of your tenant\'s Teams region (example: https://smba.trafficmanager.net/emea/)' })
    .transform((url) => `${url.replace(/\/+$/, '')}/`).default('https://smba.trafficmanager.net/teams/'),
  ALLOWED_TENANTS: z.string().default('').transform((value) => value.split(',').map((id) => id.trim().toLowerCase()).filter(Boolean))
    .refine((ids) => ids.every(isGuid), 'must be tenant ids separated by commas (example: 72f988bf-86f1-41af-91ab-2d7cd011db47)'),
  ADMIN_OBJECT_IDS: z.string().default('').transform((value) => value.split(',').map((id) => id.trim().toLowerCase()).filter(Boolean))
    .refine((ids) => ids.every(isGuid), 'must be Entra object ids separated by commas (example: 6b1c1e0a-2f1d-4c5e-9a7b-1234567890ab)'),
  API_ENABLED: z.enum(['true', 'false'], { message: 'must be true or false (example: true)' }).default('true'),
  API_TENANT_ID: z.string().regex(GUID, 'must be the directory (tenant) id whose app-only tokens the API accepts (example: 72f988bf-86f1-41af-91ab-2d7cd011db47)').optional(),
  API_AUDIENCE: z.string().default('').transform((value) => value.split(',').map((audience) => audience.trim()).filter(Boolean)),
  API_ISSUER: z.url({ protocol: /^https?$/, message: 'must be the token issuer URL (example: https://login.microsoftonline.us/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0)' }).optional(),
  API_JWKS_URI: z.url({ protocol: /^https?$/, message: 'must be the URL of the issuer\'s signing keys (example: https://login.microsoftonline.us/72f988bf-86f1-41af-91ab-2d7cd011db47/discovery/v2.0/keys)' }).optional(),
  API_RATE_PER_MINUTE: z.coerce.number({ message: 'must be a number (example: 600)' }).int('must be a whole number (example: 600)')
    .min(1, 'must be between 1 and 100000 (example: 600)').max(100_000, 'must be between 1 and 100000 (example: 600)').default(600),
  JOBS_ENABLED: z.enum(['true', 'false'], { message: 'must be true or false (example: true)' }).default('true'),
  JOB_CONCURRENCY: z.coerce.number({ message: 'must be a number (example: 4)' }).int('must be a whole number (example: 4)')
    .min(1, 'must be between 1 and 64 (example: 4)').max(64, 'must be between 1 and 64 (example: 4)').default(4),
  JOB_LEASE_SECONDS: z.coerce.number({ message: 'must be a number of seconds (example: 120)' }).int('must be a whole number (example: 120)')
    .min(1, 'must be between 1 and 3600 (example: 120)').max(3600, 'must be between 1 and 3600 (example: 120)').default(120),
  JOB_MAX_ATTEMPTS: z.coerce.number({ message: 'must be a number (example: 8)' }).int('must be a whole number (example: 8)')
    .min(1, 'must be between 1 and 50 (example: 8)').max(50, 'must be between 1 and 50 (example: 8)').default(8),
  WEBHOOK_ALLOW_LOCAL_URLS: z.enum(['true', 'false'], { message: 'must be true or false (example: false)' }).default('false'),
});

/** Which callers' `X-Forwarded-For` is believed, in Express's `trust proxy` terms. */
export type TrustProxy = false | number | readonly string[];

export type Config = Readonly<{
  env: 'development' | 'production' | 'test';
  port: number;
  /** Which proxies in front of the service are believed about the caller's address (rate limits, activities). */
  trustProxy: TrustProxy;
  publicBaseUrl: string;
  dataDir: string;
  mongodbUri: string | null;
  /** Null outside production: a generated secret is kept in DATA_DIR (see codeSecret.ts). */
  codeSecret: string | null;
  logLevel: (typeof LOG_LEVELS)[number];
  organisationName: string;
  /** How the customer side looks: the organisation's logo, colour and links (see docs/settings.md); admins may store other values over these. */
  branding: BrandingSettings;
  /** The parts of the look the environment set (the others are the product's defaults). */
  brandingFromEnvironment: readonly BrandingField[];
  /** What an admin's stored branding is checked against, as the environment's was. */
  brandingRules: BrandingRules;
  mail: Readonly<{
    /** Null: no Graph settings, mail goes to the dev mailbox. */
    graph: Readonly<{ tenantId: string; clientId: string; clientSecret: string; baseUrl: string; authorityHost: string }> | null;
    sender: string;
    ratePerMinute: number;
    /**
     * Mail without Graph is readable at /dev/mail: outside production with a loopback
     * PUBLIC_BASE_URL, or with DEV_MAILBOX=true. It shows every code and reset link.
     */
    devMailbox: boolean;
  }>;
  jobs: Readonly<{ enabled: boolean; concurrency: number; maxAttempts: number; leaseMs: number }>;
  /** Webhook subscriptions may point at this machine or a private network (WEBHOOK_ALLOW_LOCAL_URLS; never in production). */
  webhooks: Readonly<{ allowLocalUrls: boolean }>;
  api: Readonly<{
    enabled: boolean;
    /** Microsoft Entra app-only tokens: who issues them, where its keys are, which audiences are ours. Null: API keys only. */
    entra: Readonly<{ issuers: readonly string[]; jwksUri: string; audiences: readonly string[] }> | null;
    /** Requests per minute per API client, across processes. */
    ratePerMinute: number;
  }>;
  bot: Readonly<{
    enabled: boolean;
    /** Null locally without credentials: the bot then accepts unauthenticated activities (Agents Playground). */
    credentials: Readonly<{ appId: string; password: string; tenantId: string | null }> | null;
    /** Tenants whose activities are served; empty means the bot's own tenant only (or any, locally without one). */
    allowedTenants: readonly string[];
    adminObjectIds: readonly string[];
    /**
     * Reaching staff who never wrote to the bot: `catalogAppId` (null: not tried) is the app Graph
     * installs for them; `serviceUrl` is where their new chat is (the tenant's Teams region).
     */
    proactive: Readonly<{ catalogAppId: string | null; serviceUrl: string }>;
  }>;
  invitations: Readonly<{
    /** Every invitation waits for an approver (APPROVAL_REQUIRED=all), not only group invitations. */
    approvalRequiredForAll: boolean;
    /** The expiry of an invitation whose creator gives none (INVITATION_EXPIRY): a duration or `never`. */
    defaultExpiry: string;
    /** Days before its expiry that an unredeemed invitation is reminded of, unless its creator chose otherwise (REMINDER_DAYS); 0: none. */
    reminderDays: number;
  }>;
  site: Readonly<{
    enabled: boolean;
    openRegistration: boolean;
    redirectAllowlist: readonly string[];
    /** Null: "Sign in with Microsoft" is not offered. */
    microsoft: Readonly<{ issuer: string; clientId: string; clientSecret: string }> | null;
  }>;
}>;

/** The organisation's look beside its name (`src/domain/branding.ts` says what each part is). */
export type BrandingSettings = Omit<Branding, 'organisationName'>;

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const result = schema.safeParse(blankAsUnset);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const data = result.data;
  const problems: string[] = [];
  if (data.NODE_ENV === 'production' && !data.CODE_SECRET) {
    problems.push('CODE_SECRET: is required when NODE_ENV=production (example: the output of `openssl rand -base64 48`)');
  }
  if (data.NODE_ENV === 'production' && !data.PUBLIC_BASE_URL?.startsWith('https://')) {
    problems.push('PUBLIC_BASE_URL: must use https when NODE_ENV=production (example: https://invites.example.com)');
  }
  const graphSettings = [data.GRAPH_TENANT_ID, data.GRAPH_CLIENT_ID, data.GRAPH_CLIENT_SECRET];
  const graphConfigured = graphSettings.every(Boolean);
  if (graphSettings.some(Boolean) && !graphConfigured) {
    for (const [name, value] of [['GRAPH_TENANT_ID', data.GRAPH_TENANT_ID], ['GRAPH_CLIENT_ID', data.GRAPH_CLIENT_ID], ['GRAPH_CLIENT_SECRET', data.GRAPH_CLIENT_SECRET]] as const) {
      if (!value) problems.push(`${name}: is required when any GRAPH_ setting is given (example: see .env.sample)`);
    }
  }
  const entraConfigured = Boolean(data.ENTRA_CLIENT_ID && data.ENTRA_CLIENT_SECRET && (data.ENTRA_TENANT_ID || data.ENTRA_ISSUER));
  if ((data.ENTRA_CLIENT_ID || data.ENTRA_CLIENT_SECRET || data.ENTRA_TENANT_ID || data.ENTRA_ISSUER) && !entraConfigured) {
    problems.push('ENTRA_CLIENT_ID, ENTRA_CLIENT_SECRET and ENTRA_TENANT_ID (or ENTRA_ISSUER): all are needed for "Sign in with Microsoft" (example: see .env.sample)');
  }
  if (data.NODE_ENV === 'production' && data.ENTRA_ISSUER?.startsWith('http://')) problems.push('ENTRA_ISSUER: must use https when NODE_ENV=production (example: https://login.microsoftonline.com/organizations/v2.0)');
  if ((data.BOT_ID && !data.BOT_PASSWORD) || (!data.BOT_ID && data.BOT_PASSWORD)) {
    problems.push('BOT_ID and BOT_PASSWORD: both are needed, or neither for local use with the Agents Playground (example: see .env.sample)');
  }
  if (data.NODE_ENV === 'production' && data.BOT_ENABLED === 'true' && !(data.BOT_ID && data.BOT_PASSWORD)) {
    problems.push('BOT_ID, BOT_PASSWORD: are required when NODE_ENV=production (the bot would otherwise accept unauthenticated activities); or set BOT_ENABLED=false');
  }
  if (graphConfigured && data.DEV_MAILBOX === 'true') problems.push('DEV_MAILBOX: there is no dev mailbox when mail goes through Graph; unset DEV_MAILBOX or the GRAPH_ settings (example: DEV_MAILBOX=false)');
  if (!graphConfigured && data.NODE_ENV === 'production' && data.JOBS_ENABLED === 'true' && data.DEV_MAILBOX !== 'true') {
    problems.push('GRAPH_TENANT_ID, GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET: are required when NODE_ENV=production, or mail is kept in the store and never sent (example: see .env.sample); or set JOBS_ENABLED=false where another process sends mail');
  }
  if (data.NODE_ENV === 'production' && data.WEBHOOK_ALLOW_LOCAL_URLS === 'true') problems.push('WEBHOOK_ALLOW_LOCAL_URLS: is refused when NODE_ENV=production (webhooks could reach into the server\'s own network) (example: WEBHOOK_ALLOW_LOCAL_URLS=false)');
  if (graphConfigured && !data.MAIL_SENDER) problems.push('MAIL_SENDER: is required to send mail through Graph (example: invitations@contoso.com)');
  const apiIssuerGiven = Boolean(data.API_TENANT_ID || data.API_ISSUER);
  if (apiIssuerGiven && data.API_AUDIENCE.length === 0) problems.push('API_AUDIENCE: is required with API_TENANT_ID or API_ISSUER, the audience of the API\'s tokens (example: api://invite-desk,0b5e0a5e-4444-4c1e-9e3a-3f0c2a1d5e77)');
  if (data.API_AUDIENCE.length > 0 && !apiIssuerGiven) problems.push('API_TENANT_ID: is required with API_AUDIENCE, the tenant whose app-only tokens the API accepts (example: 72f988bf-86f1-41af-91ab-2d7cd011db47)');
  if (data.API_ISSUER && !data.API_JWKS_URI) problems.push('API_JWKS_URI: is required with API_ISSUER (example: https://login.microsoftonline.us/72f988bf-86f1-41af-91ab-2d7cd011db47/discovery/v2.0/keys)');
  if (data.NODE_ENV === 'production' && [data.API_ISSUER, data.API_JWKS_URI].some((url) => url?.startsWith('http://'))) {
    problems.push('API_ISSUER, API_JWKS_URI: must use https when NODE_ENV=production (example: https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0)');
  }
  if (data.NODE_ENV === 'production' && !data.ORGANISATION_NAME) {
    problems.push('ORGANISATION_NAME: is required when NODE_ENV=production; customers see it on every page and mail (example: Contoso)');
  }
  const brandingRules: BrandingRules = Object.freeze({
    production: data.NODE_ENV === 'production',
    logoHosts: Object.freeze([new URL(data.PUBLIC_BASE_URL ?? 'http://localhost').hostname, ...data.REDIRECT_ALLOWLIST]),
  });
  const look = parseBranding(data, brandingRules, problems);
  if (problems.length) throw new ConfigError(problems);
  return Object.freeze({
    env: data.NODE_ENV,
    port: data.PORT,
    trustProxy: data.TRUST_PROXY,
    publicBaseUrl: data.PUBLIC_BASE_URL ?? `http://localhost:${data.PORT}`,
    dataDir: data.DATA_DIR,
    mongodbUri: data.MONGODB_URI ?? null,
    codeSecret: data.CODE_SECRET ?? null,
    logLevel: data.LOG_LEVEL,
    organisationName: look.organisationName,
    branding: Object.freeze({
      logo: look.logo && Object.freeze(look.logo), colour: look.colour, supportEmail: look.supportEmail,
      portalUrl: look.portalUrl, privacyUrl: look.privacyUrl, termsUrl: look.termsUrl,
    }),
    brandingFromEnvironment: Object.freeze(BRANDING_VARIABLES.filter(([, name]) => data[name] !== undefined).map(([field]) => field)),
    brandingRules,
    mail: Object.freeze({
      graph: graphConfigured
        ? Object.freeze({ tenantId: data.GRAPH_TENANT_ID!, clientId: data.GRAPH_CLIENT_ID!, clientSecret: data.GRAPH_CLIENT_SECRET!, baseUrl: data.GRAPH_BASE_URL, authorityHost: data.GRAPH_AUTHORITY_HOST })
        : null,
      sender: data.MAIL_SENDER ?? 'invitations@invite-desk.localhost',
      ratePerMinute: data.MAIL_RATE_PER_MINUTE,
      devMailbox: !graphConfigured && (data.DEV_MAILBOX === 'true'
        || (data.DEV_MAILBOX === undefined && data.NODE_ENV !== 'production' && isLoopbackUrl(data.PUBLIC_BASE_URL ?? 'http://localhost'))),
    }),
    bot: Object.freeze({
      enabled: data.BOT_ENABLED === 'true',
      credentials: data.BOT_ID && data.BOT_PASSWORD ? Object.freeze({ appId: data.BOT_ID, password: data.BOT_PASSWORD, tenantId: data.BOT_TENANT_ID ?? null }) : null,
      allowedTenants: Object.freeze([...new Set([...data.ALLOWED_TENANTS, ...(data.BOT_TENANT_ID ? [data.BOT_TENANT_ID.toLowerCase()] : [])])]),
      adminObjectIds: Object.freeze(data.ADMIN_OBJECT_IDS),
      proactive: Object.freeze({ catalogAppId: data.TEAMS_CATALOG_APP_ID?.toLowerCase() ?? null, serviceUrl: data.TEAMS_SERVICE_URL }),
    }),
    invitations: Object.freeze({ approvalRequiredForAll: data.APPROVAL_REQUIRED === 'all', defaultExpiry: data.INVITATION_EXPIRY, reminderDays: data.REMINDER_DAYS }),
    site: Object.freeze({
      enabled: data.SITE_ENABLED === 'true',
      openRegistration: data.OPEN_REGISTRATION === 'true',
      redirectAllowlist: Object.freeze(data.REDIRECT_ALLOWLIST),
      microsoft: entraConfigured
        ? Object.freeze({
          issuer: data.ENTRA_ISSUER ?? `https://login.microsoftonline.com/${data.ENTRA_TENANT_ID}/v2.0`,
          clientId: data.ENTRA_CLIENT_ID!, clientSecret: data.ENTRA_CLIENT_SECRET!,
        })
        : null,
    }),
    jobs: Object.freeze({ enabled: data.JOBS_ENABLED === 'true', concurrency: data.JOB_CONCURRENCY, maxAttempts: data.JOB_MAX_ATTEMPTS, leaseMs: data.JOB_LEASE_SECONDS * 1000 }),
    webhooks: Object.freeze({ allowLocalUrls: data.WEBHOOK_ALLOW_LOCAL_URLS === 'true' }),
    api: Object.freeze({
      enabled: data.API_ENABLED === 'true',
      entra: apiIssuerGiven ? Object.freeze(apiTokenIssuer(data.API_TENANT_ID, data.API_ISSUER, data.API_JWKS_URI, data.API_AUDIENCE)) : null,
      ratePerMinute: data.API_RATE_PER_MINUTE,
    }),
  });
}

/**
 * Who issues the API's tokens. Entra issues a tenant's app-only tokens as v1 (`sts.windows.net`)
 * or v2 (`login.microsoftonline.com/…/v2.0`), as the API's app registration asks (its
 * `requestedAccessTokenVersion`), both signed with the same keys: both are accepted.
 */
function apiTokenIssuer(tenantId: string | undefined, issuer: string | undefined, jwksUri: string | undefined, audiences: string[]) {
  const tenant = tenantId?.toLowerCase();
  return {
    issuers: Object.freeze(issuer ? [issuer] : [`https://login.microsoftonline.com/${tenant}/v2.0`, `https://sts.windows.net/${tenant}/`]),
    jwksUri: jwksUri ?? `https://login.microsoftonline.com/${tenant}/discovery/v2.0/keys`,
    audiences: Object.freeze(audiences),
  };
}

/** Each part of the organisation's look and the variable that sets it. */
const BRANDING_VARIABLES = [
  ['organisationName', 'ORGANISATION_NAME'], ['logo', 'ORGANISATION_LOGO'], ['colour', 'ORGANISATION_COLOUR'], ['supportEmail', 'SUPPORT_EMAIL'],
  ['portalUrl', 'PORTAL_URL'], ['privacyUrl', 'PRIVACY_URL'], ['termsUrl', 'TERMS_URL'],
] as const satisfies readonly (readonly [BrandingField, string])[];

/** The organisation's look from the environment, checked by the branding rules; each problem is pushed as a line naming its variable. */
function parseBranding(data: Partial<Record<(typeof BRANDING_VARIABLES)[number][1], string>>, rules: BrandingRules, problems: string[]): Branding {
  const look: Record<string, unknown> = { organisationName: 'Invite Desk', logo: null, colour: DEFAULT_BRAND_COLOUR, supportEmail: null, portalUrl: null, privacyUrl: null, termsUrl: null };
  for (const [field, name] of BRANDING_VARIABLES) {
    const text = data[name];
    if (text === undefined) continue;
    const parsed = parseBrandingValue(field, text, rules);
    if ('problem' in parsed) problems.push(`${name}: ${parsed.problem}`);
    else look[field] = parsed.value;
  }
  return look as Branding;
}

const NAMED_SUBNETS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY as Express's `trust proxy` takes it, or null when it is not one: `false`, a hop
 * count, or addresses, subnets (`10.0.0.0/8`, `10.0.0.0/255.0.0.0`) and the names loopback,
 * linklocal, uniquelocal. `true` (trust every hop) is refused: any caller could pick its address.
 */
function parseTrustProxy(value: string): TrustProxy | null {
  const text = value.trim().toLowerCase();
  if (text === 'false') return false;
  if (/^\d+$/.test(text)) return Number(text) >= 1 && Number(text) <= 100 ? Number(text) : null;
  const entries = text.split(',').map((entry) => entry.trim()).filter(Boolean);
  const valid = (entry: string) => {
    if (NAMED_SUBNETS.has(entry)) return true;
    const [address, range, ...rest] = entry.split('/');
    const family = isIP(address!);
    if (!family || rest.length) return false;
    if (range === undefined) return true;
    if (/^\d+$/.test(range)) return Number(range) <= (family === 4 ? 32 : 128);
    return family === 4 && isIP(range) === 4;
  };
  return entries.length && entries.every(valid) ? Object.freeze(entries) : null;
}

/** Reads `.env` (if present; real environment variables win) and the environment. */
export function loadConfig(): Config {
  loadDotenv({ quiet: true });
  return parseConfig(process.env);
}
