import assert from 'node:assert/strict';
import type { WebhookDelivery } from '../../src/domain/webhook.ts';
import { useApi, type Auth } from './support.ts';

const BASE = '/api/v1';
const URL_ = 'https://hooks.example.com/invite-desk';

/** A delivery as the worker's fan-out writes it. */
function delivery(id: string, subscriptionId: string, status: WebhookDelivery['status'], at: Date): WebhookDelivery {
  return {
    id, subscriptionId, eventId: `event-${id}`, eventType: 'invitation.created', status, attempts: status === 'pending' ? 0 : 1,
    event: { id: `event-${id}`, type: 'invitation.created', occurredAt: at.toISOString(), invitation: { id: 'inv-1', name: 'Spring', type: 'single', status: 'sent', expiresAt: null }, contacts: [], actor: 'cli', detail: {} },
    lastResponseCode: status === 'failed' ? 500 : null, lastError: status === 'failed' ? 'HTTP 500' : null, lastAttemptAt: status === 'pending' ? null : at, createdAt: at, updatedAt: at,
  };
}

describe('API: webhook subscriptions and deliveries', () => {
  const api = useApi();
  let admin: Auth;
  let writer: Auth;
  beforeEach(async () => {
    admin = { key: await api.keyFor(['Admin'], 'Ops') };
    writer = { key: await api.keyFor(['Invitations.ReadWrite'], 'CRM') };
  });

  it('creates a subscription with its secret answered once, lists and gets it without, disables, enables and removes it', async () => {
    const created = await api.call('post', `${BASE}/webhooks`, admin, { url: URL_, events: ['invitation.redeemed'] }, { 'Idempotency-Key': 'hook-1' });
    assert.equal(created.status, 201);
    assert.match(created.body.secret, /.{20,}/);
    assert.equal(created.headers.location, `${BASE}/webhooks/${created.body.id}`);
    assert.deepEqual([created.body.url, created.body.events, created.body.enabled], [URL_, ['invitation.redeemed'], true]);
    const again = await api.call('post', `${BASE}/webhooks`, admin, { url: URL_, events: ['invitation.redeemed'] }, { 'Idempotency-Key': 'hook-1' });
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(again.body.id, created.body.id);

    const listed = await api.call('get', `${BASE}/webhooks`, admin);
    assert.deepEqual(listed.body.items.map((w: { id: string }) => w.id), [created.body.id]);
    assert.ok(!listed.text.includes(created.body.secret));
    const got = await api.call('get', `${BASE}/webhooks/${created.body.id}`, admin);
    assert.equal(got.body.url, URL_);
    assert.ok(!got.text.includes(created.body.secret));

    assert.equal((await api.call('patch', `${BASE}/webhooks/${created.body.id}`, admin, { enabled: false })).body.enabled, false);
    assert.equal((await api.call('get', `${BASE}/webhooks/${created.body.id}`, admin)).body.enabled, false);
    assert.equal((await api.call('patch', `${BASE}/webhooks/${created.body.id}`, admin, { enabled: true })).body.enabled, true);
    assert.equal((await api.call('delete', `${BASE}/webhooks/${created.body.id}`, admin)).status, 204);
    assert.equal((await api.call('get', `${BASE}/webhooks/${created.body.id}`, admin)).status, 404);
    const audit = (await api.store.audit.listForSubject(`webhook:${created.body.id}`, { limit: 10 })).items.map((e) => e.action).sort();
    assert.deepEqual(audit, ['webhook.added', 'webhook.disabled', 'webhook.enabled', 'webhook.removed']);
  });

  it('refuses a missing field, a wrong type, an unknown event, a URL that is not https or points inside, and unknown ids', async () => {
    const missing = await api.call('post', `${BASE}/webhooks`, admin, { events: [] });
    assert.deepEqual([missing.status, missing.body.code, missing.body.errors[0].field], [400, 'invalid_input', 'url']);
    assert.equal((await api.call('post', `${BASE}/webhooks`, admin, { url: 42 })).status, 400);
    assert.equal((await api.call('post', `${BASE}/webhooks`, admin, { url: URL_, events: ['invitation.eaten'] })).status, 400);
    const plain = await api.call('post', `${BASE}/webhooks`, admin, { url: 'http://hooks.example.com/x' });
    assert.deepEqual([plain.status, plain.body.errors[0].message], [400, 'must be an https URL']);
    assert.equal((await api.call('post', `${BASE}/webhooks`, admin, { url: 'https://169.254.169.254/latest' })).status, 400);
    assert.equal((await api.call('patch', `${BASE}/webhooks/nope`, admin, { enabled: 'yes' })).status, 400);
    assert.equal((await api.call('patch', `${BASE}/webhooks/nope`, admin, {})).status, 400);
    assert.equal((await api.call('patch', `${BASE}/webhooks/nope`, admin, { enabled: false })).status, 404);
    assert.equal((await api.call('delete', `${BASE}/webhooks/nope`, admin)).status, 404);
    assert.equal((await api.call('post', `${BASE}/webhook-deliveries/nope/redeliver`, admin)).status, 404);
    assert.equal((await api.store.webhooks.list()).length, 0);
  });

  it('is for Admin clients only', async () => {
    const created = await api.call('post', `${BASE}/webhooks`, admin, { url: URL_ });
    const reader = { key: await api.keyFor(['Invitations.Read']) };
    for (const auth of [writer, reader]) {
      assert.equal((await api.call('post', `${BASE}/webhooks`, auth, { url: URL_ })).status, 403);
      assert.equal((await api.call('get', `${BASE}/webhooks`, auth)).status, 403);
      assert.equal((await api.call('get', `${BASE}/webhooks/${created.body.id}`, auth)).status, 403);
      assert.equal((await api.call('patch', `${BASE}/webhooks/${created.body.id}`, auth, { enabled: false })).status, 403);
      assert.equal((await api.call('delete', `${BASE}/webhooks/${created.body.id}`, auth)).status, 403);
      assert.equal((await api.call('get', `${BASE}/webhook-deliveries`, auth)).status, 403);
      assert.equal((await api.call('post', `${BASE}/webhook-deliveries/d1/redeliver`, auth)).status, 403);
    }
    assert.equal((await api.call('get', `${BASE}/webhooks`, null)).status, 401);
    assert.equal((await api.call('get', `${BASE}/webhooks/${created.body.id}`, admin)).body.enabled, true);
  });

  it('lists deliveries by subscription, event and status in cursor pages, and redelivers one (not to a disabled subscription)', async () => {
    const first = (await api.call('post', `${BASE}/webhooks`, admin, { url: URL_ })).body;
    const second = (await api.call('post', `${BASE}/webhooks`, admin, { url: `${URL_}/2` })).body;
    const at = (minutes: number) => new Date(api.clock().getTime() + minutes * 60_000);
    await api.store.webhookDeliveries.insertMany([
      delivery('d1', first.id, 'delivered', at(1)), delivery('d2', first.id, 'failed', at(2)),
      delivery('d3', first.id, 'failed', at(3)), delivery('d4', second.id, 'failed', at(4)),
    ]);
    const page1 = await api.call('get', `${BASE}/webhook-deliveries?webhook=${first.id}&limit=2`, admin);
    assert.deepEqual(page1.body.items.map((d: { id: string }) => d.id), ['d3', 'd2']);
    const page2 = await api.call('get', `${BASE}/webhook-deliveries?webhook=${first.id}&limit=2&after=${encodeURIComponent(page1.body.next)}`, admin);
    assert.deepEqual([page2.body.items.map((d: { id: string }) => d.id), page2.body.next], [['d1'], null]);
    const failed = await api.call('get', `${BASE}/webhook-deliveries?status=failed`, admin);
    assert.deepEqual(failed.body.items.map((d: { id: string }) => d.id), ['d4', 'd3', 'd2']);
    assert.deepEqual((await api.call('get', `${BASE}/webhook-deliveries?event=event-d2`, admin)).body.items.map((d: { id: string }) => d.id), ['d2']);
    assert.equal((await api.call('get', `${BASE}/webhook-deliveries?status=lost`, admin)).status, 400);
    assert.equal((await api.call('get', `${BASE}/webhook-deliveries?limit=many`, admin)).status, 400);

    const redelivered = await api.call('post', `${BASE}/webhook-deliveries/d2/redeliver`, admin, undefined, { 'Idempotency-Key': 'again-d2' });
    assert.deepEqual([redelivered.status, redelivered.body.status, redelivered.body.lastError], [200, 'pending', null]);
    assert.equal((await api.store.jobs.list({ kind: undefined }, { limit: 50 })).items.filter((j) => j.kind.startsWith('webhook')).length, 1);
    await api.call('patch', `${BASE}/webhooks/${second.id}`, admin, { enabled: false });
    const refused = await api.call('post', `${BASE}/webhook-deliveries/d4/redeliver`, admin);
    assert.deepEqual([refused.status, refused.body.code], [409, 'conflict']);
  });
});
