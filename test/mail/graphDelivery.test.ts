import assert from 'node:assert/strict';
import { createGraphMailer } from '../../src/mail/graphMailer.ts';
import { pacedMailer } from '../../src/mail/pacedMailer.ts';
import { startFakeGraph, type FakeGraph } from '../support/fakeGraph.ts';
import { deliveryIdOf } from '../support/graphSettings.ts';
import { mailTestbed } from '../support/mailTestbed.ts';
import { seedDirectory } from '../support/services.ts';

describe('invitation mail through the real Graph client (local fake Graph)', function () {
  this.timeout(30_000);
  let fake: FakeGraph;
  let t: ReturnType<typeof mailTestbed>;
  let contacts: Awaited<ReturnType<typeof seedDirectory>>['contacts'];

  beforeEach(async () => {
    fake = await startFakeGraph();
    t = mailTestbed({
      mailer: (store, clock) => pacedMailer(createGraphMailer({
        tenantId: fake.tenantId, clientId: fake.clientId, clientSecret: fake.clientSecret, graphBaseUrl: fake.url, authorityHost: fake.authorityHost, timeoutMs: 500,
      }), store, 10_000, { clock }),
      worker: { maxAttempts: 8 },
    });
    contacts = (await seedDirectory(t.services, 12)).contacts;
  });
  afterEach(async () => {
    await t.store.close();
    await fake.stop();
  });

  /** Runs the worker until no job is queued, moving the clock past each retry. */
  async function runUntilSettled() {
    for (let round = 0; round < 50; round++) {
      await t.worker.drain();
      const counts = await t.store.jobs.countByState({});
      if (counts.queued === 0 && counts.running === 0) return;
      t.clock.advance(2 * 60 * 60_000);
    }
    assert.fail('jobs did not settle');
  }

  const recipients = () => fake.sent.map((m) => m.message.toRecipients![0]!.emailAddress!.address!).sort();

  it('delivers every mail exactly once per job when Graph answers 2xx', async () => {
    await t.services.invitations.create('cli', { type: 'group', maxRedemptions: 12, invitedContactIds: contacts.map((c) => c.id) });
    await runUntilSettled();
    assert.deepEqual(recipients(), contacts.map((c) => c.primaryEmail).sort());
    assert.equal(new Set(fake.sent.map(deliveryIdOf)).size, 12);
    assert.ok(fake.sent.every((m) => m.mailbox === 'invitations@contoso.com'));
    assert.equal(fake.tokensIssued(), 1);
  });

  it('loses no mail under throttling, outages, timeouts and dropped connections', async () => {
    fake.failNext(1, { status: 429, code: 'ApplicationThrottled', retryAfter: 90 });
    fake.failNext(2, { status: 503 });
    fake.failNext(1, { kind: 'hang' });
    fake.failNext(1, { kind: 'reset' });
    fake.failNext(1, { status: 500, code: 'InternalServerError' });
    await t.services.invitations.create('cli', { type: 'group', maxRedemptions: 12, invitedContactIds: contacts.map((c) => c.id) });
    await runUntilSettled();
    assert.deepEqual(recipients(), contacts.map((c) => c.primaryEmail).sort(), 'each contact got exactly one mail');
    assert.equal(fake.requests.length, 12 + 6);
    assert.deepEqual(await t.store.jobs.countByState({ kind: 'invitation.mail' }), { queued: 0, running: 0, done: 12, dead: 0 });
  });

  it('waits as long as Retry-After says', async () => {
    fake.failNext(1, { status: 429, code: 'ApplicationThrottled', retryAfter: 90 });
    const { invitation } = await t.services.invitations.create('cli', { type: 'single', invitedContactIds: [contacts[0]!.id] });
    await t.worker.drain();
    const [job] = (await t.store.jobs.list({ kind: 'invitation.mail', subjectId: invitation.id }, { limit: 1 })).items;
    assert.equal(job!.runAt.getTime() - t.clock().getTime(), 90_000);
    assert.equal(fake.sent.length, 0);
  });

  it('dead-letters a mail Graph refuses (400) at once, with Graph\'s reason', async () => {
    fake.failNext(1, { status: 400, code: 'ErrorInvalidRecipients', message: 'At least one recipient is not valid.' });
    const { invitation } = await t.services.invitations.create('cli', { type: 'single', invitedContactIds: [contacts[0]!.id] });
    await runUntilSettled();
    const [dead] = (await t.store.jobs.list({ state: 'dead', subjectId: invitation.id }, { limit: 5 })).items;
    assert.equal(dead!.attempts, 1);
    assert.match(dead!.lastError!, /^Graph refused the mail \(400 ErrorInvalidRecipients\): At least one recipient is not valid\./);
    assert.equal(fake.requests.length, 1);
  });
});
