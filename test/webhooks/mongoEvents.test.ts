import assert from 'node:assert/strict';
import type { WebhookEvent } from '../../src/domain/webhook.ts';
import { createMongoStore } from '../../src/store/mongo/index.ts';
import { verifySignature } from '../../src/workflows/signature.ts';
import { dropDatabase, startMongoServer, uniqueDatabaseName, withDatabase, type MongoServer } from '../../testkit/mongoServer.ts';
import { seedDirectory } from '../support/services.ts';
import { startWebhookReceiver } from '../support/webhookReceiver.ts';
import { webhookTestbed } from '../support/webhookTestbed.ts';

const APPROVER = '2c0f7b4e-1d2a-4f3b-8c5d-6e7f8a9b0c1d';

describe('webhook events on MongoDB: queued in the invitation\'s own writes, delivered and logged', function () {
  this.timeout(120_000);
  let server: MongoServer | null = null;
  let uri: string;
  let t: ReturnType<typeof webhookTestbed>;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  before(async function () {
    server = await startMongoServer();
    if (!server) this.skip();
  });
  after(async () => { await server?.stop(); });
  beforeEach(async () => {
    uri = withDatabase(server!.uri, uniqueDatabaseName());
    t = webhookTestbed(await createMongoStore(uri));
    receiver = await startWebhookReceiver({ https: true });
  });
  afterEach(async () => {
    await receiver.stop();
    await t.store.close();
    await dropDatabase(uri);
  });

  it('sends created, approved, sent, redeemed, redemption_reset and revoked, signed, and logs each delivery', async () => {
    const seed = await seedDirectory(t.services, 2);
    await t.services.staff.save('cli', { id: APPROVER, displayName: 'Ann Approver', roles: ['approver'] });
    const { secret, id } = await t.services.webhooks.add('cli', { url: receiver.url });
    const single = await t.services.invitations.create('cli', { type: 'single', invitedContactIds: [seed.contacts[0]!.id] });
    const group = await t.services.invitations.create('cli', { type: 'group', maxRedemptions: 2, invitedContactIds: [seed.contacts[1]!.id], requiresApproval: true });
    await t.services.invitations.approve(APPROVER, group.invitation.id);
    await t.worker.drain();
    await t.services.invitations.redeem({ code: single.code, contactId: seed.contacts[0]!.id });
    await t.services.invitations.resetRedemption('cli', { invitation: single.invitation.id, contact: seed.contacts[0]!.id });
    await t.services.invitations.revoke('cli', group.invitation.id);
    await t.worker.drain();

    const events = receiver.deliveries.map((d) => JSON.parse(d.body) as WebhookEvent);
    assert.deepEqual(events.map((e) => e.type).sort(), [
      'invitation.approved', 'invitation.created', 'invitation.created', 'invitation.redeemed', 'invitation.redemption_reset',
      'invitation.revoked', 'invitation.sent', 'invitation.sent',
    ]);
    assert.ok(receiver.deliveries.every((d) => verifySignature(secret, d.body, d.headers['x-invitedesk-signature'] as string)));
    const log = (await t.services.webhooks.deliveries('cli', { subscriptionId: id }, { limit: 20 })).items;
    assert.equal(log.length, 8);
    assert.ok(log.every((d) => d.status === 'delivered' && d.attempts === 1 && d.lastResponseCode === 200));
    assert.deepEqual(new Set(log.map((d) => d.eventId)), new Set(events.map((e) => e.id)));
  });
});
