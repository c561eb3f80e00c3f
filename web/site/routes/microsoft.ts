import { Router, type Request, type Response } from 'express';
import type { ArrivingIdentity } from '../../../src/services/customerAccounts.ts';
import { finishAccess, signInAndRedeem } from '../access.ts';
import type { rateLimits } from '../rateLimits.ts';
import { explain, field, page, query, route, visitContext, type SiteContext } from '../siteContext.ts';

/** "Sign in with Microsoft": start (optionally with a code to accept), the callback, and the address form for identities without one. */
export function microsoftRoutes(ctx: SiteContext, limits: ReturnType<typeof rateLimits>): Router {
  const router = Router();
  const microsoft = ctx.microsoft;
  if (!microsoft) return router;
  const { customers } = ctx.services;

  const failure = (req: Request, res: Response, message: string, status: number) =>
    page(ctx, req, res, 'message', { heading: res.locals.t('signIn.microsoft'), text: message, isError: true }, status);

  /** What came back, as far as the services are concerned: the invitation waiting, the visitor signed in. */
  const visit = (req: Request) => ({
    ...visitContext(req, req.session.pendingRedirect), signedInContactId: req.res?.locals.user?.id ?? null,
    signedInVia: req.session.signedInVia ?? null,
    invitationId: req.session.pendingInvitationId ?? null,
  });

  // A sign-in starts only from a form of this site (CSRF-checked): a link from elsewhere could otherwise have a
  // browser that is signed in at the provider accept an invitation, or link an identity, without a click here.
  router.get('/auth/microsoft', (req, res) => {
    const code = query(req, 'code');
    res.redirect(303, code ? `/redeem?${new URLSearchParams({ code, ...(query(req, 'redirect') ? { redirect: query(req, 'redirect') } : {}) }).toString()}` : '/');
  });

  router.post('/auth/microsoft', (req, res, next) => (field(req, 'code') ? limits.codeChecks(req, res, next) : next()), route(async (req, res) => {
    const code = field(req, 'code');
    let invitationId: string | undefined;
    if (code) {
      try {
        invitationId = (await customers.checkCode(code)).id;
      } catch (error) {
        const { message, status } = explain(res, error);
        return failure(req, res, message, status);
      }
    }
    const { url, checks } = await microsoft.start();
    req.session.oidc = checks;
    req.session.pendingInvitationId = invitationId;
    req.session.pendingRedirect = field(req, 'redirect') || undefined;
    req.session.save((error) => (error ? failure(req, res, res.locals.t('microsoft_failed'), 500) : res.redirect(303, url)));
  }));

  // The callback may mail a confirmation link (b): it counts against the address's confirmation mails.
  router.get('/auth/microsoft/callback', limits.confirmMailByIp, route(async (req, res) => {
    const { oidc: checks } = req.session;
    if (!checks) return failure(req, res, res.locals.t('microsoft_failed'), 400);
    req.session.oidc = undefined;
    let identity: ArrivingIdentity;
    try {
      identity = await microsoft.finish(new URL(req.originalUrl, ctx.publicBaseUrl), checks);
    } catch (error) {
      ctx.logger.warn({ err: error }, 'Microsoft sign-in failed');
      return failure(req, res, res.locals.t('microsoft_failed'), 400);
    }
    await arrive(req, res, () => customers.identityArrived(identity, visit(req)), identity);
  }));

  router.post('/auth/microsoft/email', limits.confirmMailByIp, limits.confirmMailByAccount, route(async (req, res) => {
    const pending = req.session.pendingIdentity;
    const invitationId = req.session.pendingInvitationId;
    if (!pending || !invitationId) return failure(req, res, res.locals.t('microsoft_failed'), 400);
    const identity: ArrivingIdentity = { ...pending, email: null, emailVerified: false };
    await arrive(req, res, () => customers.identityWithTypedEmail(identity, field(req, 'email'), { ...visit(req), invitationId }), identity);
  }));

  /** Runs one step of the sign-in, then signs in, accepts the waiting invitation, or shows what is next. */
  async function arrive(req: Request, res: Response, step: () => ReturnType<typeof customers.identityArrived>, identity: ArrivingIdentity) {
    const invitationId = req.session.pendingInvitationId;
    const redirect = req.session.pendingRedirect ?? '';
    let outcome;
    try {
      outcome = await step();
    } catch (error) {
      const { message, status } = explain(res, error);
      if (req.path.endsWith('/email')) return page(ctx, req, res, 'microsoft-email', { heading: res.locals.t('microsoftEmail.heading'), error: message, email: field(req, 'email') }, status);
      return failure(req, res, message, status);
    }
    if (outcome.kind === 'need-email') {
      req.session.pendingIdentity = { issuer: identity.issuer, subject: identity.subject, firstName: identity.firstName, lastName: identity.lastName };
      return finishAccess(ctx, req, res, outcome, redirect);
    }
    req.session.pendingIdentity = undefined;
    if (outcome.kind !== 'signed-in' || !invitationId) {
      req.session.pendingInvitationId = undefined;
      return finishAccess(ctx, req, res, outcome, redirect);
    }
    // A linked identity (or one just linked to the signed-in visitor) accepts the waiting invitation as its contact.
    await signInAndRedeem(ctx, req, res, outcome.contact, outcome.via, { invitationId }, redirect);
  }

  return router;
}
