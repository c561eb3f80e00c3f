import assert from 'node:assert/strict';
import { Validator } from '@seriousme/openapi-schema-validator';
import request from 'supertest';
import { OPENAPI } from '../../web/api/openapi/document.ts';
import { API_HANDLERS } from '../../web/api/handlers/index.ts';
import { requestKeyId } from '../../src/services/requestKeys.ts';
import { assertMatchesDocument, useApi } from './support.ts';

const BASE = '/api/v1';
const operations = Object.values(OPENAPI.paths).flatMap((item) => Object.values(item));

describe('API: the OpenAPI document', () => {
  const api = useApi();

  it('is a valid OpenAPI 3.1 document (checked by an OpenAPI schema validator) and is served as it is written', async () => {
    const result = await new Validator().validate(JSON.parse(JSON.stringify(OPENAPI)) as Record<string, unknown>);
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
    const served = await request(api.app).get(`${BASE}/openapi.json`).expect(200).expect('content-type', /json/);
    assert.deepEqual(served.body, JSON.parse(JSON.stringify(OPENAPI)));
  });

  it('has one handler per operation, unique operation ids, and error answers as problem details on every operation', () => {
    const ids = operations.map((o) => o.operationId);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual([...ids].sort(), Object.keys(API_HANDLERS).sort());
    for (const operation of operations) assert.ok(operation.responses.default, `${operation.operationId} has no default (problem) answer`);
  });

  it('catches an answer that does not match it', () => {
    const fake = (status: number, body: unknown, type = 'application/json') => ({ status, body, text: JSON.stringify(body), headers: { 'content-type': type } }) as unknown as request.Response;
    assert.throws(() => assertMatchesDocument('get', `${BASE}/invitations`, fake(200, { items: [{ id: 1 }], next: null })), /does not match/);
    assert.throws(() => assertMatchesDocument('get', `${BASE}/invitations`, fake(200, { items: [] })), /does not match/);
    assert.throws(() => assertMatchesDocument('get', `${BASE}/invitations`, fake(404, { title: 'x' }, 'application/json')), /is not application\/problem\+json/);
    assert.doesNotThrow(() => assertMatchesDocument('get', `${BASE}/invitations`, fake(200, { items: [], next: null })));
  });

  it('has a readable page, served from this service with its own assets, that its Content Security Policy lets run', async () => {
    const page = await request(api.app).get(`${BASE}/docs`).expect(200).expect('content-type', /html/);
    assert.ok(!/<script>/.test(page.text), 'no inline script');
    assert.ok(!/https?:\/\//.test(page.text.replace('<!doctype html>', '')), 'nothing from elsewhere');
    const csp = page.headers['content-security-policy']!;
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /img-src 'self' data:/);
    for (const src of [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!)) {
      const asset = await request(api.app).get(`${BASE}/${src}`);
      assert.equal(asset.status, 200, src);
    }
    await request(api.app).get(`${BASE}/docs/assets/package.json`).expect(404);
    await request(api.app).get(`${BASE}/docs/assets/../../../package.json`).expect(404);
  });
});

