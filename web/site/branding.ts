import { extname, join, resolve } from 'node:path';
import { Router, type RequestHandler } from 'express';
import type { Branding } from '../../src/domain/branding.ts';

/** What every page shows of the organisation: name, logo, footer links (read by layout.hbs). */
export type SiteBrand = {
  organisation: string; logoSrc: string | null; supportEmail: string | null; portalUrl: string | null; privacyUrl: string | null; termsUrl: string | null;
};

export function siteBrand(branding: Branding): SiteBrand {
  return {
    organisation: branding.organisationName,
    logoSrc: branding.logo ? ('url' in branding.logo ? branding.logo.url : '/branding/logo') : null,
    supportEmail: branding.supportEmail, portalUrl: branding.portalUrl, privacyUrl: branding.privacyUrl, termsUrl: branding.termsUrl,
  };
}

/** Puts the brand in `res.locals` for every page, error pages included. */
export function brandLocals(brand: SiteBrand): RequestHandler {
  return (_req, res, next) => {
    res.locals.brand = brand;
    res.locals.organisation = brand.organisation;
    next();
  };
}

const IMAGE_TYPES: Readonly<Record<string, string>> = {
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp', '.svg': 'image/svg+xml',
};

/**
 * `/branding.css` (the organisation's colour as the site's accent), `/branding/logo` (a logo file
 * from DATA_DIR) and `/favicon.ico`. The colour was checked as `#rrggbb` at start, so it cannot
 * carry other CSS; the logo is sent with a CSP that lets an SVG run nothing.
 */
export function brandingRoutes(branding: Branding, dataDir: string): Router {
  const router = Router();
  const css = `:root { --accent: ${branding.colour}; }\n`;
  router.get('/branding.css', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').type('text/css').send(css);
  });
  router.get('/favicon.ico', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=86400').type('image/svg+xml').sendFile(new URL('../static/favicon.svg', import.meta.url).pathname);
  });
  if (branding.logo && 'file' in branding.logo) {
    const path = join(resolve(dataDir), branding.logo.file);
    const type = IMAGE_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
    router.get('/branding/logo', (_req, res, next) => {
      res.set({ 'Cache-Control': 'public, max-age=300', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox" }).type(type);
      res.sendFile(path, (error) => { if (error) next(); });
    });
  }
  return router;
}
