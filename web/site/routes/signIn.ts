import { Router } from 'express';
import { signInAndRedeem } from '../access.ts';
import type { rateLimits } from '../rateLimits.ts';
import { explain, field, page, route, type SiteContext } from '../siteContext.ts';

/** Local sign-in (optionally accepting a code in the same step) and sign-out. */
export function signInRoutes(ctx: SiteContext, limits: ReturnType<typeof rateLimits>): Router {
  const router = Router();
  const { customers } = ctx.services;

  router.post('/signin', limits.signInByIp, limits.signInByAccount, route(async (req, res) => {
    const code = field(req, 'code');
    const email = field(req, 'email');
    let contact;
    try {
      contact = await customers.signIn(email, field(req, 'password'));
    } catch (error) {
      const { message, status } = explain(res, error);
      const { t } = res.locals;
      return page(ctx, req, res, 'home', { heading: t('signIn.heading'), error: message, email, code, redirect: field(req, 'redirect') }, status);
    }
    await signInAndRedeem(ctx, req, res, contact, contact.signedInVia, code ? { code } : null, field(req, 'redirect'));
  }));

  router.get('/signout', (req, res) => {
    page(ctx, req, res, 'signout', {});
  });

  router.post('/signout', (req, res, next) => {
    req.session.destroy((error) => {
      if (error) return next(error);
      res.clearCookie('invitedesk.sid');
      const { t } = res.locals;
      res.locals.user = null;
      page(ctx, req, res, 'message', { heading: t('signOut.heading'), text: t('signOut.done') });
    });
  });

  return router;
}