describe('API: problems and idempotency', () => {
  const api = useApi();

  it('answers what it does not serve with problem details: unknown paths 404, other methods 405, unreadable JSON 400', async () => {
    const key = await api.keyFor(['Admin']);
    const unknown = await api.call('get', `${BASE}/nothing-here`, { key });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, 'not_found');
    const method = await request(api.app).delete(`${BASE}/invitations`).set('X-API-Key', key);
    assert.equal(method.status, 405);
    assert.equal(method.headers.allow, 'GET, POST');
    assertMatchesDocument('delete', `${BASE}/nothing`, method);
    const broken = await request(api.app).post(`${BASE}/invitations`).set('X-API-Key', key).set('Content-Type', 'application/json').send('{"type": ');
    assert.equal(broken.status, 400);
    assert.match(broken.headers['content-type']!, /application\/problem\+json/);
    assert.equal(JSON.parse(broken.text).code, 'malformed_request');
  });

  it('answers a repeated Idempotency-Key with the first answer, and refuses the key with another body (409)', async () => {
    const key = await api.keyFor(['Invitations.ReadWrite']);
    const body = { type: 'single', contacts: [api.seed.contacts[0]!.id] };
    const first = await api.call('post', `${BASE}/invitations`, { key }, body, { 'Idempotency-Key': 'order-1' });
    const again = await api.call('post', `${BASE}/invitations`, { key }, { contacts: body.contacts, type: 'single' }, { 'Idempotency-Key': 'order-1' });
    assert.equal(again.status, 201);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.deepEqual(again.body, first.body);
    const kept = await api.store.ephemeral.get('request-key.answer', requestKeyId((await api.services.apiKeys.authenticate(key))!.actor, 'order-1'), api.clock());
    assert.ok(kept, 'the first answer is kept');
    assert.ok(!JSON.stringify(kept).includes(first.body.code.slice(5)), 'but not the invitation code in the clear');
    const other = await api.call('post', `${BASE}/invitations`, { key }, { ...body, name: 'Another' }, { 'Idempotency-Key': 'order-1' });
    assert.equal(other.status, 409);
    assert.equal(other.body.code, 'request_key_reused');
    assert.equal((await api.store.invitations.list({}, { limit: 10 })).items.length, 1);
    const revoked = await api.call('post', `${BASE}/invitations/${first.body.id}/revoke`, { key }, {}, { 'Idempotency-Key': 'revoke-1' });
    const revokedAgain = await api.call('post', `${BASE}/invitations/${first.body.id}/revoke`, { key }, {}, { 'Idempotency-Key': 'revoke-1' });
    assert.equal(revoked.status, 200);
    assert.equal(revokedAgain.status, 200, 'the first answer, not "already revoked"');
    assert.equal((await api.call('post', `${BASE}/invitations`, { key }, body, { 'Idempotency-Key': 'x'.repeat(201) })).status, 400);
  });

});

describe('API: limits', () => {
  const api = useApi({ api: { ratePerMinute: 5 } });

  it('limits each client to its requests per minute: 429 with Retry-After, and other clients go on', async () => {
    const busy = await api.keyFor(['Invitations.Read'], 'busy');
    const calm = await api.keyFor(['Invitations.Read'], 'calm');
    for (let i = 0; i < 5; i++) assert.equal((await api.call('get', `${BASE}/invitations`, { key: busy })).status, 200);
    const limited = await api.call('get', `${BASE}/invitations`, { key: busy });
    assert.equal(limited.status, 429);
    assert.equal(limited.body.code, 'rate_limited');
    assert.match(limited.headers['retry-after']!, /^\d+$/);
    assert.equal((await api.call('get', `${BASE}/invitations`, { key: calm })).status, 200);
  });
});

describe('API: invitation codes', () => {
  const api = useApi();

  it('no answer to a Read client holds a code in full', async () => {
    const writer = await api.keyFor(['Invitations.ReadWrite']);
    const reader = await api.keyFor(['Invitations.Read']);
    const created = await api.call('post', `${BASE}/invitations`, { key: writer }, { type: 'single', contacts: [api.seed.contacts[0]!.id] });
    const { id, code } = created.body as { id: string; code: string };
    await api.services.invitations.redeem({ code, contactId: api.seed.contacts[0]!.id });
    const plain = code.replace(/-/g, '');
    const answers = [
      await api.call('get', `${BASE}/invitations`, { key: reader }),
      await api.call('get', `${BASE}/invitations/${id}`, { key: reader }),
      await api.call('get', `${BASE}/invitations/${code}`, { key: reader }),
      await api.call('get', `${BASE}/invitations/${id}?revealCode=true`, { key: reader }),
      await api.call('get', `${BASE}/invitations/${id}/activities`, { key: reader }),
      await api.call('get', `${BASE}/invitations?search=person`, { key: reader }),
      await api.call('post', `${BASE}/invitations/${id}/revoke`, { key: reader }, {}),
    ];
    for (const answer of answers) {
      const text = answer.text.replace(/-/g, '');
      assert.ok(!text.includes(plain), `${answer.status} ${answer.text.slice(0, 200)}`);
    }
  });
});
