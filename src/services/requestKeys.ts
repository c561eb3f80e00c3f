import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConflictError, RequestKeyReusedError, ValidationError } from '../domain/errors.ts';
import { phrase } from '../domain/phrases.ts';
import type { Actor, ServiceContext } from './context.ts';

/**
 * Request keys: a client names one request (a form instance's nonce, an API Idempotency-Key), and
 * however often that request arrives, from one actor, even at the same instant in several
 * processes, it makes one thing, and every arrival is answered with that thing.
 *
 * The thing made under a key gets an id derived from the actor and the key, so a repeat finds it by
 * id. Making it is claimed first with the store's atomic counter (`ephemeral.hit`, exact on both
 * adapters): the first claimer makes it; the others wait until it exists. A claimer that fails
 * gives the claim back, so the same key may be sent again, corrected.
 */

const NAMESPACE = 'request-key';
/** How long a claim lasts: a holder that crashed before making anything frees the key after this. */
const CLAIM_MS = 10 * 60_000;
/** How long a repeat waits for the first arrival to finish, in pauses that grow. */
const WAITS_MS = [5, 10, 20, 40, 80, 160, 250, 250, 250, 250, 250, 250, 250, 250, 250, 250, 250, 250, 250, 250, 250, 250, 250, 250];

export const MAX_REQUEST_KEY_LENGTH = 200;

/** A key as clients may send it: 1–200 characters, none of them control characters. */
export function checkRequestKey(key: string): string {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_REQUEST_KEY_LENGTH || /[\u0000-\u001f\u007f]/.test(key)) {
    throw new ValidationError([{ field: 'requestKey', message: `is 1 to ${MAX_REQUEST_KEY_LENGTH} characters, without line breaks` }]);
  }
  return key;
}

/** The id of what the actor's request with this key makes: UUID-shaped (version 8), the same every time. */
export function requestKeyId(actor: Actor, key: string): string {
  const hex = createHash('sha256').update(`${actor}\n${key}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Makes what the request asks for once per (actor, key): `find` looks for what an earlier arrival
 * made under the id, `make` makes it with that id. `replayed` says whether this arrival found it.
 */
export async function oncePerRequestKey<T>(
  ctx: ServiceContext, actor: Actor, key: string,
  steps: { find: (id: string) => Promise<T | null>; make: (id: string) => Promise<T> },
): Promise<T & { replayed: boolean }> {
  const id = requestKeyId(actor, checkRequestKey(key));
  for (const wait of [...WAITS_MS, null]) {
    const found = await steps.find(id);
    if (found) return { ...found, replayed: true };
    const { count } = await ctx.store.ephemeral.hit(NAMESPACE, id, CLAIM_MS, ctx.clock());
    if (count === 1) {
      try {
        return { ...(await steps.make(id)), replayed: false };
      } catch (error) {
        await ctx.store.ephemeral.delete(NAMESPACE, id);
        throw error;
      }
    }
    if (wait === null) break;
    await sleep(wait);
  }
  throw new ConflictError(phrase('request.stillServed'), `request key of ${actor} still claimed`);
}

const ANSWERS = 'request-key.answer';
const ANSWER_CLAIMS = 'request-key.answer-claim';
/** How long the first answer to a key is kept: a repeat within this time is answered with it. */
export const ANSWER_LIFETIME_MS = 24 * 3_600_000;

/** A JSON answer (an API response as the edge made it) and the fingerprint of the request it answered. */
type StoredAnswer<T> = { fingerprint: string; answer: T };

/**
 * Answers a request once per (actor, key), for requests that are not "make one thing" (an API
 * POST of any kind): the first arrival runs `make` and its answer (JSON) is kept for a day; a
 * repeat with the same `fingerprint` (what the edge says makes two requests the same: method,
 * path, body) gets that answer, even while the first is still running; a repeat with another
 * fingerprint is refused with RequestKeyReusedError. A `make` that fails keeps nothing, so the
 * key may be sent again, corrected. `keep` gives what is kept of the answer (without what must not
 * be stored in the clear, such as an invitation code); a repeat is answered with that.
 */
export async function answerOncePerRequestKey<T extends Record<string, unknown>>(
  ctx: ServiceContext, actor: Actor, key: string, fingerprint: string, make: () => Promise<T>, keep: (answer: T) => T = (answer) => answer,
): Promise<{ answer: T; replayed: boolean }> {
  const id = requestKeyId(actor, checkRequestKey(key));
  for (const wait of [...WAITS_MS, null]) {
    const stored = await ctx.store.ephemeral.get(ANSWERS, id, ctx.clock()) as StoredAnswer<T> | null;
    if (stored) {
      if (stored.fingerprint !== fingerprint) throw new RequestKeyReusedError();
      return { answer: stored.answer, replayed: true };
    }
    const { count } = await ctx.store.ephemeral.hit(ANSWER_CLAIMS, id, CLAIM_MS, ctx.clock());
    if (count === 1) {
      try {
        const answer = await make();
        const kept: StoredAnswer<T> = { fingerprint, answer: JSON.parse(JSON.stringify(keep(answer))) as T };
        await ctx.store.ephemeral.put(ANSWERS, id, kept, new Date(ctx.clock().getTime() + ANSWER_LIFETIME_MS));
        return { answer, replayed: false };
      } catch (error) {
        await ctx.store.ephemeral.delete(ANSWER_CLAIMS, id);
        throw error;
      }
    }
    if (wait === null) break;
    await sleep(wait);
  }
  throw new ConflictError(phrase('request.stillServed'), `request key of ${actor} still claimed`);
}

/** Request keys for the edges that answer requests (the API's `Idempotency-Key`). */
export function requestKeyService(ctx: ServiceContext) {
  return {
    answerOnce: <T extends Record<string, unknown>>(actor: Actor, key: string, fingerprint: string, make: () => Promise<T>, keep?: (answer: T) => T) =>
      answerOncePerRequestKey(ctx, actor, key, fingerprint, make, keep),
  };
}
