import { Router, type Request, type Response } from 'express';
import { finishAccess } from '../access.ts';
import { clientInfo, explain, field, page, query, route, type SiteContext } from '../siteContext.ts';

/**
 * `/confirm?token=…`: the link mailed to prove an address. In the browser that asked, opening it
 * finishes what was asked (a GET is safe here: without that session's cookie it changes nothing, so
 * mail scanners that open links do no harm). Anywhere else, a password request asks for the
 * password here; an identity request says where to open the link.
 */
export function confirmRoutes(ctx: SiteContext): Router {
  const router = Router();
  const { customers } = ctx.services;

  async function confirm(req: Request, res: Response, token: string, password?: string, confirmPassword?: string) {
    try {
      const confirmed = await customers.confirmEmail(token, { sessionNonce: req.session.proofNonce ?? null, password, confirm: confirmPassword, ...clientInfo(req) });
      req.session.proofNonce = undefined;
      const outcome = confirmed.invitation
        ? { kind: 'redeemed' as const, contact: confirmed.contact, invitation: confirmed.invitation, via: null }
        : { kind: 'signed-in' as const, contact: confirmed.contact, via: null };
      await finishAccess(ctx, req, res, outcome, confirmed.redirect ?? '');
    } catch (error) {
      const { message, status } = explain(res, error);
      if (password !== undefined && status < 410 && (error as { code?: string }).code?.startsWith('password')) {
        return page(ctx, req, res, 'confirm-password', { heading: res.locals.t('confirm.heading'), token, error: message }, status);
      }
      page(ctx, req, res, 'message', { heading: res.locals.t('confirm.heading'), text: message, isError: true }, status);
    }
  }

  router.get('/confirm', route(async (req, res) => {
    const token = query(req, 'token');
    const opened = await customers.openConfirmation(token, req.session.proofNonce ?? null);
    if (!opened) return page(ctx, req, res, 'message', { heading: res.locals.t('confirm.heading'), text: res.locals.t('confirm_link_invalid'), isError: true }, 410);
    if (opened.sameBrowser) return confirm(req, res, token);
    if (opened.credential === 'password') return page(ctx, req, res, 'confirm-password', { heading: res.locals.t('confirm.heading'), token, email: opened.email });
    page(ctx, req, res, 'message', { heading: res.locals.t('confirm.heading'), text: res.locals.t('confirm_other_browser'), isError: true }, 409);
  }));

  router.post('/confirm', route(async (req, res) => {
    await confirm(req, res, field(req, 'token'), field(req, 'password'), field(req, 'confirm'));
  }));

  return router;
}
