import { Router } from 'express';
import { page, query, type SiteContext } from '../siteContext.ts';

/** `/`: the sign-in page with its two tabs, "Sign in" and "Redeem invitation". */
export function homeRoutes(ctx: SiteContext): Router {
  const router = Router();
  router.get('/', (req, res) => {
    const redeemTab = query(req, 'tab') === 'redeem';
    const { t } = res.locals;
    page(ctx, req, res, 'home', { redeemTab, heading: t(redeemTab ? 'redeem.heading' : 'signIn.heading') });
  });
  return router;
}
