import type { Branding } from '../../src/domain/branding.ts';
import type { Visitor } from '../../src/services/customerSignIn.ts';
import type { SiteBrand } from './branding.ts';
import type { SiteLocale, Translate } from './i18n.ts';

/**
 * What the site's routes and views find in `res.locals`: the language (set by chooseLocale) and the
 * signed-in visitor (set by currentVisitor), both before any route of the site runs.
 */
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express's own types are a global namespace; this is how they are extended
  namespace Express {
    interface Locals {
      locale: SiteLocale;
      t: Translate;
      user: Visitor | null;
      /** The look customers see now (set by brandLocals, before any route of the site). */
      branding: Branding;
      brand: SiteBrand;
      organisation: string;
    }
  }
}
export {};
