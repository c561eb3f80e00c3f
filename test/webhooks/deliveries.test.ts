import assert from 'node:assert/strict';
import type { WebhookEvent } from '../../src/domain/webhook.ts';
import { webhookEventHandler } from '../../src/jobs/handlers/webhookEvent.ts';
import { verifySignature } from '../../src/workflows/signature.ts';
import { seedDirectory } from '../support/services.ts';
import { startWebhookReceiver } from '../support/webhookReceiver.ts';
import { MAX_ATTEMPTS, webhookTestbed } from '../support/webhookTestbed.ts';

const HOUR = 3_600_000;

describe('webhook deliveries: retries, the delivery log, redelivery, filters', () => {
  let t: ReturnType<typeof webhookTestbed>;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let contactId: string;
  beforeEach(async () => {
    t = webhookTestbed();
    receiver = await startWebhookReceiver({ https: true });
    contactId = (await seedDirectory(t.services, 1)).contacts[0]!.id;
  });
  afterEach(async () => {
    await receiver.stop();
    await t.store.close();
  });

  const events = () => receiver.deliveries.map((d) => JSON.parse(d.body) as WebhookEvent);
  const invite = () => t.services.invitations.create('cli', { type: 'single', invitedContactIds: [contactId] });
  const log = async () => (await t.services.webhooks.deliveries('cli', {}, { limit: 100 })).items;
  /** Runs due jobs, then moves the clock past any back-off, `rounds` times. */
  const run = async (rounds = 1) => {
    for (let i = 0; i < rounds; i++) {
      await t.worker.drain();
      t.clock.advance(2 * HOUR);
    }
  };

  it('retries a failing endpoint with back-off and Retry-After, keeping the event id, and logs every attempt', async () => {
    await t.services.webhooks.add('cli', { url: receiver.url, events: ['invitation.created'] });
    receiver.answerNext({ status: 500 }, { status: 429, headers: { 'retry-after': '120' } });
    await invite();
    await t.worker.drain();
    let [entry] = await log();
    assert.deepEqual([entry!.status, entry!.attempts, entry!.lastResponseCode, entry!.lastError], ['retrying', 1, 500, 'the endpoint answered 500']);
    assert.deepEqual(entry!.lastAttemptAt, t.clock());
    t.clock.advance(HOUR);
    await t.worker.drain();
    [entry] = await log();
    assert.deepEqual([entry!.status, entry!.attempts, entry!.lastResponseCode], ['retrying', 2, 429]);
    const [job] = (await t.store.jobs.list({ kind: 'webhook.delivery' }, { limit: 5 })).items;
    assert.equal(job!.runAt.getTime() - t.clock().getTime(), 120_000, 'waits as Retry-After says');
    t.clock.advance(120_000);
    await t.worker.drain();
    [entry] = await log();
    assert.deepEqual([entry!.status, entry!.attempts, entry!.lastResponseCode, entry!.lastError], ['delivered', 3, 200, null]);
    assert.equal(receiver.deliveries.length, 3);
    assert.equal(new Set(events().map((e) => e.id)).size, 1, 'the same event id on every retry');
    assert.equal(new Set(receiver.deliveries.map((d) => d.headers['x-invitedesk-delivery'])).size, 1);
  });

  it('gives up after the last attempt, and at once on an answer that cannot change; the log says failed', async () => {
    await t.services.webhooks.add('cli', { url: receiver.url, events: ['invitation.created'] });
    receiver.answerNext(...Array.from({ length: MAX_ATTEMPTS }, () => ({ status: 502 })), { status: 410 });
    await invite();
    await run(MAX_ATTEMPTS + 1);
    let [entry] = await log();
    assert.deepEqual([entry!.status, entry!.attempts, entry!.lastResponseCode], ['failed', MAX_ATTEMPTS, 502]);
    assert.equal(receiver.deliveries.length, MAX_ATTEMPTS);

    await invite();
    await run();
    [entry] = await log();
    assert.deepEqual([entry!.status, entry!.attempts, entry!.lastResponseCode, entry!.lastError], ['failed', 1, 410, 'the endpoint answered 410']);
  });

  it('redelivers the same event, with the same id, and counts the attempt', async () => {
    const { secret } = await t.services.webhooks.add('cli', { url: receiver.url, events: ['invitation.created'] });
    receiver.answerNext({ status: 404 });
    await invite();
    await run();
    const [failed] = await log();
    assert.equal(failed!.status, 'failed');
    const again = await t.services.webhooks.redeliver('cli', failed!.id);
    assert.equal(again.status, 'pending');
    await run();
    const [entry] = await log();
    assert.deepEqual([entry!.id, entry!.status, entry!.attempts, entry!.lastResponseCode], [failed!.id, 'delivered', 2, 200]);
    assert.equal(receiver.deliveries.length, 2);
    assert.equal(receiver.deliveries[0]!.body, receiver.deliveries[1]!.body, 'the very same event');
    assert.ok(verifySignature(secret, receiver.deliveries[1]!.body, receiver.deliveries[1]!.headers['x-invitedesk-signature'] as string));
    const audit = (await t.store.audit.listForSubject(`webhook:${entry!.subscriptionId}`, { limit: 10 })).items.map((e) => e.action);
    assert.deepEqual(audit.sort(), ['webhook.added', 'webhook.redelivered']);
  });

  it('honours the event filter: a subscription gets only the types it asked for', async () => {
    const other = await startWebhookReceiver({ https: true });
    try {
      await t.services.webhooks.add('cli', { url: receiver.url, events: ['invitation.revoked'] });
      await t.services.webhooks.add('cli', { url: other.url });
      const { invitation } = await invite();
      await run();
      await t.services.invitations.revoke('cli', invitation.id);
      await run();
      assert.deepEqual(events().map((e) => e.type), ['invitation.revoked']);
      assert.deepEqual(other.deliveries.map((d) => (JSON.parse(d.body) as WebhookEvent).type).sort(), ['invitation.created', 'invitation.revoked', 'invitation.sent']);
    } finally {
      await other.stop();
    }
  });

  it('sends nothing to a disabled or removed subscription, not even deliveries queued before, nor events from before it existed', async () => {
    await invite();
    await run();
    const later = await t.services.webhooks.add('cli', { url: receiver.url });
    await run();
    assert.equal(receiver.deliveries.length, 0, 'the invitation was made and mailed before the subscription');

    await t.services.webhooks.setEnabled('cli', later.id, false);
    await invite();
    await run();
    assert.equal(receiver.deliveries.length, 0, 'disabled');
    assert.equal((await log()).length, 0);

    await t.services.webhooks.setEnabled('cli', later.id, true);
    receiver.answerNext({ status: 503 }, { status: 503 });
    await invite();
    await t.worker.drain();
    assert.equal(receiver.deliveries.length, 2, 'created and sent, both to be retried');
    await t.services.webhooks.remove('cli', later.id);
    await run(2);
    assert.equal(receiver.deliveries.length, 2, 'removed: the retries are not made');
    assert.deepEqual((await log()).map((d) => [d.status, d.attempts, d.lastError]), [
      ['failed', 1, 'The subscription was removed; nothing was sent.'], ['failed', 1, 'The subscription was removed; nothing was sent.'],
    ]);
    await assert.rejects(t.services.webhooks.redeliver('cli', (await log())[0]!.id), { code: 'conflict', message: /removed/ });
  });

  it('hands an event out once however often its fan-out runs (a worker that died half way runs it again)', async () => {
    await t.services.webhooks.add('cli', { url: receiver.url, events: ['invitation.created'] });
    await invite();
    const [eventJob] = (await t.store.jobs.list({ kind: 'webhook.event' }, { limit: 5 })).items;
    const fanOut = webhookEventHandler(t);
    await fanOut(eventJob!);
    await fanOut(eventJob!);
    assert.equal((await log()).length, 1);
    assert.equal((await t.store.jobs.list({ kind: 'webhook.delivery' }, { limit: 5 })).items.length, 1);
    await run();
    assert.equal(receiver.deliveries.length, 1);
  });
});
