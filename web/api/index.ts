import { Router } from 'express';
import type { Logger } from '../../src/logger.ts';
import type { Services } from '../../src/services/index.ts';
import type { Store } from '../../src/store/port.ts';
import { apiAuthenticator, type TokenVerifier } from './auth.ts';
import { docsPage } from './docsPage.ts';
import { entraTokenVerifier, type EntraTokenSettings } from './entraTokens.ts';
import { API_HANDLERS } from './handlers/index.ts';
import { OPENAPI } from './openapi/document.ts';
import { documentValidators } from './openapi/validation.ts';
import { ApiProblem } from './problems.ts';
import { clientRateLimit } from './rateLimit.ts';
import { apiErrorHandler, operationRoutes } from './router.ts';

export type ApiSettings = {
  /** Null: API keys only. */
  entra: EntraTokenSettings | null;
  ratePerMinute: number;
  /** Tests: how soon the issuer's keys may be fetched again for a token that names an unknown key. */
  keysCooldownMs?: number;
  /** Tests: another token check in place of Entra's. */
  verifyToken?: TokenVerifier;
};

/** The REST API, mounted at /api/v1: its document, its docs page, and its operations. */
export function apiRouter(deps: { store: Store; services: Services; logger: Logger }, settings: ApiSettings): Router {
  const router = Router();
  const verifyToken = settings.verifyToken
    ?? (settings.entra ? entraTokenVerifier(settings.entra, deps.services.clock, { cooldownMs: settings.keysCooldownMs }) : null);
  router.get('/openapi.json', (_req, res) => { res.set('Cache-Control', 'no-cache').json(OPENAPI); });
  router.use(docsPage());
  router.use(operationRoutes(OPENAPI, API_HANDLERS, {
    services: deps.services,
    validators: documentValidators(OPENAPI),
    authenticate: apiAuthenticator(deps.services, verifyToken),
    rateLimit: clientRateLimit(deps.store.ephemeral, settings.ratePerMinute),
    logger: deps.logger,
  }));
  router.use((req, _res, next) => next(new ApiProblem(404, 'not_found', `There is no ${req.method} ${req.baseUrl}${req.path} in this API.`)));
  router.use(apiErrorHandler(deps.logger));
  return router;
}
