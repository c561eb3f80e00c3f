import { createHash } from 'node:crypto';
import type { Services } from '../../src/services/index.ts';

/**
 * What a handler answers: the edge sends it, and a request key keeps it for a repeat. `stream`
 * (a GET only) is sent line by line as it is read, never held whole.
 */
export type ApiAnswer = { status: number; body?: unknown; headers?: Record<string, string>; stream?: StreamedBody };
export type StreamedBody = { mediaType: string; lines: AsyncIterable<string> };

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

/** Marks a kept answer whose invitation code was left out: a repeat reads it again from the invitation. */
const CODE_WITHHELD = 'codeWithheld';

/**
 * Runs the request once per client and key (see `answerOncePerRequestKey`); `replayed` when the
 * first answer is given again. An invitation code in full is not kept in the clear (the store keeps
 * codes only as a look-up key and a sealed copy): a repeat reads it from the invitation again.
 */
export async function answerOnce(services: Services, actor: string, key: string, fingerprint: string, run: () => Promise<ApiAnswer>) {
  const { answer, replayed } = await services.requestKeys.answerOnce<Record<string, unknown>>(actor, key, fingerprint, async () => ({ ...(await run()) }), withoutCode);
  const given = answer as ApiAnswer & { [CODE_WITHHELD]?: boolean };
  if (!replayed || !given[CODE_WITHHELD]) return { answer: given as ApiAnswer, replayed };
  const { [CODE_WITHHELD]: _withheld, ...kept } = given;
  const body = kept.body as { id: string };
  const { code } = await services.invitations.details(actor, body.id, { revealCode: true });
  return { answer: { ...kept, body: { ...body, code } }, replayed };
}

function withoutCode(answer: Record<string, unknown>): Record<string, unknown> {
  const body = answer.body as Record<string, unknown> | undefined;
  // A masked code (`7KQM-••••-••••-4WPC`) may be kept; one in full is not.
  if (!body || typeof body.code !== 'string' || typeof body.id !== 'string' || !/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/.test(body.code)) return answer;
  return { ...answer, body: { ...body, code: null }, [CODE_WITHHELD]: true };
}
