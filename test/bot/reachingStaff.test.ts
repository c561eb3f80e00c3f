import assert from 'node:assert/strict';
import { botInProcess } from '../../bot/inProcess.ts';
import { parseConfig } from '../../src/config.ts';
import { JOB_KINDS } from '../../src/domain/jobKinds.ts';
import { openRuntime, type Runtime } from '../../src/runtime.ts';
import { noticeJob } from '../../src/services/notices/noticeJob.ts';
import { startConnector } from '../support/connector.ts';
import { startFakeGraph, type FakeGraph } from '../support/fakeGraph.ts';
import { graphEnv } from '../support/graphSettings.ts';
import { silentLogger } from '../support/mailTestbed.ts';
import { tempDir } from '../support/tempDir.ts';

const ADMIN = 'aaaaaaaa-0000-4000-8000-000000000001';
const IVY = 'bbbbbbbb-0000-4000-8000-000000000002';
const BOB = 'cccccccc-0000-4000-8000-000000000003';
const CAT = 'dddddddd-0000-4000-8000-000000000004';
const APP = '8a1c4f8e-5b2d-4f61-9a3c-0d2e5f6a7b8c';

/**
 * The server's wiring (runtime, bot notifier, worker) against the Graph stand-in and the connector
 * stand-in: nobody who never wrote to the bot is left unreached in silence.
 */
describe('reaching staff who never wrote to the bot, as the server runs', () => {
  let dir: ReturnType<typeof tempDir>;
  let graph: FakeGraph;
  let connector: Awaited<ReturnType<typeof startConnector>>;
  let runtime: Runtime;

  const start = async (extra: Record<string, string> = {}) => {
    const config = parseConfig({
      DATA_DIR: dir.path, ADMIN_OBJECT_IDS: ADMIN, ...graphEnv(graph), TEAMS_CATALOG_APP_ID: APP, TEAMS_SERVICE_URL: `${connector.url}/`, ...extra,
    });
    runtime = await openRuntime(config, silentLogger);
    const worker = runtime.createWorker({ notify: (await botInProcess(config, runtime, silentLogger)).notify });
    for (const [id, name, email] of [[IVY, 'Ivy Inviter', ''], [BOB, 'Bob Approver', 'bob@contoso.com'], [CAT, 'Cat Viewer', '']]) {
      await runtime.services.staff.save('cli', { id: id!, displayName: name!, roles: ['viewer'], email });
    }
    return worker;
  };
  const notice = (id: string, to: string) => noticeJob(id, { to, title: 'Invitation redeemed', text: 'Ann redeemed "Spring".', color: 'Good' }, null, new Date());

  beforeEach(async () => {
    dir = tempDir();
    graph = await startFakeGraph({ catalogApps: [APP] });
    connector = await startConnector();
  });
  afterEach(async () => {
    await runtime.close();
    await graph.stop();
    await connector.stop();
    dir.remove();
  });

  it('installs the app and posts in the chat it made; mails whoever Graph will not install it for; and queues the admins\' summary for the rest', async () => {
    const worker = await start();
    await runtime.store.jobs.enqueue(notice('to-ivy', IVY));
    assert.deepEqual((await worker.drain()).map((r) => r.result), ['done']);
    assert.deepEqual(connector.requests.map((r) => `${r.method} ${decodeURIComponent(r.url).split('/activities')[0]}`), [`POST /v3/conversations/${graph.chatIdOf(IVY, APP)}`]);
    assert.deepEqual((connector.replies[0]!.conversation as { tenantId?: string }).tenantId, graph.tenantId);
    assert.equal(graph.sent.length, 0);

    graph.failTeamworkNext(2, { status: 403, code: 'Forbidden', message: 'Missing role permissions on the request.' });
    await runtime.store.jobs.enqueueMany([notice('to-bob', BOB), notice('to-cat', CAT)]);
    assert.deepEqual((await worker.drain()).map((r) => [r.job.id, r.result]).sort(), [['to-bob', 'done'], ['to-cat', 'dead']]);
    assert.deepEqual(graph.sent.map((mail) => [mail.message.toRecipients![0]!.emailAddress!.address, mail.message.subject]), [['bob@contoso.com', 'Invite Desk: Invitation redeemed']]);
    assert.match((await runtime.store.jobs.get('to-cat'))!.lastError!, /Graph refused to install the app .*TeamsAppInstallation\.ReadWriteSelfForUser\.All.*; and no e-mail address is kept for them/);
    const summaries = (await runtime.store.jobs.list({ kind: JOB_KINDS.deadLetterSummary }, { limit: 10 })).items;
    assert.deepEqual(summaries.map((j) => j.payload.to), [ADMIN]);
    assert.equal(connector.requests.length, 1, 'nobody was told per dead notice');
  });

  it('mails the notice when the app cannot be installed at all (no TEAMS_CATALOG_APP_ID)', async () => {
    const worker = await start({ TEAMS_CATALOG_APP_ID: '' });
    await runtime.store.jobs.enqueue(notice('to-bob', BOB));
    assert.deepEqual((await worker.drain()).map((r) => r.result), ['done']);
    assert.equal(graph.calls.filter((call) => call.includes('/teamwork/')).length, 0);
    assert.deepEqual(graph.sent.map((mail) => mail.message.toRecipients![0]!.emailAddress!.address), ['bob@contoso.com']);
  });
});
