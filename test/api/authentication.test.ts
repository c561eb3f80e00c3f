import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import { startClientCredentialsProvider, type AppClient, type ClientCredentialsProvider } from '../support/oidcProvider.ts';
import { freePort } from '../../testkit/ports.ts';
import { useApi } from './support.ts';

const AUDIENCE = 'api://invite-desk';
const app = (clientId: string, roles: string[]): AppClient => ({ clientId, clientSecret: randomBytes(24).toString('base64url'), roles });
const CRM = app('crm-app', ['Invitations.ReadWrite']);
const REPORTS = app('reports-app', ['Invitations.Read']);
const NOBODY = app('roleless-app', []);
const b64 = (value: object | string) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

describe('API authentication: Microsoft Entra app-only tokens (real tokens from a local OpenID provider)', function () {
  this.timeout(30_000);
  let issuer: ClientCredentialsProvider;
  let stranger: ClientCredentialsProvider;
  let issuerPort: number;
  const settings = { entra: { issuers: [] as string[], jwksUri: '', audiences: [AUDIENCE] }, keysCooldownMs: 0 };
  before(async () => {
    issuerPort = await freePort();
    issuer = await startClientCredentialsProvider({ clients: [CRM, REPORTS, NOBODY], audience: AUDIENCE, port: issuerPort });
    stranger = await startClientCredentialsProvider({ clients: [CRM], audience: AUDIENCE });
    settings.entra.issuers = [issuer.issuer];
    settings.entra.jwksUri = issuer.jwksUri;
  });
  after(async () => {
    await issuer.stop();
    await stranger.stop();
  });
  const api = useApi({ api: settings });
  const create = (auth: { token: string }) => api.call('post', '/api/v1/invitations', auth, { type: 'single', contacts: [api.seed.contacts[0]!.id] });

  it('serves a client with a valid token as api:<client id>, with the app roles of its token', async () => {
    const created = await create({ token: await issuer.token(CRM) });
    assert.equal(created.status, 201);
    assert.equal(created.body.createdBy, 'api:crm-app');
    const events = (await api.store.audit.listForSubject(created.body.id, { limit: 5 })).items;
    assert.equal(events[0]!.actor, 'api:crm-app');
  });

  it('lets a Read client read but not write, and a client without roles do nothing', async () => {
    const token = await issuer.token(REPORTS);
    assert.equal((await api.call('get', '/api/v1/invitations', { token })).status, 200);
    const refused = await create({ token });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'not_allowed');
    assert.equal((await api.call('get', '/api/v1/invitations', { token: await issuer.token(NOBODY) })).status, 403);
  });

  it('refuses an expired token (by the service clock)', async () => {
    const token = await issuer.token(CRM);
    api.clock.set(new Date((decodeJwt(token).exp! + 1) * 1000));
    const refused = await api.call('get', '/api/v1/invitations', { token });
    assert.equal(refused.status, 401);
    assert.equal(refused.body.code, 'invalid_token');
    assert.match(refused.body.detail, /expired/);
    assert.match(refused.headers['www-authenticate']!, /^Bearer error="invalid_token"/);
  });

  it('refuses a token for another audience', async () => {
    const refused = await api.call('get', '/api/v1/invitations', { token: await issuer.token(CRM, 'api://another-api') });
    assert.equal(refused.status, 401);
    assert.match(refused.body.detail, /"aud" claim/);
  });

  it('refuses a token whose signature is broken, or whose claims were changed after signing', async () => {
    const token = await issuer.token(REPORTS);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    assert.equal((await api.call('get', '/api/v1/invitations', { token: `${header}.${payload}.${flipped}` })).status, 401);
    const promoted = b64({ ...(decodeJwt(token) as Record<string, unknown>), roles: ['Admin'] });
    const forged = await api.call('get', '/api/v1/invitations', { token: `${header}.${promoted}.${signature}` });
    assert.equal(forged.status, 401);
    assert.match(forged.body.detail, /signature/);
  });

  it('refuses a token from another issuer, even for our audience', async () => {
    const refused = await api.call('get', '/api/v1/invitations', { token: await stranger.token(CRM) });
    assert.equal(refused.status, 401);
    assert.equal(refused.body.code, 'invalid_token');
  });

  it('refuses an unsigned token (alg none) and one signed with HMAC (alg confusion)', async () => {
    const claims = { ...(decodeJwt(await issuer.token(CRM)) as Record<string, unknown>), roles: ['Admin'] };
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
    assert.equal((await api.call('get', '/api/v1/invitations', { token: none })).status, 401);
    const keys = await (await fetch(issuer.jwksUri)).text();
    const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
    const hmac = `${unsigned}.${createHmac('sha256', keys).update(unsigned).digest('base64url')}`;
    const refused = await api.call('get', '/api/v1/invitations', { token: hmac });
    assert.equal(refused.status, 401);
    assert.match(refused.body.detail, /algorithm|signature|key/);
  });

  it('refuses a user\'s (delegated) token, garbage, and a Bearer without a token', async () => {
    const claims = decodeJwt(await issuer.token(CRM));
    assert.equal(claims.scp, undefined);
    for (const authorization of ['Bearer not.a.jwt', 'Bearer', 'Basic dXNlcjpwYXNz']) {
      const refused = await api.call('get', '/api/v1/invitations', null, undefined, { Authorization: authorization });
      assert.equal(refused.status, 401, authorization);
    }
  });

  it('follows the issuer\'s key rotation: a token signed with a new key is checked against the keys fetched again', async () => {
    assert.equal((await api.call('get', '/api/v1/invitations', { token: await issuer.token(REPORTS) })).status, 200);
    await issuer.stop();
    issuer = await startClientCredentialsProvider({ clients: [CRM, REPORTS, NOBODY], audience: AUDIENCE, port: issuerPort });
    assert.equal((await api.call('get', '/api/v1/invitations', { token: await issuer.token(REPORTS) })).status, 200);
  });
});

