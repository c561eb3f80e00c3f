import assert from 'node:assert/strict';
import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { conversationFor } from '../../bot/notices/conversationReferences.ts';
import { createGraphPersonalChats } from '../../bot/notices/graphPersonalChats.ts';
import { createNotifier, type ProactiveAdapter } from '../../bot/notices/notifier.ts';
import { personalChatMaker } from '../../bot/notices/personalChat.ts';
import { PermanentJobError, RetryLaterError } from '../../src/domain/jobOutcomes.ts';
import { cardTexts } from '../support/botTestbed.ts';
import { startFakeGraph, type FakeGraph } from '../support/fakeGraph.ts';
import { useSeededServices } from '../support/services.ts';

const IVY = 'bbbbbbbb-0000-4000-8000-000000000002';
const APP = '8a1c4f8e-5b2d-4f61-9a3c-0d2e5f6a7b8c';
const BOT = '0b5e0a5e-3333-4c1e-9e3a-3f0c2a1d5e77';
const REGION = 'https://smba.trafficmanager.net/emea/';

describe('bot: reaching staff who never wrote to the bot (proactive install through Graph)', () => {
  const s = useSeededServices(1);
  let graph: FakeGraph;
  let sent: Partial<Activity>[];

  const teams: ProactiveAdapter = {
    async continueConversationAsync(_appId, reference, logic) {
      const context = new TurnContext(new TestAdapter(), TurnContext.applyConversationReference({ type: 'event', name: 'continueConversation' }, reference, true));
      context.onSendActivities(async (_ctx, activities, next) => { sent.push(...activities); return next(); });
      await logic(context);
    },
  };
  const notifier = (catalogAppId = APP) => createNotifier({
    adapter: teams, botAppId: BOT, store: s.store, clock: s.clock,
    makeChat: personalChatMaker({
      store: s.store, serviceUrl: REGION, tenantId: graph.tenantId, botAppId: BOT,
      chats: createGraphPersonalChats({
        connection: { tenantId: graph.tenantId, clientId: graph.clientId, clientSecret: graph.clientSecret, graphBaseUrl: graph.url, authorityHost: graph.authorityHost },
        catalogAppId,
      }),
    }),
  });
  const teamworkCalls = () => graph.calls.filter((call) => call.includes('/teamwork/'));

  beforeEach(async () => {
    graph = await startFakeGraph({ catalogApps: [APP] });
    sent = [];
  });
  afterEach(() => graph.stop());

  it('installs the app for them, finds the chat it made, sends the notice there and remembers it', async () => {
    await notifier()(IVY, 'Approval needed', 'Ada asks you to approve "Spring partners".', 'Warning');
    assert.deepEqual([...graph.installedApps.get(IVY) ?? []], [APP]);
    assert.deepEqual(teamworkCalls(), [
      `POST /v1.0/users/${IVY}/teamwork/installedApps`,
      `GET /v1.0/users/${IVY}/teamwork/installedApps`,
      `GET /v1.0/users/${IVY}/teamwork/installedApps/${Buffer.from(`${IVY}##${APP}`).toString('base64url')}/chat`,
    ]);
    assert.equal(sent.length, 1);
    assert.deepEqual([sent[0]!.conversation?.id, sent[0]!.serviceUrl, sent[0]!.conversation?.tenantId], [graph.chatIdOf(IVY, APP), REGION, graph.tenantId]);
    assert.deepEqual(cardTexts(sent[0]!), ['Approval needed', 'Ada asks you to approve "Spring partners".']);
    assert.equal((await conversationFor(s.store, IVY))?.conversation?.id, graph.chatIdOf(IVY, APP));

    await notifier()(IVY, 'Again', 'x');
    assert.equal(teamworkCalls().length, 3, 'the remembered chat is used; Graph is not asked again');
    assert.equal(sent.length, 2);
  });

  it('takes an app that is installed already (409) as it is', async () => {
    graph.installedApps.set(IVY, new Set([APP]));
    await notifier()(IVY, 'T', 'x');
    assert.equal(sent[0]!.conversation?.id, graph.chatIdOf(IVY, APP));
  });

  it('gives up (for the mail fallback) when Graph refuses or the app is not in the catalog, and waits when throttled', async () => {
    graph.failTeamworkNext(1, { status: 403, code: 'Forbidden', message: 'Missing role permissions on the request.' });
    await assert.rejects(notifier()(IVY, 'T', 'x'), (error: Error) => error instanceof PermanentJobError && /TeamsAppInstallation\.ReadWriteSelfForUser\.All/.test(error.message));
    await assert.rejects(notifier('11111111-2222-4333-8444-555555555555')(IVY, 'T', 'x'), (error: Error) => error instanceof PermanentJobError && /TEAMS_CATALOG_APP_ID/.test(error.message));
    graph.failTeamworkNext(1, { status: 429, code: 'TooManyRequests', retryAfter: 7 });
    await assert.rejects(notifier()(IVY, 'T', 'x'), (error: unknown) => error instanceof RetryLaterError && error.delayMs === 7000);
    graph.failTeamworkNext(1, { status: 502 });
    await assert.rejects(notifier()(IVY, 'T', 'x'), (error: unknown) => !(error instanceof PermanentJobError) && /502/.test((error as Error).message));
    assert.equal(sent.length, 0);
    assert.equal(await conversationFor(s.store, IVY), null);
  });
});
