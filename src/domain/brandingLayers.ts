import { BRANDING_FIELDS, brandingText, type Branding, type BrandingField, type StoredBranding } from './branding.ts';
import { parseBrandingValue, type BrandingRules } from './brandingRules.ts';

/** The environment's look (config) and what an admin's values are checked against. */
export type BrandingPolicy = {
  environment: Branding;
  /** The fields the environment set; the others are the product's defaults. */
  fromEnvironment: readonly BrandingField[];
  rules: BrandingRules;
  /** Where a logo file must be (DATA_DIR). */
  dataDir: string;
};

/** Where a field's effective value comes from: an admin's stored value, the environment, or the product's default. */
export type BrandingSource = 'stored' | 'environment' | 'default';

/** One field of the effective look: its value as text, its source, and who stored it (when stored). */
export type BrandingFieldState = {
  field: BrandingField;
  value: string | null;
  source: BrandingSource;
  updatedBy?: string;
  updatedAt?: Date;
  /** A stored value that today's rules refuse (REDIRECT_ALLOWLIST no longer names its logo host…): why it is not used. */
  refused?: string;
};

export type BrandingLayers = {
  /** The environment's look (config), the defaults filled in. */
  environment: Branding;
  /** The fields the environment set (the others are the product's defaults). */
  fromEnvironment: readonly BrandingField[];
  stored: StoredBranding;
  rules: BrandingRules;
};

/**
 * The look customers see: each stored field over the environment's. A stored value is checked
 * again against today's rules (they may have changed since it was stored); one they refuse is not
 * used, and the field says why.
 */
export function effectiveBranding({ environment, fromEnvironment, stored, rules }: BrandingLayers): { branding: Branding; fields: BrandingFieldState[] } {
  const branding: Record<string, unknown> = { ...environment };
  const fields = BRANDING_FIELDS.map((field): BrandingFieldState => {
    const fallback: BrandingFieldState = { field, value: brandingText(environment, field), source: fromEnvironment.includes(field) ? 'environment' : 'default' };
    const kept = stored[field];
    if (!kept) return fallback;
    const parsed = parseBrandingValue(field, kept.value, rules);
    if ('problem' in parsed) return { ...fallback, refused: `${kept.value} is stored but not used: ${parsed.problem}` };
    branding[field] = parsed.value;
    return { field, value: brandingText(branding as Branding, field), source: 'stored', updatedBy: kept.updatedBy, updatedAt: kept.updatedAt };
  });
  return { branding: Object.freeze(branding as Branding), fields };
}
