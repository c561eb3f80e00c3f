import { Router, type Request, type Response } from 'express';
import { readCookie } from '../cookies.ts';
import type { rateLimits } from '../rateLimits.ts';
import { explain, field, page, query, route, type SiteContext } from '../siteContext.ts';

/**
 * The invitation being redeemed when the visitor asked for a reset, kept in this browser (never in
 * the mail: whoever asks could name any code), so "Sign in" after the reset leads back to it.
 */
const RESUME_COOKIE = 'invitedesk.resume';
const CODE_SHAPE = /^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/;

function resumeCode(req: Request): string | null {
  const code = readCookie(req, RESUME_COOKIE);
  return code && CODE_SHAPE.test(code) ? code : null;
}

function rememberCode(req: Request, res: Response, code: string): void {
  if (CODE_SHAPE.test(code)) res.cookie(RESUME_COOKIE, code, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/password', maxAge: 60 * 60_000 });
}

/** Forgotten passwords: a mailed, single-use, expiring link to choose a new one. */
export function passwordRoutes(ctx: SiteContext, limits: ReturnType<typeof rateLimits>): Router {
  const router = Router();
  const { customers } = ctx.services;

  router.get('/password/forgot', (req, res) => {
    const code = query(req, 'code');
    page(ctx, req, res, 'forgot', { code: CODE_SHAPE.test(code) ? code : null });
  });

  router.post('/password/forgot', limits.resetMailByIp, limits.resetMailByAccount, route(async (req, res) => {
    await customers.requestPasswordReset(field(req, 'email'), res.locals.locale);
    rememberCode(req, res, field(req, 'code'));
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
      const code = resumeCode(req);
      if (code) res.clearCookie(RESUME_COOKIE, { path: '/password' });
      page(ctx, req, res, 'message', { heading: res.locals.t('reset.heading'), text, ...(code ? { link: `/redeem?code=${code}`, linkText: res.locals.t('reset.backToInvitation') } : {}) });
    } catch (error) {
      const { message, status } = explain(res, error);
      page(ctx, req, res, 'reset', { token, error: message }, status);
    }
  }));

  return router;
}
