import assert from 'node:assert/strict';
import { WEBHOOK_EVENT_TYPES, type WebhookEvent } from '../../src/domain/webhook.ts';
import { formatCode } from '../../src/domain/inviteCode.ts';
import { queueExpiredEvents } from '../../src/services/webhookEvents.ts';
import { verifySignature } from '../../src/workflows/signature.ts';
import { seedDirectory } from '../support/services.ts';
import { startWebhookReceiver } from '../support/webhookReceiver.ts';
import { webhookTestbed } from '../support/webhookTestbed.ts';

const APPROVER = '2c0f7b4e-1d2a-4f3b-8c5d-6e7f8a9b0c1d';
const DAY = 86_400_000;

describe('webhook events reach a subscribed HTTPS endpoint, signed', () => {
  let t: ReturnType<typeof webhookTestbed>;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  beforeEach(async () => {
    t = webhookTestbed();
    receiver = await startWebhookReceiver({ https: true });
  });
  afterEach(async () => {
    await receiver.stop();
    await t.store.close();
  });

  const received = () => receiver.deliveries.map((d) => ({ ...d, event: JSON.parse(d.body) as WebhookEvent }));
  const ofType = (type: string) => received().filter((d) => d.event.type === type);

  it('sends every event type where it happens, each with a valid signature and no invitation code', async () => {
    const seed = await seedDirectory(t.services, 4);
    const [ada, bo, cy, di] = seed.contacts as [typeof seed.contacts[0], typeof seed.contacts[0], typeof seed.contacts[0], typeof seed.contacts[0]];
    await t.services.staff.save('cli', { id: APPROVER, displayName: 'Ann Approver', roles: ['approver'] });
    const { secret } = await t.services.webhooks.add('cli', { url: receiver.url });
    t.refuseMailTo.add(cy.primaryEmail!);

    const codes: string[] = [];
    const single = await t.services.invitations.create('cli', { type: 'single', invitedContactIds: [ada.id], expiresAt: new Date(t.clock().getTime() + 10 * DAY) });
    const approved = await t.services.invitations.create('cli', { type: 'group', maxRedemptions: 2, invitedContactIds: [bo.id], requiresApproval: true });
    const rejected = await t.services.invitations.create('cli', { type: 'group', maxRedemptions: 2, invitedContactIds: [bo.id], requiresApproval: true });
    const failing = await t.services.invitations.create('cli', { type: 'single', invitedContactIds: [cy.id] });
    const revoked = await t.services.invitations.create('cli', { type: 'single', invitedContactIds: [di.id] });
    const expiring = await t.services.invitations.create('cli', { type: 'single', invitedContactIds: [di.id], expiresAt: new Date(t.clock().getTime() + DAY) });
    codes.push(...[single, approved, rejected, failing, revoked, expiring].map((i) => i.code));
    await t.services.invitations.approve(APPROVER, approved.invitation.id);
    await t.services.invitations.reject(APPROVER, rejected.invitation.id, 'Wrong list');
    await t.services.invitations.revoke('cli', revoked.invitation.id, 'Sent by mistake');
    await t.worker.drain();
    await t.services.invitations.redeem({ code: single.code, contactId: ada.id });
    await t.services.invitations.resetRedemption('cli', { invitation: single.invitation.id, contact: ada.id, reason: 'Redeemed by a colleague' });
    t.clock.advance(2 * DAY);
    assert.equal(await queueExpiredEvents(t.store, t.clock()), 1);
    assert.equal(await queueExpiredEvents(t.store, t.clock()), 0, 'a second sweep emits nothing new');
    await t.worker.drain();

    assert.deepEqual([...new Set(received().map((d) => d.event.type))].sort(), [...WEBHOOK_EVENT_TYPES].sort());
    for (const delivery of received()) {
      assert.ok(verifySignature(secret, delivery.body, delivery.headers['x-invitedesk-signature'] as string), `${delivery.event.type} is signed`);
      assert.equal(delivery.headers['x-invitedesk-event'], delivery.event.type);
      for (const code of codes) {
        assert.ok(!delivery.body.includes(code) && !delivery.body.includes(formatCode(code)) && !delivery.body.includes(code.replace(/-/g, '')), `${delivery.event.type} holds no code`);
      }
    }
    assert.equal(new Set(received().map((d) => d.event.id)).size, received().length, 'one event id per event');
    assert.equal(ofType('invitation.created').length, 6);
    assert.equal(ofType('invitation.expired').length, 1);

    const [redeemed] = ofType('invitation.redeemed');
    assert.deepEqual(redeemed!.event.invitation, { id: single.invitation.id, name: single.invitation.name, type: 'single', status: 'redeemed', expiresAt: single.invitation.expiresAt!.toISOString() });
    assert.deepEqual(redeemed!.event.contacts, [{ id: ada.id, email: ada.primaryEmail }]);
    assert.equal(redeemed!.event.actor, `contact:${ada.id}`);
    const [reset] = ofType('invitation.redemption_reset');
    assert.deepEqual([reset!.event.invitation.status, reset!.event.actor, reset!.event.detail.reason], ['sent', 'cli', 'Redeemed by a colleague']);
    const [approval] = ofType('invitation.approved');
    assert.deepEqual([approval!.event.invitation.id, approval!.event.invitation.status, approval!.event.actor], [approved.invitation.id, 'sent', APPROVER]);
    const [rejection] = ofType('invitation.rejected');
    assert.deepEqual([rejection!.event.invitation.status, rejection!.event.detail.reason], ['rejected', 'Wrong list']);
    const [revocation] = ofType('invitation.revoked');
    assert.deepEqual([revocation!.event.invitation.id, revocation!.event.invitation.status, revocation!.event.detail.reason], [revoked.invitation.id, 'revoked', 'Sent by mistake']);
    const [failure] = ofType('invitation.mail_failed');
    assert.deepEqual([failure!.event.invitation.id, failure!.event.contacts, failure!.event.actor], [failing.invitation.id, [{ id: cy.id, email: cy.primaryEmail }], 'system']);
    assert.match(String(failure!.event.detail.reason), /does not exist/);
    const sentTo = ofType('invitation.sent').map((d) => `${d.event.invitation.id} ${d.event.contacts[0]!.email}`).sort();
    assert.deepEqual(sentTo, [
      `${single.invitation.id} ${ada.primaryEmail}`, `${approved.invitation.id} ${bo.primaryEmail}`,
      `${expiring.invitation.id} ${di.primaryEmail}`,
    ].sort(), 'mail of the invitation revoked before the worker ran was not sent, so neither was its event');
    const [expiry] = ofType('invitation.expired');
    assert.deepEqual([expiry!.event.invitation.id, expiry!.event.invitation.status, expiry!.event.occurredAt], [expiring.invitation.id, 'expired', expiring.invitation.expiresAt!.toISOString()]);
  });

  it('emits nothing at all for a change that fails (the event is in the change\'s own write)', async () => {
    const seed = await seedDirectory(t.services, 1);
    await t.services.webhooks.add('cli', { url: receiver.url });
    const { invitation } = await t.services.invitations.create('cli', { type: 'single', invitedContactIds: [seed.contacts[0]!.id] });
    await t.services.invitations.revoke('cli', invitation.id);
    await assert.rejects(t.services.invitations.revoke('cli', invitation.id), { message: /already revoked/ });
    await t.worker.drain();
    assert.deepEqual(received().map((d) => d.event.type).sort(), ['invitation.created', 'invitation.revoked']);
  });

  it('loses no invitation.sent when the worker fails between the mail and its event, and sends it once', async () => {
    const seed = await seedDirectory(t.services, 1);
    await t.services.webhooks.add('cli', { url: receiver.url, events: ['invitation.sent'] });
    const enqueue = t.store.jobs.enqueue.bind(t.store.jobs);
    let failures = 1;
    t.store.jobs.enqueue = async (job) => {
      if (job.kind === 'webhook.event' && failures-- > 0) throw new Error('the process died here');
      return enqueue(job);
    };
    await t.services.invitations.create('cli', { type: 'single', invitedContactIds: [seed.contacts[0]!.id] });
    for (let round = 0; round < 3; round++) {
      await t.worker.drain();
      t.clock.advance(3_600_000);
    }
    assert.equal(failures, -1, 'the first try failed after its mail');
    assert.deepEqual(received().map((d) => d.event.type), ['invitation.sent']);
  });
});
