import { DEFAULT_BRAND_COLOUR, type Branding, type BrandingField } from './branding.ts';
import { contrastRatio, parseHexColour, WCAG_AA_TEXT } from './contrast.ts';
import { isEmail } from './email.ts';

/**
 * The one home of what a branding value may be: the environment's (checked at start by config.ts)
 * and an admin's (checked by the branding service before it is stored) pass the same rules.
 */

/** What a value is checked against: whether links must be https, and the hosts a logo URL may be on (this site's and REDIRECT_ALLOWLIST's). */
export type BrandingRules = Readonly<{ production: boolean; logoHosts: readonly string[] }>;

/** A logo file in DATA_DIR: a plain file name with an image extension, served at /branding/logo. */
export const LOGO_FILE = /^[\w][\w.-]*\.(png|jpe?g|gif|webp|svg)$/i;
const NAME_MAX = 100;
const LOGO_MAX = 2000;

export type ParsedBrandingValue<F extends BrandingField = BrandingField> = { value: NonNullable<Branding[F]> } | { problem: string };

/**
 * One field as typed (by an admin, or in the environment) as its value, or what is wrong with it:
 * a line without the field's name, ending with an example.
 */
export function parseBrandingValue<F extends BrandingField>(field: F, text: string, rules: BrandingRules): ParsedBrandingValue<F> {
  return PARSERS[field](text, rules);
}

const PARSERS: { [F in BrandingField]: (text: string, rules: BrandingRules) => ParsedBrandingValue<F> } = {
  organisationName: (text) => {
    const name = text.trim();
    if (!name) return { problem: 'must not be empty (example: Contoso)' };
    return name.length > NAME_MAX ? { problem: `must be at most ${NAME_MAX} characters (example: Contoso)` } : { value: name };
  },
  logo: (text, rules) => {
    const value = text.trim();
    if (value.length > LOGO_MAX) return { problem: `must be at most ${LOGO_MAX} characters (example: logo.png)` };
    const logo = parseLogo(value, rules.logoHosts);
    return typeof logo === 'string' ? { problem: logo } : { value: logo };
  },
  colour: (text) => {
    const colour = parseHexColour(text);
    if (!colour) return { problem: `must be a colour as #rrggbb (example: ${DEFAULT_BRAND_COLOUR})` };
    const problem = colourContrastProblem(colour);
    return problem ? { problem } : { value: colour };
  },
  supportEmail: (text) => (isEmail(text) ? { value: text.trim() } : { problem: 'must be an e-mail address customers can write to (example: support@contoso.com)' }),
  portalUrl: (text, rules) => linkUrl(text, rules, 'https://portal.contoso.com'),
  privacyUrl: (text, rules) => linkUrl(text, rules, 'https://contoso.com/privacy'),
  termsUrl: (text, rules) => linkUrl(text, rules, 'https://contoso.com/terms'),
};

/** Null when white text on `colour` (`#rrggbb`) meets WCAG AA; else the line that says why it is refused. */
export function colourContrastProblem(colour: string): string | null {
  const contrast = contrastRatio(colour, '#ffffff');
  if (contrast >= WCAG_AA_TEXT) return null;
  return `${colour} has a contrast of ${contrast}:1 with white; buttons (white text on it) and links need at least ${WCAG_AA_TEXT}:1 (WCAG AA), so choose a darker shade (example: ${DEFAULT_BRAND_COLOUR})`;
}

/** A link customers follow (portal, privacy, terms): http(s), and https in production. */
function linkUrl(text: string, rules: BrandingRules, example: string): ParsedBrandingValue<'portalUrl'> {
  const value = text.trim();
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) return { problem: `must be an http(s) URL (example: ${example})` };
  if (rules.production && new URL(value).protocol === 'http:') return { problem: 'must use https when NODE_ENV=production (example: https://contoso.com/)' };
  return { value };
}

/**
 * A logo as a file in DATA_DIR or an https URL on one of `hosts` (this site's and the redirect
 * allowlist's: the organisation's own), or what is wrong with it.
 */
function parseLogo(value: string, hosts: readonly string[]): { file: string } | { url: string } | string {
  if (LOGO_FILE.test(value)) return { file: value };
  if (!/^https?:\/\//i.test(value) || !URL.canParse(value)) return 'must be a file name in DATA_DIR (png, jpg, gif, webp or svg) or an https URL (example: logo.png)';
  const url = new URL(value);
  if (url.protocol !== 'https:') return 'must be an https URL or a file name in DATA_DIR (example: https://contoso.com/logo.png)';
  if (!hosts.includes(url.hostname.toLowerCase())) return `must be on this site's host or a REDIRECT_ALLOWLIST host, not ${url.hostname} (example: logo.png in DATA_DIR)`;
  return { url: url.href };
}
