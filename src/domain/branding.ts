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

/** The parts of the look an admin may store over the environment's, in the order they are shown. */
export const BRANDING_FIELDS = ['organisationName', 'logo', 'colour', 'supportEmail', 'portalUrl', 'privacyUrl', 'termsUrl'] as const;
export type BrandingField = (typeof BRANDING_FIELDS)[number];

export function isBrandingField(value: string): value is BrandingField {
  return (BRANDING_FIELDS as readonly string[]).includes(value);
}

/** One stored field: its value as the admin typed it (checked when stored), who stored it and when. */
export type StoredBrandingValue = Readonly<{ value: string; updatedBy: string; updatedAt: Date }>;
/** What admins stored over the environment's look; a field not here comes from the environment. */
export type StoredBranding = Readonly<Partial<Record<BrandingField, StoredBrandingValue>>>;

/** A field's value as text (the logo as its file name or URL); null: none. */
export function brandingText(branding: Branding, field: BrandingField): string | null {
  const value = branding[field];
  if (value === null || typeof value === 'string') return value;
  return 'file' in value ? value.file : value.url;
}
