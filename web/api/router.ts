import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import express, { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import type { ApiClient } from '../../src/domain/apiClient.ts';
import type { Logger } from '../../src/logger.ts';
import type { Services } from '../../src/services/index.ts';
import { answerOnce, requestFingerprint, type ApiAnswer, type StreamedBody } from './idempotency.ts';
import type { OpenApiDocument, Operation } from './openapi/document.ts';
import type { documentValidators, RequestValidator } from './openapi/validation.ts';
import { ApiProblem, internalProblem, problemOf, sendProblem } from './problems.ts';

/** One request as a handler sees it: checked against the document, with the services of its client. */
export type ApiCall = {
  services: Services;
  actor: string;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  /** The version `If-Match` names (`"v3"`), or undefined without one (or with `*`). */
  ifVersion: number | undefined;
  /** `If-Match` as an opaque tag (a contact's), undefined when absent or `*`. */
  ifTag: string | undefined;
  idempotencyKey: string | undefined;
};
export type ApiHandler = (call: ApiCall) => Promise<ApiAnswer>;

type Validators = ReturnType<typeof documentValidators>;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * The routes of the document: each operation at its path, its handler found by `operationId`
 * (a handler without an operation, or an operation without a handler, fails at start). Every
 * request is authenticated, counted against its client's limit, checked against the document,
 * and answered once per `Idempotency-Key` when it is a POST.
 */
export function operationRoutes(document: OpenApiDocument, handlers: Record<string, ApiHandler>, deps: {
  services: Services; validators: Validators; authenticate: (req: Request) => Promise<ApiClient>; rateLimit: RequestHandler; logger: Logger;
}): Router {
  const router = Router();
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => (item[method] ? [{ path, method, operation: item[method] }] : [])));
  const missing = operations.filter(({ operation }) => !handlers[operation.operationId]).map(({ operation }) => operation.operationId);
  const extra = Object.keys(handlers).filter((id) => !operations.some(({ operation }) => operation.operationId === id));
  if (missing.length || extra.length) throw new Error(`API handlers and the OpenAPI document differ: no handler for ${missing.join(', ') || '-'}; no operation for ${extra.join(', ') || '-'}`);

  const authenticate: RequestHandler = (req, res, next) => {
    deps.authenticate(req).then((client) => {
      res.locals.apiClient = client;
      res.locals.apiActor = client.actor;
      next();
    }, next);
  };
  router.use(express.json({ limit: '2mb', type: ['application/json', 'application/*+json'] }));
  for (const { path, method, operation } of operations) {
    router[method](expressPath(path), authenticate, deps.rateLimit, serve(operation, handlers[operation.operationId]!, method, deps));
  }
  for (const path of new Set(operations.map((o) => o.path))) {
    const allowed = operations.filter((o) => o.path === path).map((o) => o.method.toUpperCase()).join(', ');
    router.all(expressPath(path), (_req, _res, next) => next(new ApiProblem(405, 'method_not_allowed', `This path answers ${allowed}.`, { headers: { Allow: allowed } })));
  }
  return router;
}

function serve(operation: Operation, handler: ApiHandler, method: string, deps: { services: Services; validators: Validators }): RequestHandler {
  let validator: RequestValidator | null = null;
  return (req, res, next) => {
    validator ??= deps.validators.requestValidator(operation);
    const client = res.locals.apiClient as ApiClient;
    const params = { ...req.params } as Record<string, string>;
    const query = { ...(req.query as Record<string, unknown>) };
    const header = Object.fromEntries(['idempotency-key', 'if-match'].flatMap((name) => (req.get(name) === undefined ? [] : [[name, req.get(name)]])));
    const problems = [...validator.parameters({ path: params, query, header }), ...(validator.takesBody ? validator.body(req.body) : [])];
    if (problems.length) return next(new ApiProblem(400, 'invalid_input', 'The request does not match the API description.', { errors: problems }));
    const services = deps.services.forApiClient(client);
    const idempotencyKey = header['idempotency-key'];
    const call: ApiCall = { services, actor: client.actor, params, query, body: req.body, ifVersion: versionOf(header['if-match']), ifTag: tagOf(header['if-match']), idempotencyKey };
    const run = () => handler(call);
    const answered = method === 'post' && idempotencyKey
      ? answerOnce(services, client.actor, idempotencyKey, requestFingerprint(method, req.originalUrl.split('?')[0]!, req.body), run)
      : run().then((answer) => ({ answer, replayed: false }));
    answered.then(({ answer, replayed }) => send(res, answer, replayed), next).catch(next);
  };
}

async function send(res: Response, answer: ApiAnswer, replayed: boolean): Promise<void> {
  res.status(answer.status).set(answer.headers ?? {});
  if (replayed) res.set('Idempotent-Replayed', 'true');
  res.set('Cache-Control', 'no-store');
  if (answer.stream) await sendStream(res, answer.stream);
  else if (answer.body === undefined) res.end();
  else res.json(answer.body);
}

/** Lines written as they come, at the pace the client reads them (memory stays flat for any length). */
async function sendStream(res: Response, stream: StreamedBody): Promise<void> {
  res.type(stream.mediaType);
  const lines = stream.lines;
  const withEnds = (async function* () { for await (const line of lines) yield `${line}\n`; })();
  try {
    await pipeline(Readable.from(withEnds), res);
  } catch (error) {
    // Headers are gone: the only honest signal left is a cut connection.
    if (!res.headersSent) throw error;
    res.destroy(error as Error);
    if ((error as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
  }
}

/** `/invitations/{invitation}` as Express writes it. */
const expressPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

/** `"v3"` or `W/"v3"` is version 3; `*` is no condition; anything else matches no version. */
function versionOf(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined || ifMatch.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"v(\d{1,15})"\s*$/.exec(ifMatch.split(',')[0]!);
  return match ? Number(match[1]) : -1;
}

/** The first tag of an `If-Match` without its quotes (and `W/`); `*` is no condition. */
function tagOf(ifMatch: string | undefined): string | undefined {
  if (ifMatch === undefined || ifMatch.trim() === '*') return undefined;
  return ifMatch.split(',')[0]!.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
}

/** The API's last word: its problems as problem+json, anything unexpected logged and answered 500. */
export function apiErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const status = (error as { status?: number; type?: string }).status;
    const problem = problemOf(error)
      ?? (status === 413 ? problemOf(new ApiProblem(413, 'too_large', 'The request body is too large.')) : null)
      ?? (status && status >= 400 && status < 500 ? problemOf(new ApiProblem(400, 'malformed_request', 'The request could not be read: send JSON.')) : null);
    if (problem) return sendProblem(res, problem);
    logger.error({ err: error, method: req.method, path: req.path }, 'API request failed');
    if (!res.headersSent) sendProblem(res, internalProblem());
  };
}
