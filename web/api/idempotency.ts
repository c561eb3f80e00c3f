import { createHash } from 'node:crypto';
import type { Services } from '../../src/services/index.ts';

/** What a handler answers: the edge sends it, and a request key keeps it for a repeat. */
export type ApiAnswer = { status: number; body?: unknown; headers?: Record<string, string> };

/**
 * What makes two requests the same request for `Idempotency-Key`: the method, the path and the
 * body (its JSON with keys in order, so the same object sent twice matches however it is spelled).
 */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${path}\n${canonicalJson(body ?? null)}`).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Runs the request once per client and key (see `answerOncePerRequestKey`); `replayed` when the first answer is given again. */
export async function answerOnce(services: Services, actor: string, key: string, fingerprint: string, run: () => Promise<ApiAnswer>) {
  const { answer, replayed } = await services.requestKeys.answerOnce(actor, key, fingerprint, async () => ({ ...(await run()) }));
  return { answer: answer, replayed };
}
