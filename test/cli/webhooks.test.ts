import assert from 'node:assert/strict';
import { runCliIn } from '../support/inProcessCli.ts';
import { seedDirectory } from '../support/services.ts';
import { startWebhookReceiver } from '../support/webhookReceiver.ts';
import { webhookTestbed } from '../support/webhookTestbed.ts';

describe('admin CLI: webhooks', () => {
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

  async function cli(...args: string[]) {
    return runCliIn(t.services, args);
  }

  it('adds, lists, shows deliveries, redelivers, disables and removes', async () => {
    const added = await cli('webhooks', 'add', receiver.url, '--event', 'invitation.created', '--event', 'invitation.revoked');
    assert.equal(added.exitCode, 0, added.stderr);
    const id = /added webhook (\S+)/.exec(added.stdout)![1]!;
    assert.match(added.stdout, /secret: whsec_\S{43}/);
    assert.match(added.stdout, /enabled .* invitation\.created,invitation\.revoked/);
    const listed = await cli('webhooks', 'list');
    assert.equal(listed.stdout, `${id}  enabled   ${receiver.url}  invitation.created,invitation.revoked`);
    assert.ok(!(await cli('--json', 'webhooks', 'list')).stdout.includes('whsec_'), 'the secret is shown once');

    const seed = await seedDirectory(t.services, 1);
    receiver.answerNext({ status: 500 });
    await t.services.invitations.create('cli', { type: 'single', invitedContactIds: [seed.contacts[0]!.id] });
    await t.worker.drain();
    const log = await cli('webhooks', 'deliveries', '--webhook', id);
    assert.match(log.stdout, /^\S+ {2}retrying +invitation\.created +event \S+ {2}attempts 1 {2}last 500 {2}2026-06-01T12:00:00\.000Z {2}the endpoint answered 500$/);
    const deliveryId = log.stdout.split(' ')[0]!;
    const again = await cli('webhooks', 'redeliver', deliveryId);
    assert.equal(again.exitCode, 0, again.stderr);
    await t.worker.drain();
    assert.match((await cli('webhooks', 'deliveries', '--status', 'delivered')).stdout, /delivered +invitation\.created .* attempts 2 {2}last 200/);
    assert.equal(receiver.deliveries[0]!.body, receiver.deliveries[1]!.body);

    assert.match((await cli('webhooks', 'disable', id)).stdout, /disabled webhook \S+ {2}disabled/);
    assert.equal((await cli('webhooks', 'remove', id)).stdout, `removed webhook ${id}`);
    assert.equal((await cli('webhooks', 'list')).stdout, 'no webhooks');
  });

  it('says what is wrong with a URL or an event type', async () => {
    const refused = await cli('webhooks', 'add', 'http://hooks.example.com/in', '--event', 'invitation.exploded');
    assert.equal(refused.exitCode, 1);
    assert.match(refused.stderr, /url: must be an https URL/);
    assert.match(refused.stderr, /events\.0: must be one of invitation\.created/);
    assert.equal((await cli('webhooks', 'remove', 'nope')).stderr, 'error: Webhook nope was not found.');
  });
});
