import { createSign, randomUUID, type KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { createBot } from '../../bot/app.ts';
import { StoreBotStorage } from '../../bot/storage.ts';
import type { TrustProxy } from '../../src/config.ts';
import { createSqliteStore } from '../../src/store/sqlite/index.ts';
import { createApp } from '../../web/app.ts';
import { listen } from './network.ts';
import { testServices } from './services.ts';

export const ADMIN = 'aaaaaaaa-0000-4000-8000-000000000001';
export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const BOT_ID = '0b5e0a5e-3333-4c1e-9e3a-3f0c2a1d5e77';

/** A Teams message from the admin, as the Bot Framework posts it. */
export function activity(serviceUrl: string, text: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'message', id: `m-${randomUUID()}`, text, channelId: 'msteams', serviceUrl,
    from: { id: '29:user', name: 'Ann Admin', aadObjectId: ADMIN }, recipient: { id: '28:bot', name: 'Invite Desk' },
    conversation: { id: 'a:chat', tenantId: TENANT, conversationType: 'personal' }, channelData: { tenant: { id: TENANT } }, ...extra,
  };
}

/**
 * The service's HTTP app with the bot, on every interface, over a fresh store; its log lines kept.
 * `openIdMetadataUrl` moves where the Bot Framework's signing keys are fetched from.
 */
export async function botService(options: { credentials?: { appId: string; password: string; tenantId: string | null }; openIdMetadataUrl?: string; trustProxy?: TrustProxy } = {}) {
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
  const server = await listen(createApp({ store, services, logger, bot: bot.handle, trustProxy: options.trustProxy }));
  return {
    services, lines,
    post: (body: unknown, headers: Record<string, string> = {}, host = '127.0.0.1') => fetch(`http://${host}:${server.port}/api/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body),
    }),
    close: async () => {
      await server.close();
      await store.close();
    },
  };
}

/** A JSON Web Token as the Bot Framework would send it, signed with `key`. */
export function botFrameworkToken(key: KeyObject, kid: string, serviceUrl: string): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'RS256', typ: 'JWT', kid })}.${part({ iss: 'https://api.botframework.com', aud: BOT_ID, serviceurl: serviceUrl, nbf: now - 60, exp: now + 3600 })}`;
  return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(key).toString('base64url')}`;
}

/** OpenID metadata and signing keys as the Bot Framework publishes them, on loopback (a fresh URL each time: botbuilder caches keys by URL). */
export async function signingKeys(publicKey: KeyObject, kid: string) {
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url?.startsWith('/keys')) res.end(JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', endorsements: ['msteams'] }] }));
    else res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `http://127.0.0.1:${(server.address() as AddressInfo).port}/keys` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/openid-${randomUUID()}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Lets the bot's replies, if any, reach the connector stand-in. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
