import { Router } from 'express';
import type { rateLimits } from '../rateLimits.ts';
import { explain, field, page, query, route, type SiteContext } from '../siteContext.ts';

/** Forgotten passwords: a mailed, single-use, expiring link to choose a new one. */
export function passwordRoutes(ctx: SiteContext, limits: ReturnType<typeof rateLimits>): Router {
  const router = Router();
  const { customers } = ctx.services;

  router.get('/password/forgot', (req, res) => {
    page(ctx, req, res, 'forgot', {});
  });

  router.post('/password/forgot', limits.resetMailByIp, limits.resetMailByAccount, route(async (req, res) => {
    await customers.requestPasswordReset(field(req, 'email'));
    page(ctx, req, res, 'forgot', { sent: true });
  }));

  router.get('/password/reset', route(async (req, res) => {
    const token = query(req, 'token');
    if (!(await customers.isResetTokenValid(token))) {
      return page(ctx, req, res, 'message', { heading: res.locals.t('reset.heading'), text: res.locals.t('reset_link_invalid'), isError: true, link: '/password/forgot', linkText: res.locals.t('forgot.heading') }, 410);
    }
    page(ctx, req, res, 'reset', { token });
  }));

  router.post('/password/reset', route(async (req, res) => {
    const token = field(req, 'token');
    try {
      const { unlinkedIdentities } = await customers.resetPassword(token, field(req, 'password'), field(req, 'confirm'));
      const text = unlinkedIdentities ? `${res.locals.t('reset.done')} ${res.locals.t('reset.identitiesUnlinked')}` : res.locals.t('reset.done');
      page(ctx, req, res, 'message', { heading: res.locals.t('reset.heading'), text });
    } catch (error) {
      const { message, status } = explain(res, error);
      page(ctx, req, res, 'reset', { token, error: message }, status);
    }
  }));

  return router;
}
