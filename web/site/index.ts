import express, { Router, type ErrorRequestHandler, type Request, type RequestHandler } from 'express';
import session from 'express-session';
import { plainBranding, type Branding } from '../../src/domain/branding.ts';
import type { Logger } from '../../src/logger.ts';
import type { Services } from '../../src/services/index.ts';
import type { Store } from '../../src/store/port.ts';
import { noStore } from '../noStore.ts';
import { brandingRoutes, brandLocals } from './branding.ts';
import { siteCsrf } from './csrf.ts';
import { errorPage, methodNotAllowed, notFoundPage } from './errorPages.ts';
import { chooseLocale } from './i18n.ts';
import { microsoftSignIn, type MicrosoftSignInSettings } from './microsoftSignIn.ts';
import { DEFAULT_RATE_LIMITS, rateLimits, type RateLimitSettings } from './rateLimits.ts';
import { homeRoutes } from './routes/home.ts';
import { confirmRoutes } from './routes/confirm.ts';
import { microsoftRoutes } from './routes/microsoft.ts';
import { passwordRoutes } from './routes/password.ts';
import { profileRoutes } from './routes/profile.ts';
import { redeemRoutes } from './routes/redeem.ts';
import { registerRoutes } from './routes/register.ts';
import { signInRoutes } from './routes/signIn.ts';
import './responseLocals.ts';
import './sessionData.ts';
import { PortSessionStore } from './sessionStore.ts';
import type { SiteContext } from './siteContext.ts';

export type SiteSettings = {
  organisationName: string;
  publicBaseUrl: string;
  redirectAllowlist: readonly string[];
  openRegistration: boolean;
  sessionSecret: string;
  microsoft: Omit<MicrosoftSignInSettings, 'redirectUri'> | null;
  rateLimits?: RateLimitSettings;
  /** The organisation's look as the environment gives it (admins' stored values go over it); without it, its name on the product's colours. */
  branding?: Branding;
  /** Where a logo file named in the branding is. */
  dataDir?: string;
};

export const SESSION_COOKIE = 'invitedesk.sid';
const SESSION_MAX_AGE_MS = 8 * 60 * 60_000;

/** The customer redeem site: sessions in the store, CSRF on every form, languages, the routes. */
export function siteRouter(deps: { store: Store; services: Services; logger: Logger }, settings: SiteSettings): Router {
  const router = Router();
  const secure = settings.publicBaseUrl.startsWith('https://');
  const csrf = siteCsrf({ secret: settings.sessionSecret, secure, maxAgeMs: SESSION_MAX_AGE_MS });
  const ctx: SiteContext = {
    services: deps.services,
    logger: deps.logger,
    publicBaseUrl: settings.publicBaseUrl,
    redirectAllowlist: settings.redirectAllowlist,
    openRegistration: settings.openRegistration,
    microsoft: settings.microsoft ? microsoftSignIn({ ...settings.microsoft, redirectUri: `${settings.publicBaseUrl}/auth/microsoft/callback` }) : null,
    csrfToken: (req: Request) => csrf.token(req),
  };
  const limits = rateLimits(deps.store.ephemeral, deps.logger, settings.rateLimits ?? DEFAULT_RATE_LIMITS);
  const branding = settings.branding ?? plainBranding(settings.organisationName);
  const routes = [
    homeRoutes(ctx), redeemRoutes(ctx, limits), signInRoutes(ctx, limits), microsoftRoutes(ctx, limits), profileRoutes(ctx),
    passwordRoutes(ctx, limits), registerRoutes(ctx, limits), confirmRoutes(ctx),
  ];

  router.use(brandLocals(deps.services, branding));
  router.use(brandingRoutes(settings.dataDir ?? '.'));
  router.use(noStore);
  router.use(express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 50 }));
  router.use(session({
    name: SESSION_COOKIE,
    secret: settings.sessionSecret,
    store: new PortSessionStore(deps.store.ephemeral),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    proxy: secure,
    cookie: { httpOnly: true, sameSite: 'lax', secure, maxAge: SESSION_MAX_AGE_MS, path: '/' },
  }));
  router.use(chooseLocale);
  router.use(currentVisitor(deps.services));
  router.use(methodNotAllowed(routes));
  router.use(csrf.protection);
  router.use(...routes);
  router.use(notFoundPage);
  router.use(siteErrors(deps.logger));
  return router;
}

function currentVisitor(services: Services): RequestHandler {
  return (req, res, next) => {
    res.locals.user = null;
    if (!req.session.contactId) return next();
    services.customers.visitor(req.session.contactId, req.session.sessionGeneration ?? 0).then((visitor) => {
      // A session whose contact is gone or whose sessions were ended signs nobody in any more.
      if (!visitor) {
        req.session.contactId = undefined;
        req.session.sessionGeneration = undefined;
      }
      res.locals.user = visitor;
      next();
    }, next);
  };
}

/** A failed CSRF check or an unreadable form gets a readable page; anything else the generic one. */
function siteErrors(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    // A form too large or unreadable fails before the language is chosen: choose it from what the request says.
    if (!res.locals.t) chooseLocale(req, res, () => undefined);
    const code = (error as { code?: string }).code;
    const status = (error as { status?: number }).status;
    if (code === 'EBADCSRFTOKEN') return errorPage(req, res, 403, 'error.csrf');
    if (code === 'concurrent_change') {
      // The store was too busy to settle a contended write: nothing was changed, and trying again soon works.
      logger.warn({ err: error, method: req.method, path: req.path }, 'a contended write gave up');
      res.set('Retry-After', '2');
      return errorPage(req, res, 503, 'error.busy');
    }
    if (status && status >= 400 && status < 500) return errorPage(req, res, status);
    logger.error({ err: error, method: req.method, path: req.path }, 'request failed');
    errorPage(req, res, 500);
  };
}
