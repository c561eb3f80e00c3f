import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Message } from '@microsoft/microsoft-graph-types';

/**
 * A stand-in for Microsoft Graph and its token authority on https://127.0.0.1:{random port}, with
 * the test certificate (trusted through NODE_EXTRA_CA_CERTS). It serves the OpenID metadata MSAL
 * reads, a client-credentials token endpoint, `POST /v1.0/users/{mailbox}/sendMail`, and the
 * Teams app installation of a user (`/v1.0/users/{id}/teamwork/installedApps`: install, list with
 * `$filter=teamsApp/id eq '…'`, and `/{installationId}/chat`).
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
  /** Teams apps installed, as "user id → app ids" (the user id as the request named it, lower-cased). */
  readonly installedApps: Map<string, Set<string>>;
  /** The next `count` teamwork requests (install, list, chat) get `fault` instead of the normal answer. */
  failTeamworkNext(count: number, fault: GraphFault): void;
  /** The chat id Graph gives a user's personal chat with an app. */
  chatIdOf(userId: string, appId: string): string;
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

/**
 * `acceptDelayMs`: how long Graph takes to answer 202 for a mail it has already taken (and will send).
 * `catalogApps`: the app ids in the tenant's app catalog (others cannot be installed: 404).
 */
type Options = { tenantId?: string; clientId?: string; clientSecret?: string; acceptDelayMs?: number; catalogApps?: readonly string[] };

const TLS_DIR = new URL('../fixtures/tls/', import.meta.url);
const SEND_MAIL = /^\/v1\.0\/users\/([^/]+)\/sendMail$/;
const INSTALLED_APPS = /^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps$/;
const INSTALLED_APP_CHAT = /^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps\/([^/]+)\/chat$/;
const APP_BIND = /^https:\/\/[^/]+\/v1\.0\/appCatalogs\/teamsApps\/([^/]+)$/;

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
  const installedApps = new Map<string, Set<string>>();
  const teamworkFaults: GraphFault[] = [];
  const catalogApps = new Set((options.catalogApps ?? []).map((id) => id.toLowerCase()));
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

  const installationId = (userId: string, appId: string) => Buffer.from(`${userId}##${appId}`).toString('base64url');
  const chatIdOf = (userId: string, appId: string) => `19:${userId.toLowerCase()}_${appId.toLowerCase()}@unq.gbl.spaces`;
  const authorised = (req: IncomingMessage) => {
    const authorization = req.headers.authorization;
    return Boolean(authorization?.startsWith('Bearer ') && tokens.has(authorization.slice('Bearer '.length)));
  };

  /** The user's app installations: install (201, or 409 when it is there), list (with a teamsApp/id filter), and the chat of one. */
  function teamwork(req: IncomingMessage, url: URL, body: string, res: ServerResponse, userId: string, installation?: string): void {
    const fault = teamworkFaults.shift();
    if (fault) return answerFault(req, res, fault, graphError);
    if (!authorised(req)) return json(res, 401, graphError('InvalidAuthenticationToken', 'Access token is empty or invalid.'));
    const apps = installedApps.get(userId) ?? new Set<string>();
    if (installation !== undefined) {
      const [owner, appId] = Buffer.from(installation, 'base64url').toString('utf8').split('##');
      if (req.method !== 'GET' || owner !== userId || !appId || !apps.has(appId)) return json(res, 404, graphError('NotFound', 'No installation with that id.'));
      return json(res, 200, { '@odata.context': `${origin}/v1.0/$metadata#chats/$entity`, id: chatIdOf(userId, appId), chatType: 'oneOnOne' });
    }
    if (req.method === 'GET') {
      const wanted = /teamsApp\/id eq '([^']+)'/.exec(url.searchParams.get('$filter') ?? '')?.[1]?.toLowerCase();
      const value = [...apps].filter((appId) => !wanted || appId === wanted).map((appId) => ({ id: installationId(userId, appId), ...(url.searchParams.get('$expand') === 'teamsApp' ? { teamsApp: { id: appId } } : {}) }));
      return json(res, 200, { value });
    }
    if (req.method !== 'POST') return json(res, 405, graphError('MethodNotAllowed', `${req.method} is not allowed here.`));
    const bind = (JSON.parse(body || '{}') as Record<string, unknown>)['teamsApp@odata.bind'];
    const appId = typeof bind === 'string' ? APP_BIND.exec(bind)?.[1]?.toLowerCase() : undefined;
    if (!appId) return json(res, 400, graphError('BadRequest', 'teamsApp@odata.bind is missing or not an app catalog reference.'));
    if (!catalogApps.has(appId)) return json(res, 404, graphError('NotFound', 'The app was not found in the app catalog.'));
    if (apps.has(appId)) return json(res, 409, graphError('Conflict', 'App is already installed for this user.'));
    installedApps.set(userId, apps.add(appId));
    res.writeHead(201).end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const path = url.pathname;
    calls.push(`${req.method} ${path}`);
    const body = await readBody(req);
    const sendMailMatch = SEND_MAIL.exec(path);
    const appsMatch = INSTALLED_APPS.exec(path) ?? INSTALLED_APP_CHAT.exec(path);
    if (req.method === 'GET' && path === `/${tenantId}/v2.0/.well-known/openid-configuration`) {
      json(res, 200, openIdConfiguration());
    } else if (req.method === 'POST' && path === `/${tenantId}/oauth2/v2.0/token`) {
      issueToken(req, body, res);
    } else if (req.method === 'POST' && sendMailMatch) {
      sendMail(decodeURIComponent(sendMailMatch[1]!), req, body, res);
    } else if (appsMatch) {
      teamwork(req, url, body, res, decodeURIComponent(appsMatch[1]!).toLowerCase(), appsMatch[2] === undefined ? undefined : decodeURIComponent(appsMatch[2]));
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
    installedApps,
    failTeamworkNext(count, fault) {
      for (let i = 0; i < count; i++) teamworkFaults.push(fault);
    },
    chatIdOf,
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
