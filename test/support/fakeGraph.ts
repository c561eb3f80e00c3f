import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Message } from '@microsoft/microsoft-graph-types';

/**
 * A stand-in for Microsoft Graph and its token authority on https://127.0.0.1:{random port}, with
 * the test certificate (trusted through NODE_EXTRA_CA_CERTS). It serves the OpenID metadata MSAL
 * reads, a client-credentials token endpoint, and `POST /v1.0/users/{mailbox}/sendMail`.
 */
export type FakeGraph = {
  /** Graph base URL, e.g. https://127.0.0.1:PORT. */
  readonly url: string;
  /** Token authority host (the same origin). */
  readonly authorityHost: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Mails accepted with 202, in order (the delivery id is in `message.internetMessageHeaders`). */
  readonly sent: SentMail[];
  /** Every sendMail attempt, accepted or not. */
  readonly requests: SendMailAttempt[];
  /** Every request the server saw, as "METHOD /path", in order. */
  readonly calls: string[];
  /** Every token request, as the form fields that matter. */
  readonly tokenRequests: TokenRequest[];
  /** Access tokens issued so far. */
  tokensIssued(): number;
  /** Every token issued so far stops being accepted (sendMail answers 401). */
  revokeTokens(): void;
  /** The next `count` sendMail attempts get `fault` instead of the normal answer. */
  failNext(count: number, fault: GraphFault): void;
  /** The next `count` token requests get `fault` instead of the normal answer. */
  failTokenNext(count: number, fault: GraphFault): void;
  stop(): Promise<void>;
};

export type SentMail = { mailbox: string; message: Message; saveToSentItems: unknown; at: Date };

export type TokenRequest = { grantType: string | null; clientId: string | null; scope: string | null };

export type SendMailAttempt = { mailbox: string; authorization: string | undefined; body: string; at: Date };

/**
 * `status` answers with that status, Graph's JSON error body when `code` is given (else no body),
 * and `Retry-After` when `retryAfter` is given (seconds, or a string such as an HTTP date).
 * `hang` never answers; `reset` destroys the socket.
 */
export type GraphFault =
  | { status: number; code?: string; message?: string; retryAfter?: number | string }
  | { kind: 'hang' }
  | { kind: 'reset' };

/** `acceptDelayMs`: how long Graph takes to answer 202 for a mail it has already taken (and will send). */
type Options = { tenantId?: string; clientId?: string; clientSecret?: string; acceptDelayMs?: number };

const TLS_DIR = new URL('../fixtures/tls/', import.meta.url);
const SEND_MAIL = /^\/v1\.0\/users\/([^/]+)\/sendMail$/;

