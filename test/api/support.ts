import assert from 'node:assert/strict';
import type { Express } from 'express';
import request from 'supertest';
import type { ApiRole } from '../../src/domain/apiClient.ts';
import type { Store } from '../../src/store/port.ts';
import { createSqliteStore } from '../../src/store/sqlite/index.ts';
import type { ApiSettings } from '../../web/api/index.ts';
import { OPENAPI, API_BASE_PATH, type Operation } from '../../web/api/openapi/document.ts';
import { documentValidators } from '../../web/api/openapi/validation.ts';
import { createApp } from '../../web/app.ts';
import { silentLogger } from '../support/mailTestbed.ts';
import { createCodeVault } from '../../src/domain/codeVault.ts';
import { serviceContext } from '../../src/services/context.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { seedDirectory, TEST_CODE_SECRET, testClock, type TestClock } from '../support/services.ts';

const validators = documentValidators(OPENAPI);
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The operation of the document that a request to `path` (under /api/v1) is, or null for a path the document does not have. */
export function operationOf(method: string, path: string): Operation | null {
  const bare = path.replace(API_BASE_PATH, '').split('?')[0]!;
  for (const [template, item] of Object.entries(OPENAPI.paths)) {
    const pattern = new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`);
    const operation = item[method.toLowerCase() as Method];
    if (pattern.test(bare) && operation) return operation;
  }
  return null;
}

/** Every answer of the API is checked against the document: its status is one the operation has (or its default), with that media type and schema. */
export function assertMatchesDocument(method: string, path: string, response: request.Response): void {
  const operation = operationOf(method, path);
  const body = response.body as unknown;
  if (!operation) {
    assert.ok(response.status >= 400, `${method} ${path} has no operation but answered ${response.status}`);
    assert.match(response.headers['content-type'] ?? '', /^application\/problem\+json/);
    const problem = validators.responseSchema(OPENAPI.paths['/invitations']!.get!, 500)!;
    assert.ok(problem.validate(JSON.parse(response.text)), JSON.stringify(problem.validate.errors));
    return;
  }
  const described = (operation.responses as Record<string, { content?: Record<string, unknown> }>)[String(response.status)];
  if (described && !described.content) {
    assert.equal(response.text ?? '', '', `${operation.operationId} ${response.status} has no content in the document`);
    return;
  }
  const streamed = Object.keys(described?.content ?? {}).filter((type) => !type.includes('json') || type.includes('ndjson'));
  if (streamed.length) {
    // A streamed text answer: its media type must be one the document lists; the test reads the body itself.
    const type = (response.headers['content-type'] ?? '').split(';')[0]!;
    assert.ok(streamed.includes(type), `${operation.operationId} ${response.status}: ${type} is not one of ${streamed.join(', ')}`);
    return;
  }
  const expected = validators.responseSchema(operation, response.status);
  assert.ok(expected, `${operation.operationId} does not describe status ${response.status}`);
  assert.ok((response.headers['content-type'] ?? '').startsWith(expected.mediaType), `${operation.operationId} ${response.status}: ${response.headers['content-type']} is not ${expected.mediaType}`);
  const parsed = expected.mediaType === 'application/json' ? body : JSON.parse(response.text) as unknown;
  assert.ok(expected.validate(parsed), `${operation.operationId} ${response.status} does not match the document: ${JSON.stringify(expected.validate.errors)}\n${response.text.slice(0, 500)}`);
}

export type Auth = { key: string } | { token: string } | null;

/**
 * An app with the API over an in-memory store and the usual cast; `call` sends one request and
 * checks its answer against the document before handing it back.
 */
export function useApi(options: { api?: Partial<ApiSettings>; clock?: TestClock; approvalRequiredForAll?: boolean } = {}) {
  const holder = {} as {
    store: Store; services: Services; clock: TestClock; app: Express;
    seed: Awaited<ReturnType<typeof seedDirectory>>;
    keyFor(roles: ApiRole[], name?: string): Promise<string>;
    call(method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, auth: Auth, body?: unknown, headers?: Record<string, string>): Promise<request.Response>;
  };
  beforeEach(async () => {
    holder.store = createSqliteStore(':memory:');
    const clock = options.clock ?? testClock(new Date());
    const services = createServices(serviceContext({
      store: holder.store, clock, vault: createCodeVault(TEST_CODE_SECRET),
      invitePolicy: { approvalRequiredForAll: options.approvalRequiredForAll ?? false, defaultExpiry: '30d' },
    }));
    holder.services = services;
    holder.clock = clock;
    holder.seed = await seedDirectory(services, 3);
    holder.app = createApp({ store: holder.store, services, logger: silentLogger, api: { entra: null, ratePerMinute: 10_000, ...options.api } });
    holder.keyFor = async (roles, name = roles.join(' ')) => (await services.apiKeys.create('cli', { name, roles })).key;
    holder.call = async (method, path, auth, body, headers = {}) => {
      let pending = request(holder.app)[method](path);
      if (auth && 'key' in auth) pending = pending.set('X-API-Key', auth.key);
      if (auth && 'token' in auth) pending = pending.set('Authorization', `Bearer ${auth.token}`);
      for (const [name, value] of Object.entries(headers)) pending = pending.set(name, value);
      const response = await (body === undefined ? pending : pending.send(body as object));
      assertMatchesDocument(method, path, response);
      return response;
    };
  });
  afterEach(() => holder.store.close());
  return holder;
}
