import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import type { Logger } from '../src/logger.ts';
import type { Services } from '../src/services/index.ts';
import type { Store } from '../src/store/port.ts';
import { devMailRouter } from './devMail.ts';
import { healthRouter } from './health.ts';

export type WebDependencies = { store: Store; services: Services; logger: Logger; devMailbox?: boolean };

/** The HTTP application, without listening: entry points and tests decide where it runs. */
export function createApp(deps: WebDependencies): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(healthRouter(deps.store));
  if (deps.devMailbox) app.use(devMailRouter(deps.store));
  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}

const notFound: RequestHandler = (_req, res) => {
  res.status(404).type('text/plain').send('Not found');
};

function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    logger.error({ err: error, method: req.method, path: req.path }, 'request failed');
    if (res.headersSent) return;
    res.status(500).type('text/plain').send('Something went wrong on our side. Please try again.');
  };
}
