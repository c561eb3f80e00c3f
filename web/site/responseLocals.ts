import type { SiteLocale, Translate } from './i18n.ts';

/**
 * What the site's routes and views find in `res.locals`: the language (set by chooseLocale) and the
 * signed-in visitor (set by currentVisitor), both before any route of the site runs.
 */
declare global {
  namespace Express {
    interface Locals {
      locale: SiteLocale;
      t: Translate;
      user: { id: string; name: string } | null;
    }
  }
}
export {};
