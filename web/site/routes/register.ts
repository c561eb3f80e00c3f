import { Router } from 'express';
import { explain, field, page, route, signInAs, type SiteContext } from '../siteContext.ts';

/** `/register`: by invitation only, unless OPEN_REGISTRATION is on. */
export function registerRoutes(ctx: SiteContext): Router {
  const router = Router();
  router.get('/register', (req, res) => {
    page(ctx, req, res, 'register', { open: ctx.openRegistration });
  });
  router.post('/register', route(async (req, res) => {
    if (!ctx.openRegistration) return page(ctx, req, res, 'register', { open: false }, 403);
    const form = { firstName: field(req, 'firstName'), lastName: field(req, 'lastName'), email: field(req, 'email') };
    try {
      const contact = await ctx.services.customers.register({ ...form, password: field(req, 'password'), confirm: field(req, 'confirm') });
      await signInAs(req, contact.id);
      res.redirect(303, '/profile');
    } catch (error) {
      const { message, status } = explain(res, error);
      page(ctx, req, res, 'register', { open: true, form, error: message }, status);
    }
  }));
  return router;
}
