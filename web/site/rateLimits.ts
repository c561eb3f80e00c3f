import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit, type IncrementResponse, type Options, type Store } from 'express-rate-limit';
import type { Logger } from '../../src/logger.ts';
import type { EphemeralStore } from '../../src/store/port.ts';
import { errorPage } from './errorPages.ts';

/** express-rate-limit's store over the store port, so a limit holds across processes. */
export class PortRateLimitStore implements Store {
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
  errorPage(req, res, 429);
}

export type RateLimitSettings = {
  codeChecksPerMinute: number; signInsPerMinutePerIp: number; signInsPer15MinutesPerAccount: number; resetMailsPer15Minutes: number;
  /** Confirmation links asked for from one address: roomier than resets, for colleagues accepting from one office. */
  confirmationMailsPer15MinutesPerIp: number;
};

export const DEFAULT_RATE_LIMITS: RateLimitSettings = { codeChecksPerMinute: 10, signInsPerMinutePerIp: 20, signInsPer15MinutesPerAccount: 10, resetMailsPer15Minutes: 5, confirmationMailsPer15MinutesPerIp: 100 };

/**
 * A limit on refused attempts that holds however many arrive at once, on any number of processes
 * and in both stores: each attempt first takes a place in the address's window with the store's
 * atomic `hit`, and an attempt that finds no place left is answered 429 (its place given back).
 * An accepted answer (below 400) gives its place back, a refused one keeps it: so at most `limit`
 * attempts a window are refused with anything but 429, and accepted checks never use the limit up
 * (colleagues redeeming from one office address).
 *
 * Within this process the attempts of one address take turns, `limit` at a time, so a burst of
 * accepted checks waits for places instead of being refused while the others are in flight; an
 * address that used up its refusals on this process is answered from memory until its window ends
 * (the refusals kept only grow within a window, so that cannot be wrong). A full count is not
 * remembered: it holds places of checks still in flight, here or elsewhere, that may be accepted.
 * Attempts of one address in flight on several processes at the very same moment may still refuse each other.
 */
function refusalLimiter(records: EphemeralStore, logger: Logger, namespace: string, windowMs: number, limit: number): RequestHandler {
  const turns = new TurnTaking(limit);
  const usedUp = new UsedUpKeys(limit);
  const giveBack = async (key: string, resetAt: Date) => {
    const now = new Date();
    // A place in a window that has ended is gone with it: giving it back would count into the next.
    if (now >= resetAt) return;
    await records.hit(namespace, key, windowMs, now, -1).catch((error: unknown) => logger.error({ err: error, namespace }, 'could not give back a place in a rate limit'));
  };
  return (req, res, next) => {
    const key = ipKeyGenerator(req.ip ?? 'unknown');
    // Listen for the end of the response at once: a client that leaves while waiting for its turn
    // closes the response before any later listener could hear it, and its place would never come back.
    let closed = false;
    let whenClosed: (() => void) | null = null;
    res.once('close', () => {
      closed = true;
      whenClosed?.();
    });
    turns.take(key).then(async () => {
      // The next in turn comes in once this attempt's place is settled (kept or given back).
      const leave = () => turns.leave(key);
      if (closed) return leave();
      try {
        if (usedUp.has(key, new Date())) {
          leave();
          return tooMany(req, res);
        }
        const { count, resetAt } = await records.hit(namespace, key, windowMs, new Date());
        if (count > limit) {
          await giveBack(key, resetAt);
          leave();
          return tooMany(req, res);
        }
        whenClosed = () => {
          // Not answered (the client left first), answered with a page, or refused by another limit: no refusal to keep.
          const refused = res.headersSent && res.statusCode >= 400 && res.statusCode !== 429;
          if (refused) usedUp.kept(key, resetAt);
          void (refused ? Promise.resolve() : giveBack(key, resetAt)).then(leave);
        };
        if (closed) return whenClosed();
        next();
      } catch (error) {
        leave();
        next(error);
      }
    }, next);
  };
}

/**
 * The refusals this process kept per address, each until its window ends; an address that kept
 * `limit` of them here has used its window up and is answered without a store round trip.
 * Bounded: past `capacity` the ended windows are swept, then the oldest entries go (forgetting one
 * only costs that address a store round trip again).
 */
class UsedUpKeys {
  private readonly windows = new Map<string, { end: number; kept: number }>();
  private readonly limit: number;
  private readonly capacity: number;

