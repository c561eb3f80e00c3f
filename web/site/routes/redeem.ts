import { Router, type Request, type Response } from 'express';
import { localDateTime } from '../../../src/domain/dateText.ts';
import { formatCode, normaliseCode } from '../../../src/domain/inviteCode.ts';
import type { rateLimits } from '../rateLimits.ts';
import { finishAccess } from '../access.ts';
import { afterRedemption, clientInfo, explain, field, page, query, route, visitContext, type SiteContext } from '../siteContext.ts';

/**
 * Redeeming: the code (from the mail link or the form), the summary of what it gives, and the three
 * ways to accept it: as the signed-in visitor, by creating a password, or by signing in (see signIn.ts).
 */
export function redeemRoutes(ctx: SiteContext, limits: ReturnType<typeof rateLimits>): Router {
  const router = Router();
  const { customers } = ctx.services;

  async function showSummary(req: Request, res: Response, code: string, redirect: string, extra: Record<string, unknown> = {}, status = 200) {
    const { t } = res.locals;
    if (req.session.contactId && res.locals.user && await customers.acceptedBy(code, req.session.contactId)) {
      return page(ctx, req, res, 'message', { heading: t('summary.alreadyAccepted'), text: t('summary.alreadyAcceptedText'), link: '/profile', linkText: t('site.profile') });
    }
    try {
      const summary = await customers.invitationSummary(code);
      const canonical = formatCode(normaliseCode(code));
      const asked = extra.way ?? (query(req, 'way') || field(req, 'way'));
      const way = asked === 'signin' || asked === 'create' ? asked : summary.invitedHasSignIn ? 'signin' : 'create';
      page(ctx, req, res, 'redeem', {
        heading: t('summary.heading'), summary, code: canonical, redirect, signInFirst: way === 'signin',
        otherWay: `/redeem?${new URLSearchParams({ code: canonical, way: way === 'signin' ? 'create' : 'signin', ...(redirect ? { redirect } : {}) }).toString()}`,
        email: summary.invitedEmail ?? undefined,
        expires: summary.invitation.expiresAt ? localDateTime(summary.invitation.expiresAt, res.locals.locale) : null, ...extra,
      }, status);
    } catch (error) {
      const { message, status: errorStatus } = explain(res, error);
      page(ctx, req, res, 'home', { redeemTab: true, heading: res.locals.t('redeem.heading'), error: message, code: code.slice(0, 64), redirect }, errorStatus);
    }
  }

  router.get('/redeem', (req, res, next) => {
    if (!query(req, 'code')) return res.redirect(303, '/?tab=redeem');
    next();
  }, limits.codeChecks, route(async (req, res) => {
    await showSummary(req, res, query(req, 'code'), query(req, 'redirect'));
  }));

  router.post('/redeem', limits.codeChecks, route(async (req, res) => {
    await showSummary(req, res, field(req, 'code'), field(req, 'redirect'));
  }));

  router.post('/redeem/accept', limits.codeChecks, route(async (req, res) => {
    const code = field(req, 'code');
    const visitor = res.locals.user;
    if (!visitor) return showSummary(req, res, code, field(req, 'redirect'));
    try {
      const { invitation } = await customers.redeemAs(visitor.contact, { code }, clientInfo(req));
      res.redirect(303, afterRedemption(ctx, invitation.redirectUrl, field(req, 'redirect')));
    } catch (error) {
      const { message, status } = explain(res, error);
      await showSummary(req, res, code, field(req, 'redirect'), { error: message }, status);
    }
  }));

  router.post('/redeem/register', limits.codeChecks, limits.confirmMailByIp, limits.confirmMailByAccount, route(async (req, res) => {
    const code = field(req, 'code');
    const redirect = field(req, 'redirect');
    const form = { firstName: field(req, 'firstName'), lastName: field(req, 'lastName'), email: field(req, 'email') };
    try {
      const outcome = await customers.registerAndRedeem({ ...form, code, password: field(req, 'password'), confirm: field(req, 'confirm'), ...visitContext(req, redirect) });
      await finishAccess(ctx, req, res, outcome, redirect);
    } catch (error) {
      const { message, status, code: reason } = explain(res, error);
      // A password problem is shown at its field: the confirmation when the two differ, else the password.
      const invalid = reason === 'passwords_differ' ? 'confirm' : reason.startsWith('password') ? 'password' : null;
      await showSummary(req, res, code, redirect, { error: message, form, way: 'create', passwordInvalid: invalid === 'password', confirmInvalid: invalid === 'confirm' }, status);
    }
  }));

  return router;
}
