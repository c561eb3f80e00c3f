/** How the customer side looks: the organisation's name, logo, colour and links. */
export type Branding = Readonly<{
  organisationName: string;
  /** A file name in DATA_DIR (served at /branding/logo), or an https URL on this site's host or a REDIRECT_ALLOWLIST host; null: no logo. */
  logo: Readonly<{ file: string } | { url: string }> | null;
  /** `#rrggbb`, with at least WCAG AA contrast against white (buttons carry white text on it), checked at start. */
  colour: string;
  supportEmail: string | null;
  /** Where "Continue to the portal" leads after accepting; null: no such link. */
  portalUrl: string | null;
  privacyUrl: string | null;
  termsUrl: string | null;
}>;

export const DEFAULT_BRAND_COLOUR = '#0b57a4';

/** The look of a site or mail that was given only a name. */
export function plainBranding(organisationName: string): Branding {
  return { organisationName, logo: null, colour: DEFAULT_BRAND_COLOUR, supportEmail: null, portalUrl: null, privacyUrl: null, termsUrl: null };
}

/** Where the logo is read from by someone outside the site (a mail client): an absolute URL. */
export function absoluteLogoUrl(branding: Branding, publicBaseUrl: string): string | null {
  if (!branding.logo) return null;
  return 'url' in branding.logo ? branding.logo.url : `${publicBaseUrl}/branding/logo`;
}
