import assert from 'node:assert/strict';
import { createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { pino } from 'pino';
import { createBot } from '../../bot/app.ts';
import { serviceUrlAllowed } from '../../bot/serviceUrls.ts';
import { StoreBotStorage } from '../../bot/storage.ts';
import type { TrustProxy } from '../../src/config.ts';
import { createSqliteStore } from '../../src/store/sqlite/index.ts';
import { createApp } from '../../web/app.ts';
import { startConnector } from '../support/connector.ts';
import { testServices } from '../support/services.ts';

const ADMIN = 'aaaaaaaa-0000-4000-8000-000000000001';
const INTRUDER = 'eeeeeeee-0000-4000-8000-000000000066';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const BOT_ID = '0b5e0a5e-3333-4c1e-9e3a-3f0c2a1d5e77';
/** An address of this machine that is not loopback: where a caller on the network comes from. */
const networkAddress = Object.values(networkInterfaces()).flat().find((address) => address && !address.internal && address.family === 'IPv4')?.address;

function activity(serviceUrl: string, text: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'message', id: `m-${randomUUID()}`, text, channelId: 'msteams', serviceUrl,
    from: { id: '29:user', name: 'Ann Admin', aadObjectId: ADMIN }, recipient: { id: '28:bot', name: 'Invite Desk' },
    conversation: { id: 'a:chat', tenantId: TENANT, conversationType: 'personal' }, channelData: { tenant: { id: TENANT } }, ...extra,
  };
}