describe('API authentication: API keys', () => {
  const api = useApi();

  it('serves a key with the roles it was created with, and records its last use', async () => {
    const { key, apiKey } = await api.services.apiKeys.create('cli', { name: 'Reports', roles: ['Invitations.Read'] });
    assert.equal((await api.call('get', '/api/v1/invitations', { key })).status, 200);
    assert.ok((await api.store.apiKeys.get(apiKey.id))?.lastUsedAt);
    assert.equal((await api.call('post', '/api/v1/invitations', { key }, { type: 'single', contacts: [api.seed.contacts[0]!.id] })).status, 403);
  });

  it('refuses a key the moment it is revoked', async () => {
    const { key, apiKey } = await api.services.apiKeys.create('cli', { name: 'CRM', roles: ['Admin'] });
    assert.equal((await api.call('get', '/api/v1/invitations', { key })).status, 200);
    await api.services.apiKeys.revoke('cli', apiKey.id);
    const refused = await api.call('get', '/api/v1/invitations', { key });
    assert.equal(refused.status, 401);
    assert.equal(refused.body.code, 'invalid_api_key');
  });

  it('refuses an unknown key, no credentials, both at once, and a token where no issuer is set', async () => {
    const key = await api.keyFor(['Admin']);
    assert.equal((await api.call('get', '/api/v1/invitations', { key: `idk_${'A'.repeat(43)}` })).status, 401);
    assert.equal((await api.call('get', '/api/v1/invitations', { key: 'guess' })).status, 401);
    const none = await api.call('get', '/api/v1/invitations', null);
    assert.equal(none.status, 401);
    assert.equal(none.body.code, 'unauthenticated');
    assert.match(none.headers['www-authenticate']!, /^Bearer/);
    assert.equal((await api.call('get', '/api/v1/invitations', { key }, undefined, { Authorization: 'Bearer x.y.z' })).status, 401);
    assert.equal((await api.call('get', '/api/v1/invitations', { token: 'x.y.z' })).status, 401);
  });
});
