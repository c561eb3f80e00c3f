import assert from 'node:assert/strict';
import { runCliIn } from '../support/inProcessCli.ts';
import { createSqliteStore } from '../../src/store/sqlite/index.ts';
import type { Store } from '../../src/store/port.ts';
import { testServices } from '../support/services.ts';

describe('admin CLI: drafts, scheduled sends, reminders and renew', () => {
  let store: Store;
  let t: ReturnType<typeof testServices>;
  beforeEach(async () => {
    store = createSqliteStore(':memory:');
    t = testServices(store);
    await cli('contacts', 'add', '--first', 'Ada', '--last', 'Lovelace', '--email', 'ada@example.com');
  });
  afterEach(() => store.close());

  async function cli(...args: string[]) {
    return runCliIn(t.services, args);
  }
  const sendJobs = async (id: string) => (await store.jobs.list({ kind: 'invitation.send', subjectId: id }, { limit: 10 })).items.length;

  it('creates a draft that mails nothing, shows it, and sends it with `invite send`', async () => {
    const created = await cli('invite', 'create', '--contact', 'ada@example.com', '--expires', '10d', '--draft');
    assert.equal(created.exitCode, 0, created.stderr);
    const id = /id: (\S+)/.exec(created.stdout)![1]!;
    assert.match(created.stdout, /status: draft/);
    assert.match(created.stdout, /^draft: not sent yet \(invite send <id>\)$/m);
    assert.match(created.stdout, /^reminder: 3 day\(s\) before expiry; goes at 2026-06-08T12:00:00.000Z if still unredeemed$/m);
    assert.equal(await sendJobs(id), 0);
    assert.match((await cli('invite', 'send', id)).stdout, /^mail queued for .* sent /);
    assert.equal(await sendJobs(id), 1);
    assert.match((await cli('invite', 'send', id)).stderr, /Only a draft can be sent/);
  });

  it('schedules a send, takes reminder days or none, and says what is wrong with them', async () => {
    const scheduled = await cli('invite', 'create', '--contact', 'ada@example.com', '--send-at', '2026-06-03T08:00Z', '--expires', '10d', '--reminder-days', '5');
    assert.match(scheduled.stdout, /^send at: 2026-06-03T08:00:00.000Z \(by the worker\)$/m);
    assert.match(scheduled.stdout, /^reminder: 5 day\(s\) before expiry; goes at 2026-06-06T12:00:00.000Z/m);
    const onADay = await cli('invite', 'create', '--contact', 'ada@example.com', '--send-at', '2026-06-03');
    assert.match(onADay.stdout, /^send at: 2026-06-03T00:00:00.000Z \(by the worker\)$/m, 'a bare date is the start of that day');
    const none = await cli('invite', 'create', '--contact', 'ada@example.com', '--no-reminder');
    assert.match(none.stdout, /^reminder: none$/m);
    const bad = await cli('invite', 'create', '--contact', 'ada@example.com', '--reminder-days', 'soon');
    assert.equal(bad.exitCode, 1);
    assert.match(bad.stderr, /reminderDays: Reminder: "soon" is not a whole number of days/);
    assert.match((await cli('invite', 'create', '--contact', 'ada@example.com', '--send-at', 'yesterday')).stderr, /sendAt: Send at: "yesterday" is not a date-time with zone/);
  });

  it('renews an expired invitation in one step: new expiry, mail again, one audit event', async () => {
    const created = await cli('invite', 'create', '--contact', 'ada@example.com', '--expires', '1d');
    const id = /id: (\S+)/.exec(created.stdout)![1]!;
    t.clock.advance(2 * 86_400_000);
    const renewed = await cli('invite', 'renew', id, '--expires', '14d');
    assert.equal(renewed.exitCode, 0, renewed.stderr);
    assert.match(renewed.stdout, /^renewed; mail queued again for .* sent .*2026-06-17T12:00:00.000Z/);
    assert.equal(await sendJobs(id), 2);
    const actions = (await store.audit.listForSubject(id, { limit: 10 })).items.map((e) => e.action);
    assert.deepEqual(actions.filter((a) => a !== 'invitation.created'), ['invitation.renewed']);
    assert.match((await cli('invite', 'renew', id)).stderr, /required option '--expires <when>'/);
  });
});
