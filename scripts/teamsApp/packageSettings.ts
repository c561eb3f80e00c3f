import { GUID } from '../../src/domain/guid.ts';

/**
 * The values the app package's manifest placeholders are filled with, read from an environment
 * record (the caller loads `.env`). Blank counts as unset, as in src/config.ts; every problem is one
 * line naming the variable, what is wrong and an example.
 */
const EXAMPLE_GUID = '0b5e0a5e-3333-4c1e-9e3a-3f0c2a1d5e77';
export const DEFAULT_PUBLIC_BASE_URL = 'http://localhost:3978';
/** The placeholders these settings fill; any other `${{NAME}}` is taken from the environment as is. */
export const SETTING_NAMES: readonly string[] = ['BOT_ID', 'TEAMS_APP_ID', 'PUBLIC_BASE_URL', 'PUBLIC_HOST', 'PRIVACY_URL', 'TERMS_URL'];

export type PackageSettings = {
  /** Placeholder name → value for each of SETTING_NAMES that has a valid value. */
  values: Readonly<Record<string, string>>;
  problems: string[];
  warnings: string[];
};

export function readPackageSettings(env: Record<string, string | undefined>): PackageSettings {
  const get = (name: string): string | undefined => env[name]?.trim() || undefined;
  const problems: string[] = [];
  const warnings: string[] = [];
  const values: Record<string, string> = {};

  const botId = get('BOT_ID');
  if (!botId) problems.push(`BOT_ID: is required: the Microsoft App ID of the bot's Azure Bot resource (example: ${EXAMPLE_GUID})`);
  else if (!GUID.test(botId)) problems.push(`BOT_ID: must be a GUID, the Microsoft App ID of the bot's Azure Bot resource (example: ${EXAMPLE_GUID})`);
  else values.BOT_ID = botId.toLowerCase();

  const teamsAppId = get('TEAMS_APP_ID');
  if (teamsAppId && !GUID.test(teamsAppId)) problems.push(`TEAMS_APP_ID: must be a GUID, or unset to use BOT_ID (example: ${EXAMPLE_GUID})`);
  else if (teamsAppId) values.TEAMS_APP_ID = teamsAppId.toLowerCase();
  else if (values.BOT_ID) values.TEAMS_APP_ID = values.BOT_ID;

  const baseUrl = httpUrl(get('PUBLIC_BASE_URL') ?? DEFAULT_PUBLIC_BASE_URL);
  if (!baseUrl) {
    problems.push('PUBLIC_BASE_URL: must be an http(s) URL (example: https://invites.example.com)');
  } else {
    values.PUBLIC_BASE_URL = baseUrl.href.replace(/\/+$/, '');
    values.PUBLIC_HOST = baseUrl.host;
    if (baseUrl.protocol !== 'https:') {
      warnings.push(`PUBLIC_BASE_URL: ${values.PUBLIC_BASE_URL} is not https; fine for a local try-out, but the package people use should link to the https site`);
    }
  }

  for (const [name, path] of [['PRIVACY_URL', 'privacy'], ['TERMS_URL', 'terms']] as const) {
    const given = get(name);
    if (given) {
      const url = httpUrl(given);
      if (url) values[name] = url.href;
      else problems.push(`${name}: must be an http(s) URL, or unset to use PUBLIC_BASE_URL/${path} (example: https://contoso.com/${path})`);
    } else if (values.PUBLIC_BASE_URL) {
      values[name] = `${values.PUBLIC_BASE_URL}/${path}`;
      warnings.push(`${name}: not set, so the app links to ${values[name]}, which Invite Desk does not serve; set it to your organisation's page`);
    }
  }
  return { values: Object.freeze(values), problems, warnings };
}

function httpUrl(text: string): URL | null {
  const url = URL.parse(text);
  return url && (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname ? url : null;
}
