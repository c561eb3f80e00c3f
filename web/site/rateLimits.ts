import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit, type IncrementResponse, type Options, type Store } from 'express-rate-limit';
import type { Logger } from '../../src/logger.ts';
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

export type RateLimitSettings = {
  codeChecksPerMinute: number; signInsPerMinutePerIp: number; signInsPer15MinutesPerAccount: number; resetMailsPer15Minutes: number;
  /** Confirmation links asked for from one address: roomier than resets, for colleagues accepting from one office. */
  confirmationMailsPer15MinutesPerIp: number;
};

export const DEFAULT_RATE_LIMITS: RateLimitSettings = { codeChecksPerMinute: 10, signInsPerMinutePerIp: 20, signInsPer15MinutesPerAccount: 10, resetMailsPer15Minutes: 5, confirmationMailsPer15MinutesPerIp: 100 };

/**
 * A limit on refused attempts only: the address's count of refusals (answers of 400 and up) in the
 * current window is read before the request and added to after its answer. So accepted requests
 * never hold each other up (ten colleagues redeeming at once from one office address) and cost one
 * read, not express-rate-limit's count-then-uncount. The price: a burst of concurrent refused
 * attempts can pass the limit by as many as it sends at once, after which every attempt is refused.
 */
function refusalLimiter(records: EphemeralStore, logger: Logger, namespace: string, windowMs: number, limit: number): RequestHandler {
  return (req, res, next) => {
    const key = ipKeyGenerator(req.ip ?? 'unknown');
    records.get(namespace, key, new Date()).then((record) => {
      if (Number(record?.count ?? 0) >= limit) return tooMany(req, res);
      res.once('finish', () => {
        if (res.statusCode < 400 || res.statusCode === 429) return;
        records.hit(namespace, key, windowMs, new Date()).catch((error: unknown) => logger.error({ err: error, namespace }, 'could not count a refused attempt'));
      });
      next();
    }, next);
  };
}

/** The site's limits: code checks and sign-ins per IP, sign-ins and reset mails per account. */
export function rateLimits(records: EphemeralStore, logger: Logger, settings: RateLimitSettings = DEFAULT_RATE_LIMITS) {
  const accountKey = (req: Request) => String((req.body as Record<string, unknown> | undefined)?.email ?? '').trim().toLowerCase().slice(0, 254) || 'none';
  const limiter = (namespace: string, windowMs: number, limit: number, keyGenerator?: (req: Request) => string) => rateLimit({
    windowMs, limit, store: new PortRateLimitStore(records, namespace), handler: tooMany, standardHeaders: 'draft-8', legacyHeaders: false,
    // A form without an address (a single invitation's password) is not counted against one shared "no address" key.
    ...(keyGenerator ? { keyGenerator, skip: (req: Request) => accountKey(req) === 'none', validate: { keyGeneratorIpFallback: false } } : {}),
  });
  // Wrong passwords count per account *and* address: a guesser elsewhere cannot lock the owner out.
  const accountFromAddress = (req: Request) => `${accountKey(req)} ${ipKeyGenerator(req.ip ?? 'unknown')}`;
  return {
    // Only refused checks count, so colleagues redeeming from one office address are not locked out;
    // a guesser gets nothing but refusals.
    codeChecks: refusalLimiter(records, logger, 'rate:code', 60_000, settings.codeChecksPerMinute),
    signInByIp: limiter('rate:signin-ip', 60_000, settings.signInsPerMinutePerIp),
    signInByAccount: limiter('rate:signin-account', 15 * 60_000, settings.signInsPer15MinutesPerAccount, accountFromAddress),
    resetMailByIp: limiter('rate:reset-ip', 15 * 60_000, settings.resetMailsPer15Minutes),
    resetMailByAccount: limiter('rate:reset-account', 15 * 60_000, settings.resetMailsPer15Minutes, accountKey),
    // Confirmation links (see services/emailProofs.ts) reach a mailbox like resets do: as few per address typed.
    confirmMailByIp: limiter('rate:confirm-ip', 15 * 60_000, settings.confirmationMailsPer15MinutesPerIp),
    confirmMailByAccount: limiter('rate:confirm-account', 15 * 60_000, settings.resetMailsPer15Minutes, accountKey),
  };
}
