import { Router } from 'express';
import { isMessageKey } from '../i18n.ts';
import { page, query, route, type SiteContext } from '../siteContext.ts';

/** `/profile`: who the visitor is, their company and their access. */
export function profileRoutes(ctx: SiteContext): Router {
  const router = Router();
  router.get('/profile', route(async (req, res) => {
    const { t } = res.locals;
    const profile = req.session.contactId ? await ctx.services.customers.profile(req.session.contactId) : null;
    if (!profile) {
      return page(ctx, req, res, 'message', { heading: t('profile.heading'), text: t('error.signInRequired'), isError: true }, 401);
    }
    const notice = req.session.notice;
    req.session.notice = undefined;
    page(ctx, req, res, 'profile', { profile, welcome: query(req, 'welcome') === '1', error: notice && isMessageKey(notice) ? t(notice) : null });
  }));
  return router;
}
