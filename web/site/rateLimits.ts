import type { Request, Response } from 'express';
import { rateLimit, type IncrementResponse, type Options, type Store } from 'express-rate-limit';
import type { EphemeralStore } from '../../src/store/port.ts';
import { renderPage } from './render.ts';

/** express-rate-limit's store over the store port, so a limit holds across processes. */
class PortRateLimitStore implements Store {
  private readonly records: EphemeralStore;
  private readonly namespace: string;
  private windowMs = 60_000;
  readonly localKeys = false;

  constructor(records: EphemeralStore, namespace: string) {
    this.records = records;
    this.namespace = namespace;
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<IncrementResponse> {
    const { count, resetAt } = await this.records.hit(this.namespace, key, this.windowMs, new Date());
    return { totalHits: count, resetTime: resetAt };
  }

  async decrement(key: string): Promise<void> {
    await this.records.hit(this.namespace, key, this.windowMs, new Date(), -1);
  }

  async resetKey(key: string): Promise<void> {
    await this.records.delete(this.namespace, key);
  }
}

function tooMany(req: Request, res: Response): void {
  const t = res.locals.t as (key: string) => string;
  renderPage(req, res, 'message', { title: t('error.heading'), heading: t('error.heading'), text: t('error.rateLimited'), isError: true }, 429);
}

export type RateLimitSettings = { codeChecksPerMinute: number; signInsPerMinutePerIp: number; signInsPer15MinutesPerAccount: number; resetMailsPer15Minutes: number };

export const DEFAULT_RATE_LIMITS: RateLimitSettings = { codeChecksPerMinute: 10, signInsPerMinutePerIp: 20, signInsPer15MinutesPerAccount: 10, resetMailsPer15Minutes: 5 };

/** The site's limits: code checks and sign-ins per IP, sign-ins and reset mails per account. */
export function rateLimits(records: EphemeralStore, settings: RateLimitSettings = DEFAULT_RATE_LIMITS) {
  const limiter = (namespace: string, windowMs: number, limit: number, keyGenerator?: (req: Request) => string, onlyFailures = false) => rateLimit({
    windowMs, limit, store: new PortRateLimitStore(records, namespace), handler: tooMany, standardHeaders: 'draft-8', legacyHeaders: false,
    skipSuccessfulRequests: onlyFailures,
    ...(keyGenerator ? { keyGenerator, validate: { keyGeneratorIpFallback: false } } : {}),
  });
  const accountKey = (req: Request) => String((req.body as Record<string, unknown> | undefined)?.email ?? '').trim().toLowerCase().slice(0, 254) || 'none';
  return {
    // Only refused checks count, so colleagues redeeming from one office address are not locked out;
    // a guesser gets nothing but refusals.
    codeChecks: limiter('rate:code', 60_000, settings.codeChecksPerMinute, undefined, true),
    signInByIp: limiter('rate:signin-ip', 60_000, settings.signInsPerMinutePerIp),
    signInByAccount: limiter('rate:signin-account', 15 * 60_000, settings.signInsPer15MinutesPerAccount, accountKey),
    resetMailByIp: limiter('rate:reset-ip', 15 * 60_000, settings.resetMailsPer15Minutes),
    resetMailByAccount: limiter('rate:reset-account', 15 * 60_000, settings.resetMailsPer15Minutes, accountKey),
  };
}
