import type { Response } from 'express';
import { DomainError, ValidationError } from '../../src/domain/errors.ts';
import type { Problem as FieldProblem } from './openapi/validation.ts';

/**
 * Errors as RFC 9457 problem details (`application/problem+json`): `type` names the problem,
 * `code` is the domain error's stable code, `detail` its message, and `errors` each field of an
 * invalid request. Anything that is not a domain error (or an API problem of the edge itself) is a
 * 500 without detail.
 */
export type ProblemBody = { type: string; title: string; status: number; code: string; detail?: string; errors?: readonly FieldProblem[] };

/** A refusal of the API edge itself (authentication, rate limit, a request that cannot be read). */
export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;
  readonly errors: readonly FieldProblem[] | undefined;

  constructor(status: number, code: string, detail: string, options: { headers?: Record<string, string>; errors?: readonly FieldProblem[] } = {}) {
    super(detail);
    this.status = status;
    this.code = code;
    this.headers = options.headers ?? {};
    this.errors = options.errors;
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict',
  410: 'Gone', 412: 'Precondition Failed', 413: 'Content Too Large', 415: 'Unsupported Media Type', 429: 'Too Many Requests',
  500: 'Internal Server Error', 503: 'Service Unavailable',
};

/** Where each problem is described: the API docs' list of codes. */
export const problemType = (code: string) => `urn:invite-desk:problem:${code}`;

export function problemOf(error: unknown): { body: ProblemBody; headers: Record<string, string> } | null {
  if (error instanceof ApiProblem) {
    return { body: problemBody(error.status, error.code, error.message, error.errors), headers: error.headers };
  }
  if (error instanceof DomainError) {
    const detail = error.expose ? error.message : undefined;
    return { body: problemBody(error.status, error.code, detail, error instanceof ValidationError ? error.problems : undefined), headers: {} };
  }
  return null;
}

function problemBody(status: number, code: string, detail: string | undefined, errors: readonly FieldProblem[] | undefined): ProblemBody {
  return {
    type: problemType(code), title: TITLES[status] ?? 'Error', status, code,
    ...(detail ? { detail } : {}), ...(errors?.length ? { errors: errors.map(({ field, message }) => ({ field, message })) } : {}),
  };
}

export function sendProblem(res: Response, problem: { body: ProblemBody; headers: Record<string, string> }): void {
  res.status(problem.body.status).set(problem.headers).type('application/problem+json').send(JSON.stringify(problem.body));
}

export const internalProblem = (): { body: ProblemBody; headers: Record<string, string> } =>
  ({ body: problemBody(500, 'internal_error', 'Something went wrong on our side. Please try again.', undefined), headers: {} });
