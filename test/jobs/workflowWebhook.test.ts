import assert from 'node:assert/strict';
import { verifySignature } from '../../src/workflows/signature.ts';
import { mailTestbed } from '../support/mailTestbed.ts';
import { seedDirectory } from '../support/services.ts';
import { startWebhookReceiver } from '../support/webhookReceiver.ts';

describe('redemption workflows (webhooks)', () => {
  let t: ReturnType<typeof mailTestbed>;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let secret: string;
  let redeem: () => Promise<void>;
  beforeEach(async () => {
    t = mailTestbed();
    receiver = await startWebhookReceiver();
    const seed = await seedDirectory(t.services, 1);
    secret = (await t.services.workflows.add('cli', { name: 'onboard', url: receiver.url })).secret;
    const { code } = await t.services.invitations.create('cli', {
      type: 'single', invitedContactIds: [seed.contacts[0]!.id], workflow: 'onboard', assignToAccountId: seed.account.id, webRoleIds: [seed.roles[0]!.id],
    });
    await t.worker.drain();
    redeem = async () => { await t.services.invitations.redeem({ code, contactId: seed.contacts[0]!.id }); };
  });
  afterEach(async () => {
    await receiver.stop();
    await t.store.close();
  });

  const workflowJob = async () => (await t.store.jobs.list({ kind: 'workflow' }, { limit: 5 })).items[0]!;

  it('POSTs the redemption as JSON with a signature the receiver can verify', async () => {
    await redeem();
    await t.worker.drain();
    assert.equal(receiver.deliveries.length, 1);
    const [delivery] = receiver.deliveries;
    assert.ok(verifySignature(secret, delivery!.body, delivery!.headers['x-invitedesk-signature'] as string));
    assert.ok(!verifySignature('whsec_other', delivery!.body, delivery!.headers['x-invitedesk-signature'] as string));
    assert.match(delivery!.headers['x-invitedesk-signature'] as string, /^sha256=[0-9a-f]{64}$/);
    const body = JSON.parse(delivery!.body);
    assert.equal(delivery!.headers['x-invitedesk-delivery'], body.deliveryId);
    assert.equal(body.event, 'invitation.redeemed');
    assert.equal(body.contact.email, 'person1@example.com');
    assert.equal(body.account.name, 'Contoso Ltd');
    assert.deepEqual(body.webRoles.map((r: { name: string }) => r.name), ['Customer']);
    assert.equal(body.redeemedAt, t.clock().toISOString());
    assert.equal((await workflowJob()).state, 'done');
  });

  it('retries after a server error and after 429 with Retry-After, keeping the delivery id', async () => {
    receiver.answerNext({ status: 500 }, { status: 429, headers: { 'retry-after': '120' } });
    await redeem();
    await t.worker.drain();
    assert.equal((await workflowJob()).lastError, 'workflow "onboard" answered 500');
    t.clock.advance(60 * 60_000);
    await t.worker.drain();
    const throttled = await workflowJob();
    assert.equal(throttled.runAt.getTime() - t.clock().getTime(), 120_000);
    t.clock.advance(120_000);
    await t.worker.drain();
    assert.equal((await workflowJob()).state, 'done');
    assert.equal(receiver.deliveries.length, 3);
    assert.equal(new Set(receiver.deliveries.map((d) => d.headers['x-invitedesk-delivery'])).size, 1);
  });

  it('dead-letters after the last attempt, and on an answer that cannot change (404)', async () => {
    receiver.answerNext({ status: 502 }, { status: 502 }, { status: 502 });
    await redeem();
    for (let i = 0; i < 3; i++) {
      await t.worker.drain();
      t.clock.advance(2 * 60 * 60_000);
    }
    let job = await workflowJob();
    assert.deepEqual([job.state, job.attempts, job.lastError], ['dead', 3, 'workflow "onboard" answered 502']);

    await t.services.jobs.retry('cli', job.id);
    receiver.answerNext({ status: 404 });
    await t.worker.drain();
    job = await workflowJob();
    assert.deepEqual([job.state, job.attempts, job.lastError], ['dead', 1, 'workflow "onboard" answered 404']);
  });

  it('dead-letters a delivery to a workflow that was removed', async () => {
    await t.services.workflows.remove('cli', 'onboard');
    await redeem();
    await t.worker.drain();
    assert.equal((await workflowJob()).lastError, 'There is no workflow named "onboard".');
  });

  it('refuses workflow names and URLs that cannot work', async () => {
    await assert.rejects(t.services.workflows.add('cli', { name: 'x', url: 'http://hooks.example.com/a' }), { message: /url: must be an https URL \(http only for localhost\)/ });
    await assert.rejects(t.services.workflows.add('cli', { name: '', url: 'https://hooks.example.com/a' }), { message: /name: is 1-50 letters/ });
    await assert.rejects(t.services.workflows.add('cli', { name: 'ONBOARD', url: 'https://hooks.example.com/a' }), { code: 'conflict' });
  });
});
