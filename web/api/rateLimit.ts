import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { EphemeralStore } from '../../src/store/port.ts';
import { PortRateLimitStore } from '../site/rateLimits.ts';
import { ApiProblem } from './problems.ts';

const WINDOW_MS = 60_000;

/**
 * Requests per minute per API client (its actor, so one client's callers share one limit),
 * counted in the store so the limit holds across processes. Past it: 429 with `Retry-After`.
 */
export function clientRateLimit(records: EphemeralStore, perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: perMinute,
    store: new PortRateLimitStore(records, 'api.rate'),
    keyGenerator: (_req, res) => String(res.locals.apiActor),
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    validate: { keyGeneratorIpFallback: false },
    handler: (req, _res, next) => {
      const resetTime = (req as typeof req & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : 60;
      next(new ApiProblem(429, 'rate_limited', `This API client made more than ${perMinute} requests in a minute. Try again in ${seconds} s.`, { headers: { 'Retry-After': String(seconds) } }));
    },
  });
}
