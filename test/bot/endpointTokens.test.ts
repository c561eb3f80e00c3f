import assert from 'node:assert/strict';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { activity, BOT_ID, botFrameworkToken, botService, settle, signingKeys, TENANT } from '../support/botEndpoint.ts';
import { startConnector } from '../support/connector.ts';

const credentials = { appId: BOT_ID, password: 'secret', tenantId: TENANT };
const serviceUrl = 'https://smba.trafficmanager.net/teams/';

function assertNoDetail(body: string) {
  assert.doesNotMatch(body, /Error|at .*\.(js|ts):\d+|ECONNREFUSED|getaddrinfo|openid|signature|Unauthorized Access|identity/i, body);
}

describe('the bot endpoint with BOT_ID (Bot Framework tokens)', function () {
  this.timeout(30_000);
  const published = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let keys: Awaited<ReturnType<typeof signingKeys>>;
  beforeEach(async () => { keys = await signingKeys(published.publicKey, 'k1'); });
  afterEach(() => keys.close());

  it('answers a forged token 503 while the signing keys cannot be fetched, with no error text', async () => {
    const service = await botService({ credentials, openIdMetadataUrl: `http://127.0.0.1:9/openid-${randomUUID()}` });
    try {
      const res = await service.post(activity(serviceUrl, 'help'), { authorization: `Bearer ${botFrameworkToken(published.privateKey, 'k1', serviceUrl)}` });
      assert.equal(res.status, 503, JSON.stringify(service.lines));
      assertNoDetail(await res.text());
      assert.ok(service.lines.some((line) => line.level === 40), 'the failure is logged');
    } finally {
      await service.close();
    }
  });

  it('answers a missing, malformed or wrongly signed token 401, with no error text', async () => {
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
    }
  });

  it('replies only to Bot Framework hosts, even with a valid token', async () => {
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
    }
  });
});
