import assert from 'node:assert/strict';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import type { WebhookEvent } from '../../src/domain/webhook.ts';
import { createApp } from '../../web/app.ts';
import { silentLogger } from '../support/mailTestbed.ts';
import { startClientCredentialsProvider, type AppClient, type ClientCredentialsProvider } from '../support/oidcProvider.ts';
import { seedDirectory } from '../support/services.ts';
import { TEST_SITE, visitor } from '../support/siteTestbed.ts';
import { startWebhookReceiver } from '../support/webhookReceiver.ts';
import { webhookTestbed } from '../support/webhookTestbed.ts';
import { assertMatchesDocument, type Auth } from './support.ts';

const AUDIENCE = 'api://invite-desk';
const BASE = '/api/v1';
const PASSWORD = 'correct horse battery staple';
const app = (clientId: string, roles: string[]): AppClient => ({ clientId, clientSecret: randomBytes(24).toString('base64url'), roles });
const CRM = app('crm-app', ['Invitations.ReadWrite']);
const OPS = app('ops-app', ['Admin']);

/** As docs/webhooks.md tells a receiver: the HMAC of the raw bytes, compared in constant time, before parsing. */
function isFromInviteDesk(rawBody: string, signatureHeader: string | undefined, secret: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`);
  const given = Buffer.from(signatureHeader ?? '');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * One process as `npm start` runs it, in this test: the API, the redeem site and the job worker
 * over one store. An integrator subscribes to `invitation.redeemed` and invites a group through
 * the API; a customer redeems it on the site; the worker delivers the event to a local HTTPS
 * endpoint, signed with the secret the API answered once.
 */
describe('API end to end: invited through the API, redeemed on the site, told by a signed webhook', function () {
  this.timeout(60_000);
  let issuer: ClientCredentialsProvider;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let t: ReturnType<typeof webhookTestbed>;
  let seed: Awaited<ReturnType<typeof seedDirectory>>;
  let site: Express;
  before(async () => { issuer = await startClientCredentialsProvider({ clients: [CRM, OPS], audience: AUDIENCE }); });
  after(async () => { await issuer.stop(); });
  beforeEach(async () => {
    receiver = await startWebhookReceiver({ https: true });
    t = webhookTestbed();
    t.clock.set(new Date()); // tokens are issued by the real clock
    seed = await seedDirectory(t.services, 2);
    site = createApp({
      store: t.store, services: t.services, logger: silentLogger, devMailbox: true, site: TEST_SITE,
      api: { entra: { issuers: [issuer.issuer], jwksUri: issuer.jwksUri, audiences: [AUDIENCE] }, ratePerMinute: 10_000 },
    });
  });
  afterEach(async () => {
    await receiver.stop();
    await t.store.close();
  });

  async function call(method: 'get' | 'post', path: string, auth: Auth, body?: object, headers: Record<string, string> = {}) {
    let pending = request(site)[method](path).set(headers);
    if (auth && 'key' in auth) pending = pending.set('X-API-Key', auth.key);
    if (auth && 'token' in auth) pending = pending.set('Authorization', `Bearer ${auth.token}`);
    const response = await (body ? pending.send(body) : pending);
    assertMatchesDocument(method, path, response);
    return response;
  }

  /** A customer who was not invited by name signs up with the group's code, proves their address by the mailed link, and is in. */
  async function redeemOnTheSite(code: string, email: string) {
    const customer = visitor(site);
    assert.equal((await customer.get(`/redeem?code=${encodeURIComponent(code)}`)).status, 200);
    const registered = await customer.post('/redeem/register', { code, firstName: 'Grace', lastName: 'Hopper', email, password: PASSWORD, confirm: PASSWORD });
    assert.ok(registered.text.includes(`We have sent a link to ${email}.`), registered.text.slice(0, 300));
    await t.worker.drain();
    const mail = (await t.store.devMail.list({ limit: 20 })).items.find((m) => m.to === email && m.text.includes('/confirm?token='));
    const link = new URL(/https?:\/\/\S+\/confirm\?token=[\w-]+/.exec(mail!.text)![0]);
    const confirmed = await customer.get(`${link.pathname}${link.search}`);
    assert.deepEqual([confirmed.status, confirmed.headers.location], [303, '/profile?welcome=1']);
    return (await t.store.contacts.findByPrimaryEmail(email))!;
  }

  async function scenario(inviter: Auth, admin: Auth, email: string) {
    const hook = await call('post', `${BASE}/webhooks`, admin, { url: receiver.url, events: ['invitation.redeemed'] }, { 'Idempotency-Key': 'subscribe-1' });
    assert.equal(hook.status, 201);
    const secret = hook.body.secret as string;

    const created = await call('post', `${BASE}/invitations`, inviter, {
      type: 'group', maxRedemptions: 5, contacts: [seed.contacts[0]!.primaryEmail], name: 'Spring partners', company: 'Contoso Ltd',
    }, { 'Idempotency-Key': 'spring-1' });
    assert.equal(created.status, 201);
    assert.equal(created.body.status, 'pending-approval');
    const approved = await call('post', `${BASE}/invitations/${created.body.id}/approve`, admin, undefined, { 'If-Match': created.headers.etag! });
    assert.equal(approved.body.status, 'sent');
    await t.worker.drain();
    assert.equal(receiver.deliveries.length, 0, 'the subscription wants redemptions only');

    const grace = await redeemOnTheSite(created.body.code, email);
    assert.equal(grace.parentAccountId, seed.account.id);
    await t.worker.drain();

    assert.equal(receiver.deliveries.length, 1);
    const [delivery] = receiver.deliveries;
    assert.ok(isFromInviteDesk(delivery!.body, delivery!.headers['x-invitedesk-signature'] as string | undefined, secret), 'signed with the secret the API answered');
    assert.ok(!isFromInviteDesk(delivery!.body, delivery!.headers['x-invitedesk-signature'] as string | undefined, `${secret}x`));
    const event = JSON.parse(delivery!.body) as WebhookEvent;
    assert.equal(delivery!.headers['x-invitedesk-event'], 'invitation.redeemed');
    assert.deepEqual([event.type, event.invitation.id, event.invitation.type, event.invitation.name], ['invitation.redeemed', created.body.id, 'group', 'Spring partners']);
    assert.deepEqual(event.contacts, [{ id: grace.id, email }]);
    assert.equal(event.actor, `contact:${grace.id}`);
    assert.ok(!delivery!.body.includes(created.body.code), 'no code in the event');

    const log = await call('get', `${BASE}/webhook-deliveries?webhook=${hook.body.id}`, admin);
    assert.deepEqual(log.body.items.map((d: { eventId: string; status: string }) => [d.eventId, d.status]), [[event.id, 'delivered']]);
    const invitation = await call('get', `${BASE}/invitations/${created.body.id}`, inviter);
    assert.deepEqual([invitation.body.redemptions, invitation.body.redeemedBy[0].contactId], [1, grace.id]);
  }

  it('with Microsoft Entra app-only tokens', async () => {
    await scenario({ token: await issuer.token(CRM) }, { token: await issuer.token(OPS) }, 'grace@example.com');
    const actors = (await t.store.audit.list({ action: 'webhook.*' }, { limit: 5 })).items.map((e) => e.actor);
    assert.deepEqual(actors, ['api:ops-app']);
  });

  it('with API keys', async () => {
    const inviter = (await t.services.apiKeys.create('cli', { name: 'CRM', roles: ['Invitations.ReadWrite'] })).key;
    const admin = (await t.services.apiKeys.create('cli', { name: 'Ops', roles: ['Admin'] })).key;
    await scenario({ key: inviter }, { key: admin }, 'grace.hopper@example.com');
  });
});