/** The service's HTTP app with the bot, on every interface, over a fresh store; its log lines kept. */
async function botService(options: { credentials?: { appId: string; password: string; tenantId: string | null }; openIdMetadataUrl?: string; trustProxy?: TrustProxy } = {}) {
  // botbuilder takes every endpoint once one is given: the public cloud's, with the signing keys elsewhere.
  const authSettings = options.openIdMetadataUrl
    ? {
      ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com', ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      ToBotFromChannelTokenIssuer: 'https://api.botframework.com', OAuthUrl: 'https://api.botframework.com', CallerId: 'urn:botframework:azure',
      ToBotFromChannelOpenIdMetadataUrl: options.openIdMetadataUrl, ToBotFromEmulatorOpenIdMetadataUrl: options.openIdMetadataUrl,
    }
    : undefined;
  const store = createSqliteStore(':memory:');
  const { services } = testServices(store);
  const lines: { level: number; msg: string }[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => { lines.push(JSON.parse(line) as { level: number; msg: string }); } });
  const bot = createBot({
    services, logger, storage: new StoreBotStorage(store.botState), botState: store.botState, credentials: options.credentials ?? null,
    allowedTenants: [TENANT], adminObjectIds: [ADMIN], authSettings,
  });
  const app = createApp({ store, services, logger, bot: bot.handle, trustProxy: options.trustProxy });
  const server: Server = await new Promise((resolve) => { const s = app.listen(0, () => resolve(s)); });
  const port = (server.address() as AddressInfo).port;
  return {
    services, lines,
    post: (body: unknown, headers: Record<string, string> = {}, host = '127.0.0.1') => fetch(`http://${host}:${port}/api/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body),
    }),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await store.close();
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

/** A JSON Web Token as the Bot Framework would send it, signed with `key`. */
function botFrameworkToken(key: KeyObject, kid: string, serviceUrl: string): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'RS256', typ: 'JWT', kid })}.${part({ iss: 'https://api.botframework.com', aud: BOT_ID, serviceurl: serviceUrl, nbf: now - 60, exp: now + 3600 })}`;
  return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(key).toString('base64url')}`;
}

/** OpenID metadata and signing keys as the Bot Framework publishes them, on loopback. */
async function signingKeys(publicKey: KeyObject, kid: string) {
  const server = createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader('content-type', 'application/json');
    if (req.url?.startsWith('/keys')) res.end(JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', endorsements: ['msteams'] }] }));
    else res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/openid-${randomUUID()}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

function assertNoDetail(body: string) {
  assert.doesNotMatch(body, /Error|at .*\.(js|ts):\d+|ECONNREFUSED|getaddrinfo|openid|signature|Unauthorized Access|identity/i, body);
}

describe('the bot endpoint (POST /api/messages)', function () {
  this.timeout(30_000);

  describe('without BOT_ID (unauthenticated, for local use)', () => {
    it('serves only callers on loopback, whatever X-Forwarded-For says, and logs the refusal', async function () {
      if (!networkAddress) {
        process.stderr.write('\n!!! bot endpoint network test SKIPPED: this machine has no IPv4 address besides loopback !!!\n\n');
        this.skip();
      }
      const connector = await startConnector();
      const service = await botService({ trustProxy: [networkAddress!, 'loopback'] });
      try {
        const intrusion = activity(connector.url, `staff add ${INTRUDER} admin Eve`);
        for (const headers of [{}, { 'x-forwarded-for': '127.0.0.1' }] as Record<string, string>[]) {
          const res = await service.post(intrusion, headers, networkAddress);
          assert.equal(res.status, 403, JSON.stringify(headers));
        }
        await settle();
        assert.equal(connector.replies.length, 0);
        assert.equal((await service.services.staff.list()).items.some((member) => member.id === INTRUDER), false, 'the caller on the network did nothing');
        assert.ok(service.lines.some((line) => line.level === 40 && /not on this machine/.test(line.msg)), JSON.stringify(service.lines));

        assert.equal((await service.post(activity(connector.url, 'help'))).status, 200, 'a caller on loopback is served');
      } finally {
        await service.close();
        await connector.stop();
      }
    });

    it('replies only to a connector on loopback', async () => {
      const service = await botService();
      const elsewhere = createServer((_req, res) => res.end('{}'));
      await new Promise<void>((resolve) => elsewhere.listen(0, networkAddress ?? '0.0.0.0', resolve));
      let reached = 0;
      elsewhere.on('request', () => { reached++; });
      try {
        for (const serviceUrl of [`http://${networkAddress ?? '192.0.2.1'}:${(elsewhere.address() as AddressInfo).port}`, 'https://smba.trafficmanager.net/teams/', 'http://localhost.evil.example/']) {
          const res = await service.post(activity(serviceUrl, 'help'));
          assert.equal(res.status, 403, serviceUrl);
        }
        await settle();
        assert.equal(reached, 0);
        assert.ok(service.lines.some((line) => /serviceUrl/.test(line.msg)), 'the refusal is logged');
      } finally {
        await service.close();
        elsewhere.close();
      }
    });

    it('answers odd but well-formed activity parts with 400 or a reply, never a failed turn', async () => {
      const connector = await startConnector();
      const service = await botService();
      try {
        const odd: Record<string, unknown>[] = [
          { entities: [{}] }, { entities: [{ type: 'mention' }] }, { entities: [{ type: 'mention', mentioned: { id: '28:bot' } }] },
          { entities: [{ type: 'mention', mentioned: { id: '28:bot' }, text: '<at>Invite Desk</at>' }], text: null },
          { entities: [{ type: 5 }] }, { entities: [{ type: 'clientInfo', locale: 5, timezone: {} }] },
          { attachments: [{ contentType: 'text/html', content: null }] }, { value: null }, { value: 'text' }, { text: '' },
        ];
        for (const extra of odd) {
          const res = await service.post(activity(connector.url, 'help', extra));
          assert.ok([200, 400].includes(res.status), `${JSON.stringify(extra)}: ${res.status}`);
        }
        const mention = await service.post(activity(connector.url, '<at>Invite Desk</at> help', { entities: [{ type: 'mention', mentioned: { id: '28:bot', name: 'Invite Desk' }, text: '<at>Invite Desk</at>' }] }));
        assert.equal(mention.status, 200);
        await settle();
        assert.ok(connector.replies.length > 0);
        assert.ok(!connector.replies.some((reply) => /Something went wrong/.test(String(reply.text))), JSON.stringify(connector.replies.map((r) => r.text)));
        assert.ok(!service.lines.some((line) => line.msg === 'bot turn failed'), JSON.stringify(service.lines.filter((l) => l.level >= 50)));
      } finally {
        await service.close();
        await connector.stop();
      }
    });
  });

  describe('with BOT_ID (Bot Framework tokens)', () => {
    const credentials = { appId: BOT_ID, password: 'secret', tenantId: TENANT };
    const serviceUrl = 'https://smba.trafficmanager.net/teams/';

    it('answers a forged token 503 while the signing keys cannot be fetched, with no error text', async () => {
      const service = await botService({ credentials, openIdMetadataUrl: `http://127.0.0.1:9/openid-${randomUUID()}` });
      try {
        const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
        const res = await service.post(activity(serviceUrl, 'help'), { authorization: `Bearer ${botFrameworkToken(privateKey, 'k1', serviceUrl)}` });
        assert.equal(res.status, 503, JSON.stringify(service.lines));
        assertNoDetail(await res.text());
        assert.ok(service.lines.some((line) => line.level === 40), 'the failure is logged');
      } finally {
        await service.close();
      }
    });

    it('answers a missing, malformed or wrongly signed token 401, with no error text', async () => {
      const published = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const keys = await signingKeys(published.publicKey, 'k1');
      const service = await botService({ credentials, openIdMetadataUrl: keys.url });
      try {
        const forger = generateKeyPairSync('rsa', { modulusLength: 2048 });
        for (const authorization of [undefined, 'Bearer garbage', `Bearer ${botFrameworkToken(forger.privateKey, 'k1', serviceUrl)}`, `Bearer ${botFrameworkToken(forger.privateKey, 'unknown', serviceUrl)}`]) {
          const res = await service.post(activity(serviceUrl, 'help'), authorization ? { authorization } : {});
          assert.equal(res.status, 401, authorization);
          assertNoDetail(await res.text());
        }
      } finally {
        await service.close();
        await keys.close();
      }
    });

    it('replies only to Bot Framework hosts, even with a valid token', async () => {
      const published = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const keys = await signingKeys(published.publicKey, 'k1');
      const connector = await startConnector();
      const service = await botService({ credentials, openIdMetadataUrl: keys.url });
      try {
        const res = await service.post(activity(connector.url, 'help'), { authorization: `Bearer ${botFrameworkToken(published.privateKey, 'k1', connector.url)}` });
        assert.equal(res.status, 403);
        await settle();
        assert.equal(connector.replies.length, 0);
      } finally {
        await service.close();
        await connector.stop();
        await keys.close();
      }
    });
  });

  it('knows the Bot Framework service hosts, and loopback for local use', () => {
    for (const url of ['https://smba.trafficmanager.net/teams/', 'https://smba.trafficmanager.net/emea/', 'https://smba.infra.gcc.teams.microsoft.com/teams',
      'https://smba.infra.gov.teams.microsoft.us/teams', 'https://smba.infra.dod.teams.microsoft.us/teams', 'https://directline.botframework.com/', 'https://webchat.botframework.azure.us/']) {
      assert.equal(serviceUrlAllowed(url, 'bot-framework'), true, url);
      assert.equal(serviceUrlAllowed(url, 'loopback'), false, url);
    }
    for (const url of ['http://smba.trafficmanager.net/teams/', 'https://smba.trafficmanager.net.evil.example/', 'https://evilbotframework.com/', 'https://127.0.0.1/', 'not a url']) {
      assert.equal(serviceUrlAllowed(url, 'bot-framework'), false, url);
    }
    for (const url of ['http://127.0.0.1:3978/', 'http://localhost:56150/_connector', 'http://[::1]:80/']) assert.equal(serviceUrlAllowed(url, 'loopback'), true, url);
  });
});
