import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { TrustProxy } from '../src/config.ts';
import type { Logger } from '../src/logger.ts';
import type { Services } from '../src/services/index.ts';
import type { Store } from '../src/store/port.ts';
import { apiRouter, type ApiSettings } from './api/index.ts';
import { devMailRouter } from './devMail.ts';
import { healthRouter } from './health.ts';
import { siteRouter, type SiteSettings } from './site/index.ts';

export type WebDependencies = {
  store: Store; services: Services; logger: Logger; devMailbox?: boolean; site?: SiteSettings;
  /** Which proxies are believed about the caller's address (`X-Forwarded-For`); loopback unless said. */
  trustProxy?: TrustProxy;
  /** The REST API at /api/v1 (docs/api.md), when it is served from this process. */
  api?: ApiSettings;
  /** The Teams bot's endpoint (POST /api/messages), when the bot runs in this process. */
  bot?: (req: express.Request, res: express.Response) => Promise<void>;
};

/** The HTTP application, without listening: entry points and tests decide where it runs. */
export function createApp(deps: WebDependencies): express.Express {
  const app = express();
  app.disable('x-powered-by');
  const trustProxy = deps.trustProxy ?? ['loopback'];
  app.set('trust proxy', Array.isArray(trustProxy) ? [...trustProxy] : trustProxy);
  const secure = deps.site?.publicBaseUrl.startsWith('https://') ?? false;
  app.use(helmet({
    contentSecurityPolicy: {
      directives: {
        'default-src': ["'self'"], 'script-src': ["'self'"], 'style-src': ["'self'"], 'img-src': ["'self'", ...logoOrigin(deps.site)],
        // Chrome applies form-action to the redirect after a form, so allowed redirect hosts are listed, and
        // the identity provider, which the "Sign in with Microsoft" form leads to.
        'form-action': ["'self'", ...(deps.site?.redirectAllowlist ?? []).map((host) => `https://${host}`), ...providerOrigin(deps.site)],
        'upgrade-insecure-requests': secure ? [] : null,
      },
    },
    strictTransportSecurity: secure,
  }));
  // Only origin-form (`/path`) and absolute-form (`http://host/path`) targets: with `*` or another
  // form the session middleware steps aside and the site would run without a session.
  app.use((req, res, next) => {
    if (req.url.startsWith('/') || /^https?:\/\//i.test(req.url)) return next();
    res.status(400).type('text/plain').send('This request could not be read.');
  });
  app.use(healthRouter(deps.store));
  app.use('/static', express.static(new URL('./static/', import.meta.url).pathname, { maxAge: '1h', index: false }));
  if (deps.bot) {
    const bot = deps.bot;
    app.post('/api/messages', express.json({ limit: '1mb' }), (req, res, next) => { bot(req, res).catch(next); });
  }
  if (deps.api) app.use('/api/v1', apiRouter(deps, deps.api));
  if (deps.devMailbox) app.use(devMailRouter(deps.store));
  if (deps.site) app.use(siteRouter(deps, deps.site));
  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}

/**
 * Where pages may show a logo from: the environment's logo URL, and every host an admin's stored
 * logo may be on (this site's and REDIRECT_ALLOWLIST's, https; the branding rules refuse others),
 * since a stored logo changes without a restart.
 */
function logoOrigin(site: SiteSettings | undefined): string[] {
  if (!site) return [];
  const logo = site.branding?.logo;
  const hosts = [new URL(site.publicBaseUrl).hostname, ...site.redirectAllowlist].map((host) => `https://${host}`);
  return [...new Set([...(logo && 'url' in logo ? [new URL(logo.url).origin] : []), ...hosts])];
}

function providerOrigin(site: SiteSettings | undefined): string[] {
  if (!site?.microsoft) return [];
  try {
    return [new URL(site.microsoft.issuer).origin];
  } catch {
    return [];
  }
}

const notFound: RequestHandler = (_req, res) => {
  res.status(404).type('text/plain').send('Not found');
};

function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const status = (error as { status?: number }).status;
    if (status && status >= 400 && status < 500) {
      res.status(status).type('text/plain').send('This request could not be read.');
      return;
    }
    logger.error({ err: error, method: req.method, path: req.path }, 'request failed');
    if (res.headersSent) return;
    res.status(500).type('text/plain').send('Something went wrong on our side. Please try again.');
  };
}