export async function startFakeGraph(options: Options = {}): Promise<FakeGraph> {
  const tenantId = options.tenantId ?? '11111111-2222-3333-4444-555555555555';
  const clientId = options.clientId ?? 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
  const clientSecret = options.clientSecret ?? 'fake-secret-value';
  const tokens = new Set<string>();
  const tokenRequests: TokenRequest[] = [];
  let issued = 0;
  const faults: GraphFault[] = [];
  const tokenFaults: GraphFault[] = [];
  const sent: SentMail[] = [];
  const requests: SendMailAttempt[] = [];
  const calls: string[] = [];
  let origin = '';

  const openIdConfiguration = () => ({
    issuer: `${origin}/${tenantId}/v2.0`,
    authorization_endpoint: `${origin}/${tenantId}/oauth2/v2.0/authorize`,
    token_endpoint: `${origin}/${tenantId}/oauth2/v2.0/token`,
    end_session_endpoint: `${origin}/${tenantId}/oauth2/v2.0/logout`,
    jwks_uri: `${origin}/${tenantId}/discovery/v2.0/keys`,
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
  });

  function issueToken(req: IncomingMessage, body: string, res: ServerResponse): void {
    const form = new URLSearchParams(body);
    tokenRequests.push({ grantType: form.get('grant_type'), clientId: form.get('client_id'), scope: form.get('scope') });
    const fault = tokenFaults.shift();
    if (fault) return answerFault(req, res, fault, oauthError);
    if (form.get('grant_type') !== 'client_credentials') {
      return json(res, 400, oauthError('unsupported_grant_type', 'AADSTS70003: the fake supports client_credentials only.'));
    }
    if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret) {
      return json(res, 401, oauthError('invalid_client', 'AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.'));
    }
    const accessToken = randomBytes(24).toString('base64url');
    tokens.add(accessToken);
    issued += 1;
    json(res, 200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: accessToken });
  }

  function sendMail(mailbox: string, req: IncomingMessage, body: string, res: ServerResponse): void {
    const authorization = req.headers.authorization;
    requests.push({ mailbox, authorization, body, at: new Date() });
    const fault = faults.shift();
    if (fault) return answerFault(req, res, fault, graphError);
    if (!authorization?.startsWith('Bearer ') || !tokens.has(authorization.slice('Bearer '.length))) {
      return json(res, 401, graphError('InvalidAuthenticationToken', 'Access token is empty or invalid.'));
    }
    const parsed = JSON.parse(body) as { message: Message; saveToSentItems?: unknown };
    sent.push({ mailbox, message: parsed.message, saveToSentItems: parsed.saveToSentItems, at: new Date() });
    const answer = () => { if (!res.destroyed) res.writeHead(202).end(); };
    if (options.acceptDelayMs) setTimeout(answer, options.acceptDelayMs);
    else answer();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', origin).pathname;
    calls.push(`${req.method} ${path}`);
    const body = await readBody(req);
    const sendMailMatch = SEND_MAIL.exec(path);
    if (req.method === 'GET' && path === `/${tenantId}/v2.0/.well-known/openid-configuration`) {
      json(res, 200, openIdConfiguration());
    } else if (req.method === 'POST' && path === `/${tenantId}/oauth2/v2.0/token`) {
      issueToken(req, body, res);
    } else if (req.method === 'POST' && sendMailMatch) {
      sendMail(decodeURIComponent(sendMailMatch[1]!), req, body, res);
    } else {
      json(res, 404, graphError('ResourceNotFound', `fake Graph does not serve ${req.method} ${path}`));
    }
  }

  const server = createServer(
    { cert: readFileSync(new URL('localhost-test-only.pem', TLS_DIR)), key: readFileSync(new URL('localhost-test-only.key', TLS_DIR)) },
    (req, res) => {
      handle(req, res).catch((error: unknown) => json(res, 500, graphError('FakeGraphFailure', String(error))));
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    authorityHost: origin,
    tenantId,
    clientId,
    clientSecret,
    sent,
    requests,
    calls,
    tokenRequests,
    tokensIssued: () => issued,
    revokeTokens: () => tokens.clear(),
    failNext(count, fault) {
      for (let i = 0; i < count; i++) faults.push(fault);
    },
    failTokenNext(count, fault) {
      for (let i = 0; i < count; i++) tokenFaults.push(fault);
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

type ErrorBody = (code: string, message: string) => unknown;

function answerFault(req: IncomingMessage, res: ServerResponse, fault: GraphFault, errorBody: ErrorBody): void {
  if ('kind' in fault) {
    if (fault.kind === 'reset') req.socket.destroy();
    return;
  }
  if (fault.retryAfter !== undefined) res.setHeader('Retry-After', String(fault.retryAfter));
  if (fault.code === undefined) {
    res.writeHead(fault.status).end();
    return;
  }
  json(res, fault.status, errorBody(fault.code, fault.message ?? `fake ${fault.code}`));
}

function oauthError(error: string, description: string) {
  return { error, error_description: description, timestamp: new Date().toISOString(), trace_id: randomBytes(8).toString('hex') };
}

function graphError(code: string, message: string) {
  return { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': randomBytes(8).toString('hex') } } };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
