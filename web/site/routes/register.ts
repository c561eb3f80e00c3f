import { Router } from 'express';
import { finishAccess } from '../access.ts';
import type { rateLimits } from '../rateLimits.ts';
import { explain, field, page, route, visitContext, type SiteContext } from '../siteContext.ts';

/** `/register`: by invitation only, unless OPEN_REGISTRATION is on; the account is made once the mailed link is followed. */
export function registerRoutes(ctx: SiteContext, limits: ReturnType<typeof rateLimits>): Router {
  const router = Router();
  router.get('/register', (req, res) => {
    page(ctx, req, res, 'register', { open: ctx.openRegistration });
  });
  router.post('/register', limits.confirmMailByIp, limits.confirmMailByAccount, route(async (req, res) => {
    if (!ctx.openRegistration) return page(ctx, req, res, 'register', { open: false }, 403);
    const form = { firstName: field(req, 'firstName'), lastName: field(req, 'lastName'), email: field(req, 'email') };
    try {
      const outcome = await ctx.services.customers.register({ ...form, password: field(req, 'password'), confirm: field(req, 'confirm'), ...visitContext(req) });
      await finishAccess(ctx, req, res, outcome, '');
    } catch (error) {
      const { message, status } = explain(res, error);
      page(ctx, req, res, 'register', { open: true, form, error: message }, status);
    }
  }));
  return router;
}