  constructor(limit: number, capacity = 10_000) {
    this.limit = limit;
    this.capacity = capacity;
  }

  has(key: string, now: Date): boolean {
    const window = this.windows.get(key);
    if (window === undefined) return false;
    if (now.getTime() < window.end) return window.kept >= this.limit;
    this.windows.delete(key);
    return false;
  }

  /** One refusal kept in the window ending at `end` (a window that ended starts the count again). */
  kept(key: string, end: Date): void {
    const known = this.windows.get(key);
    const kept = known?.end === end.getTime() ? known.kept + 1 : 1;
    this.windows.delete(key);
    this.windows.set(key, { end: end.getTime(), kept });
    if (this.windows.size <= this.capacity) return;
    const now = Date.now();
    for (const [other, window] of this.windows) if (window.end <= now) this.windows.delete(other);
    for (const other of this.windows.keys()) {
      if (this.windows.size <= this.capacity) break;
      this.windows.delete(other);
    }
  }
}

/** Lets at most `width` holders of one key through at a time; the others wait their turn, first come first served. */
class TurnTaking {
  private readonly width: number;
  private readonly keys = new Map<string, { inside: number; waiting: (() => void)[] }>();

  constructor(width: number) {
    this.width = width;
  }

  take(key: string): Promise<void> {
    const entry = this.keys.get(key) ?? { inside: 0, waiting: [] };
    this.keys.set(key, entry);
    if (entry.inside < this.width) {
      entry.inside++;
      return Promise.resolve();
    }
    return new Promise((resolve) => entry.waiting.push(resolve));
  }

  leave(key: string): void {
    const entry = this.keys.get(key);
    if (!entry) return;
    const next = entry.waiting.shift();
    if (next) return next();
    if (--entry.inside === 0) this.keys.delete(key);
  }
}

/** The site's limits: code checks and sign-ins per IP, sign-ins and reset mails per account. */
export function rateLimits(records: EphemeralStore, logger: Logger, settings: RateLimitSettings = DEFAULT_RATE_LIMITS) {
  /** The typed address; anything but text (a crafted body) counts as none, never as one shared "[object Object]". */
  const accountKey = (req: Request) => {
    const email = (req.body as Record<string, unknown> | undefined)?.email;
    return (typeof email === 'string' ? email : '').trim().toLowerCase().slice(0, 254) || 'none';
  };
  const limiter = (namespace: string, windowMs: number, limit: number, keyGenerator?: (req: Request) => string, refusedOnly = false) => rateLimit({
    windowMs, limit, store: new PortRateLimitStore(records, namespace), handler: tooMany, standardHeaders: 'draft-8', legacyHeaders: false,
    skipSuccessfulRequests: refusedOnly,
    // TRUST_PROXY says whose X-Forwarded-For is believed: a caller sending one anyway is no misconfiguration to print.
    validate: { xForwardedForHeader: false, forwardedHeader: false, ...(keyGenerator ? { keyGeneratorIpFallback: false } : {}) },
    // A form without an address (a single invitation's password) is not counted against one shared "no address" key.
    ...(keyGenerator ? { keyGenerator, skip: (req: Request) => accountKey(req) === 'none' } : {}),
  });
  // Per account *and* address: a guesser or a mail-bomber elsewhere cannot lock the owner out of signing in or of their own mail.
  const accountFromAddress = (req: Request) => `${accountKey(req)} ${ipKeyGenerator(req.ip ?? 'unknown')}`;
  return {
    codeChecks: refusalLimiter(records, logger, 'rate:code', 60_000, settings.codeChecksPerMinute),
    signInByIp: limiter('rate:signin-ip', 60_000, settings.signInsPerMinutePerIp),
    signInByAccount: limiter('rate:signin-account', 15 * 60_000, settings.signInsPer15MinutesPerAccount, accountFromAddress, true),
    resetMailByIp: limiter('rate:reset-ip', 15 * 60_000, settings.resetMailsPer15Minutes),
    resetMailByAccount: limiter('rate:reset-account', 15 * 60_000, settings.resetMailsPer15Minutes, accountFromAddress),
    // Confirmation links (see services/emailProofs.ts) reach a mailbox like resets do: as few per address typed.
    confirmMailByIp: limiter('rate:confirm-ip', 15 * 60_000, settings.confirmationMailsPer15MinutesPerIp),
    confirmMailByAccount: limiter('rate:confirm-account', 15 * 60_000, settings.resetMailsPer15Minutes, accountFromAddress),
  };
}
