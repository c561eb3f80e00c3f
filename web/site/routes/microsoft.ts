import { Router } from 'express';
import { formatCode, normaliseCode } from '../../../src/domain/inviteCode.ts';
import type { rateLimits } from '../rateLimits.ts';
import { afterRedemption, clientInfo, explain, page, query, route, signInAs, type SiteContext } from '../siteContext.ts';

/** "Sign in with Microsoft": start (optionally with a code to accept) and the callback. */
export function microsoftRoutes(ctx: SiteContext, limits: ReturnType<typeof rateLimits>): Router {
  const router = Router();
  const microsoft = ctx.microsoft;
  if (!microsoft) return router;
  const { customers } = ctx.services;
  const t = (res: { locals: Record<string, unknown> }) => res.locals.t as (key: string) => string;

  const failure = (req: Parameters<typeof page>[1], res: Parameters<typeof page>[2], message: string, status: number) =>
    page(ctx, req, res, 'message', { heading: t(res)('signIn.microsoft'), text: message, isError: true }, status);

  router.get('/auth/microsoft', (req, res, next) => (query(req, 'code') ? limits.codeChecks(req, res, next) : next()), route(async (req, res) => {
    const code = query(req, 'code');
    if (code) {
      try {
        await customers.invitationSummary(code);
      } catch (error) {
        const { message, status } = explain(res, error);
        return failure(req, res, message, status);
      }
    }
    const { url, checks } = await microsoft.start();
    req.session.oidc = checks;
    req.session.pendingCode = code ? formatCode(normaliseCode(code)) : undefined;
    req.session.pendingRedirect = query(req, 'redirect') || undefined;
    req.session.save((error) => (error ? failure(req, res, t(res)('microsoft_failed'), 500) : res.redirect(303, url)));
  }));

  router.get('/auth/microsoft/callback', route(async (req, res) => {
    const { oidc: checks, pendingCode, pendingRedirect } = req.session;
    if (!checks) return failure(req, res, t(res)('microsoft_failed'), 400);
    req.session.oidc = undefined;
    let identity;
    try {
      identity = await microsoft.finish(new URL(req.originalUrl, ctx.publicBaseUrl), checks);
    } catch (error) {
      ctx.logger.warn({ err: error }, 'Microsoft sign-in failed');
      return failure(req, res, t(res)('microsoft_failed'), 400);
    }
    let contactId: string;
    try {
      contactId = (await customers.contactForIdentity({ issuer: identity.issuer, subject: identity.subject }, identity, pendingCode ?? null)).id;
    } catch (error) {
      const { message, status } = explain(res, error);
      return failure(req, res, message, status);
    }
    await signInAs(req, contactId);
    if (!pendingCode) return res.redirect(303, '/profile');
    try {
      const { invitation } = await customers.redeemAs(contactId, pendingCode, clientInfo(req));
      res.redirect(303, afterRedemption(ctx, invitation.redirectUrl, pendingRedirect));
    } catch (error) {
      explain(res, error);
      req.session.notice = (error as { code: string }).code;
      res.redirect(303, '/profile');
    }
  }));

  return router;
}
