import { extname, join, resolve } from 'node:path';
import { Router, type RequestHandler, type Response } from 'express';
import type { Branding } from '../../src/domain/branding.ts';
import type { Services } from '../../src/services/index.ts';

/** What every page shows of the organisation: name, logo, accent style sheet, footer links (read by layout.hbs). */
export type SiteBrand = {
  organisation: string; logoSrc: string | null; stylesheet: string; supportEmail: string | null; portalUrl: string | null; privacyUrl: string | null; termsUrl: string | null;
};

export function siteBrand(branding: Branding): SiteBrand {
  return {
    organisation: branding.organisationName,
    logoSrc: branding.logo ? ('url' in branding.logo ? branding.logo.url : '/branding/logo') : null,
    // The colour in the address: a browser that kept the old style sheet fetches the new one as soon as the colour changes.
    stylesheet: `/branding-${branding.colour.slice(1)}.css`,
    supportEmail: branding.supportEmail, portalUrl: branding.portalUrl, privacyUrl: branding.privacyUrl, termsUrl: branding.termsUrl,
  };
}

/**
 * Puts the look customers see now in `res.locals` for every page, error pages included: the
 * admins' stored values over `environment` (the site's settings), as the branding service keeps
 * them per process (re-read every 30 s, not per request).
 */
export function brandLocals(services: Services, environment: Branding): RequestHandler {
  const use = (res: Response, branding: Branding) => {
    res.locals.branding = branding;
    res.locals.brand = siteBrand(branding);
    res.locals.organisation = branding.organisationName;
  };
  return (_req, res, next) => {
    services.branding.current(environment).then((branding) => {
      use(res, branding);
      next();
    }, (error: unknown) => {
      // The store did not answer: the error page still wears the environment's look.
      use(res, environment);
      next(error);
    });
  };
}

const IMAGE_TYPES: Readonly<Record<string, string>> = {
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp', '.svg': 'image/svg+xml',
};

/**
 * `/branding.css` and `/branding-<colour>.css` (the organisation's colour as the site's accent), `/branding/logo` (a logo file
 * from DATA_DIR) and `/favicon.ico`, from the look `brandLocals` put in `res.locals`. The colour was
 * checked as `#rrggbb`, so it cannot carry other CSS; the logo is sent with a CSP that lets an SVG
 * run nothing.
 */
export function brandingRoutes(dataDir: string): Router {
  const router = Router();
  // `/branding-<colour>.css` is what pages link (see siteBrand); either name serves the colour of now.
  router.get(/^\/branding(-[0-9a-f]{6})?\.css$/, (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').type('text/css').send(`:root { --accent: ${res.locals.branding.colour}; }\n`);
  });
  router.get('/favicon.ico', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=86400').type('image/svg+xml').sendFile(new URL('../static/favicon.svg', import.meta.url).pathname);
  });
  router.get('/branding/logo', (_req, res, next) => {
    const { logo } = res.locals.branding;
    if (!logo || !('file' in logo)) return next();
    const path = join(resolve(dataDir), logo.file);
    res.set({ 'Cache-Control': 'public, max-age=300', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox" })
      .type(IMAGE_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream');
    res.sendFile(path, (error) => { if (error) next(); });
  });
  return router;
}
