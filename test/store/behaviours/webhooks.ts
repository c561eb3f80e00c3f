import assert from 'node:assert/strict';
import type { WebhookDelivery, WebhookSubscription } from '../../../src/domain/webhook.ts';
import { at, NOW, useStore, type MakeStore } from '../fixtures.ts';

const subscription = (overrides: Partial<WebhookSubscription> = {}): WebhookSubscription => ({
  id: 'sub-1', url: 'https://hooks.example.com/in', events: ['invitation.redeemed', 'invitation.sent'], secret: 'whsec_x', enabled: true,
  createdBy: 'cli', createdAt: NOW, ...overrides,
});

const delivery = (overrides: Partial<WebhookDelivery> = {}): WebhookDelivery => ({
  id: 'dlv-1', subscriptionId: 'sub-1', eventId: 'evt-1', eventType: 'invitation.redeemed',
  event: {
    id: 'evt-1', type: 'invitation.redeemed', occurredAt: NOW.toISOString(), actor: 'contact:c1',
    invitation: { id: 'inv-1', name: 'Ann – 2026', type: 'single', status: 'redeemed', expiresAt: null },
    contacts: [{ id: 'c1', email: 'ann@example.com' }], detail: { 'a.b': 1, $c: [true] },
  },
  status: 'pending', attempts: 0, lastResponseCode: null, lastError: null, lastAttemptAt: null, createdAt: NOW, updatedAt: NOW, ...overrides,
});

export function webhookBehaviour(makeStore: MakeStore): void {
  describe('webhook subscriptions and the delivery log', () => {
    const s = useStore(makeStore);

    it('stores, lists oldest first, disables and removes subscriptions', async () => {
      await s.store.webhooks.insert(subscription());
      await s.store.webhooks.insert(subscription({ id: 'sub-2', events: [], createdAt: at(1000) }));
      assert.deepEqual(await s.store.webhooks.get('sub-1'), subscription());
      assert.deepEqual((await s.store.webhooks.list()).map((w) => [w.id, w.events]), [['sub-1', ['invitation.redeemed', 'invitation.sent']], ['sub-2', []]]);
      assert.equal(await s.store.webhooks.setEnabled('sub-1', false), true);
      assert.equal((await s.store.webhooks.get('sub-1'))!.enabled, false);
      assert.equal(await s.store.webhooks.setEnabled('nope', false), false);
      assert.equal(await s.store.webhooks.remove('sub-1'), true);
      assert.equal(await s.store.webhooks.remove('sub-1'), false);
      assert.equal(await s.store.webhooks.get('sub-1'), null);
    });

    it('adds deliveries once, however often the fan-out runs, and keeps the event as it was', async () => {
      assert.equal(await s.store.webhookDeliveries.insertMany([delivery(), delivery({ id: 'dlv-2', subscriptionId: 'sub-2' })]), 2);
      assert.equal(await s.store.webhookDeliveries.insertMany([delivery(), delivery({ id: 'dlv-3', createdAt: at(1) })]), 1);
      assert.deepEqual(await s.store.webhookDeliveries.get('dlv-1'), delivery());
      assert.equal(await s.store.webhookDeliveries.get('nope'), null);
    });

    it('records each attempt: count, status, response code, error and time; a status is set without an attempt', async () => {
      await s.store.webhookDeliveries.insertMany([delivery()]);
      assert.equal(await s.store.webhookDeliveries.recordAttempt('dlv-1', { status: 'retrying', responseCode: 503, error: 'answered 503', at: at(1000) }), true);
      assert.equal(await s.store.webhookDeliveries.recordAttempt('dlv-1', { status: 'delivered', responseCode: 204, error: null, at: at(2000) }), true);
      assert.deepEqual(await s.store.webhookDeliveries.get('dlv-1'), delivery({
        status: 'delivered', attempts: 2, lastResponseCode: 204, lastError: null, lastAttemptAt: at(2000), updatedAt: at(2000),
      }));
      assert.equal(await s.store.webhookDeliveries.setStatus('dlv-1', 'pending', null, at(3000)), true);
      const pending = await s.store.webhookDeliveries.get('dlv-1');
      assert.deepEqual([pending!.status, pending!.attempts, pending!.lastResponseCode, pending!.updatedAt], ['pending', 2, 204, at(3000)]);
      await s.store.webhookDeliveries.setStatus('dlv-1', 'failed', 'The subscription was removed.', at(4000));
      const failed = await s.store.webhookDeliveries.get('dlv-1');
      assert.deepEqual([failed!.status, failed!.attempts, failed!.lastError], ['failed', 2, 'The subscription was removed.']);
      assert.equal(await s.store.webhookDeliveries.recordAttempt('nope', { status: 'failed', responseCode: null, error: 'x', at: NOW }), false);
      assert.equal(await s.store.webhookDeliveries.setStatus('nope', 'pending', null, NOW), false);
    });

    it('lists deliveries newest first, by subscription, event and status, a page at a time', async () => {
      await s.store.webhookDeliveries.insertMany([
        delivery(), delivery({ id: 'dlv-2', subscriptionId: 'sub-2', createdAt: at(1) }),
        delivery({ id: 'dlv-3', eventId: 'evt-2', createdAt: at(2), status: 'failed' }),
      ]);
      const first = await s.store.webhookDeliveries.list({}, { limit: 2 });
      assert.deepEqual(first.items.map((d) => d.id), ['dlv-3', 'dlv-2']);
      assert.deepEqual((await s.store.webhookDeliveries.list({}, { limit: 2, after: first.next })).items.map((d) => d.id), ['dlv-1']);
      assert.deepEqual((await s.store.webhookDeliveries.list({ subscriptionId: 'sub-1' }, { limit: 10 })).items.map((d) => d.id), ['dlv-3', 'dlv-1']);
      assert.deepEqual((await s.store.webhookDeliveries.list({ eventId: 'evt-1' }, { limit: 10 })).items.map((d) => d.id), ['dlv-2', 'dlv-1']);
      assert.deepEqual((await s.store.webhookDeliveries.list({ status: 'failed' }, { limit: 10 })).items.map((d) => d.id), ['dlv-3']);
    });
  });
}
