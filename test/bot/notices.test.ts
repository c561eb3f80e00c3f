import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MemoryStorage, TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { createBot } from '../../bot/app.ts';
import { conversationFor, rememberConversation } from '../../bot/notices/conversationReferences.ts';
import { createNotifier, type ProactiveAdapter } from '../../bot/notices/notifier.ts';
import { newJob, type Job } from '../../src/domain/job.ts';
import { noticeHandler } from '../../src/jobs/handlers/notice.ts';
import { webhookEventHandler } from '../../src/jobs/handlers/webhookEvent.ts';
import { PermanentJobError, RetryLaterError } from '../../src/domain/jobOutcomes.ts';
import { createWorker } from '../../src/jobs/worker.ts';
import { deadLetterNotices, deadLetterSummary } from '../../src/services/notices/deadLetters.ts';
import { queueExpiredUnusedNotices, startExpirySweep } from '../../src/services/notices/expiredUnused.ts';
import { noticeJob } from '../../src/services/notices/noticeJob.ts';
import { redeemedNotice } from '../../src/services/notices/redeemed.ts';
import { cardTexts } from '../support/botTestbed.ts';
import { silentLogger } from '../support/mailTestbed.ts';
import { useSeededServices } from '../support/services.ts';

const DAY = 86_400_000;
const IVY = 'bbbbbbbb-0000-4000-8000-000000000002';
const ADA = 'aaaaaaaa-0000-4000-8000-000000000001';
const BOOT_ADMIN = 'eeeeeeee-0000-4000-8000-000000000005';

describe('bot: proactive notices', () => {
  const s = useSeededServices(2);
  /** What the fake Teams received, and the failure it answers the next send with. */
  let sent: Partial<Activity>[];
  let failNextSend: Error | null;

  /** CloudAdapter's proactive send, on a TestAdapter turn (TestAdapter itself has no continueConversationAsync). */
  const teams: ProactiveAdapter = {
    async continueConversationAsync(_appId, reference, logic) {
      const adapter = new TestAdapter();
      const context = new TurnContext(adapter, TurnContext.applyConversationReference({ type: 'event', name: 'continueConversation' }, reference, true));
      context.onSendActivities(async (_ctx, activities, next) => {
        const failure = failNextSend;
        failNextSend = null;
        if (failure) throw failure;
        sent.push(...activities);
        return next();
      });
      await logic(context);
    },
  };
  const notify = () => createNotifier({ adapter: teams, botAppId: 'bot-app-id', store: s.store, clock: s.clock });

  /** One turn from `objectId` in a chat of that type, as Teams sends it. */
  const writeToBot = async (objectId: string, conversationId: string, conversationType = 'personal', locale = 'en-US') => {
    const adapter = new TestAdapter(async (context) => { await rememberConversation(s.store, context.activity); });
    await adapter.send({
      type: 'message', text: 'help', channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/emea/', locale,
      from: { id: `29:${objectId}`, name: 'Someone', aadObjectId: objectId.toUpperCase() },
      conversation: { id: conversationId, conversationType, isGroup: conversationType !== 'personal', name: '' },
    });
  };

  const worker = (handlers: Record<string, (job: Job) => Promise<void>> = {}) => createWorker({
    store: s.store, logger: silentLogger, clock: s.clock, concurrency: 1, maxAttempts: 3,
    handlers: { notice: noticeHandler(notify()), 'invitation.send': async () => {}, 'webhook.event': webhookEventHandler(s), ...handlers },
    onDeadLetter: async (job, reason) => { await s.store.jobs.enqueueMany(await deadLetterNotices(s.store, job, reason, [BOOT_ADMIN], s.clock())); },
  });
  const queuedNotices = async (idPrefix: string) => (await s.store.jobs.list({ kind: 'notice' }, { limit: 100 })).items.filter((j) => j.id.startsWith(idPrefix));
  const invite = (actor: string, overrides: object = {}) => s.services.invitations.create(actor, {
    type: 'group', name: 'Spring partners', invitedContactIds: s.seed.contacts.map((c) => c.id), maxRedemptions: 2,
    expiresAt: new Date(s.clock().getTime() + DAY), ...overrides,
  });

  beforeEach(async () => {
    sent = [];
    failNextSend = null;
    await s.services.staff.save('cli', { id: IVY, displayName: 'Ivy Inviter', roles: ['inviter'] });
    await s.services.staff.save('cli', { id: ADA, displayName: 'Ada Admin', roles: ['admin'] });
  });

  it('remembers the personal chat of whoever writes to the bot, the latest one, and no group chat', async () => {
    await writeToBot(IVY, 'a:old-chat');
    await writeToBot(IVY, 'a:ivy-chat');
    await writeToBot(IVY, '19:group-chat', 'groupChat');
    await writeToBot(ADA, '19:team-channel', 'channel');
    const reference = await conversationFor(s.store, IVY.toUpperCase());
    assert.deepEqual([reference?.conversation?.id, reference?.serviceUrl, reference?.user?.id], ['a:ivy-chat', 'https://smba.trafficmanager.net/emea/', `29:${IVY}`]);
    assert.equal(await conversationFor(s.store, ADA), null);
  });

  it('delivers a notice as a card in the personal chat of the person it is for, and no one else', async () => {
    await writeToBot(IVY, 'a:ivy-chat');
    await writeToBot(ADA, 'a:ada-chat');
    await s.store.jobs.enqueue(noticeJob('n1', { to: IVY, title: 'Invitation redeemed', text: 'Ann redeemed "Spring partners".', color: 'Good' }, null, s.clock()));
    assert.deepEqual((await worker().drain()).map((r) => r.result), ['done']);
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.conversation?.id, 'a:ivy-chat');
    assert.deepEqual(cardTexts(sent[0]!), ['Invitation redeemed', 'Ann redeemed "Spring partners".']);
  });

  it('dead-letters at once a notice for someone who never wrote to the bot, and tells nobody but the admins\' summary', async () => {
    await s.store.jobs.enqueue(noticeJob('n1', { to: IVY, title: 'T', text: 'x', color: 'Default' }, null, s.clock()));
    assert.deepEqual((await worker().drain()).map((r) => r.result), ['dead']);
    assert.match((await s.store.jobs.get('n1'))!.lastError!, /has not talked to the bot yet/);
    assert.deepEqual((await queuedNotices('')).map((j) => j.id), ['n1']);
    await assert.rejects(notify()(ADA, 'T', 'x'), PermanentJobError);
  });

  it('gives up on someone who removed the bot, waits when throttled, and retries other failures', async () => {
    await writeToBot(IVY, 'a:ivy-chat');
    const teamsError = (statusCode: number, retryAfter?: string) => Object.assign(new Error(`HTTP ${statusCode}`), { statusCode, response: { headers: new Headers(retryAfter ? { 'retry-after': retryAfter } : {}) } });
    failNextSend = teamsError(403);
    await assert.rejects(notify()(IVY, 'T', 'x'), PermanentJobError);
    failNextSend = teamsError(429, '12');
    await assert.rejects(notify()(IVY, 'T', 'x'), (error: unknown) => error instanceof RetryLaterError && error.delayMs === 12_000);
    failNextSend = teamsError(502);
    await assert.rejects(notify()(IVY, 'T', 'x'), (error: unknown) => !(error instanceof PermanentJobError) && /502/.test((error as Error).message));
    await notify()(IVY, 'T', 'x');
    assert.equal(sent.length, 1);
  });

  it('sends through the bot\'s own adapter to the Bot Framework connector, and fails the job (not the turn) when Teams refuses', async () => {
    const posted: { url: string; body: Record<string, unknown> }[] = [];
    let status = 200;
    const connector = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => { body += chunk; });
      req.on('end', () => {
        posted.push({ url: req.url ?? '', body: JSON.parse(body) as Record<string, unknown> });
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(status === 200 ? { id: 'sent-1' } : { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } }));
      });
    });
    await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', resolve));
    try {
      const serviceUrl = `http://127.0.0.1:${(connector.address() as AddressInfo).port}/`;
      await s.store.botState.write(`conversation-reference/${IVY}`, { channelId: 'msteams', serviceUrl, conversation: { id: 'a:ivy-chat', conversationType: 'personal' }, user: { id: `29:${IVY}`, aadObjectId: IVY }, bot: { id: '28:bot', name: 'Invite Desk' } }, null);
      const deps = { services: s.services, logger: silentLogger, storage: new MemoryStorage(), botState: s.store.botState, credentials: null, allowedTenants: [], adminObjectIds: [] };
      const bot = createBot(deps);
      const viaBot = createNotifier({ adapter: bot.adapter, botAppId: '', store: s.store, replyPolicy: bot.replyPolicy });
      await viaBot(IVY, 'Invitation redeemed', 'Ann redeemed "Spring partners".', 'Good');
      assert.equal(posted.length, 1);
      assert.match(posted[0]!.url, /^\/v3\/conversations\/a%3Aivy-chat\/activities/);
      assert.deepEqual(cardTexts(posted[0]!.body as Partial<Activity>), ['Invitation redeemed', 'Ann redeemed "Spring partners".']);
      status = 403;
      await assert.rejects(viaBot(IVY, 'T', 'x'), PermanentJobError);
      assert.equal(posted.length, 2, 'no "something went wrong" sent after the refusal');
    } finally {
      await new Promise<void>((resolve) => connector.close(() => resolve()));
    }
  });

  it('sends a notice only where the bot may reply: a Bot Framework host, or this machine when it runs without BOT_ID', async () => {
    const chatAt = (serviceUrl: string) => s.store.botState.write(`conversation-reference/${IVY}`, {
      channelId: 'msteams', serviceUrl, conversation: { id: 'a:ivy-chat', conversationType: 'personal' }, user: { id: `29:${IVY}`, aadObjectId: IVY }, bot: { id: '28:bot', name: 'Invite Desk' },
    }, null);
    const local = createNotifier({ adapter: teams, botAppId: '', store: s.store, replyPolicy: 'loopback' });
    await chatAt('https://attacker.example/teams/');
    for (const notifier of [notify(), local]) await assert.rejects(notifier(IVY, 'T', 'x'), (error: Error) => error instanceof PermanentJobError && /where this bot does not send/.test(error.message));
    await chatAt('https://smba.trafficmanager.net/emea/');
    await assert.rejects(local(IVY, 'T', 'x'), PermanentJobError);
    assert.equal(sent.length, 0);
    await notify()(IVY, 'T', 'x');
    await chatAt('http://127.0.0.1:3978/connector');
    await local(IVY, 'T', 'x');
    assert.equal(sent.length, 2);
  });

  it('words a notice in the language its reader last wrote to the bot in (the message key\'s catalog text), English as queued for others', async () => {
    await writeToBot(IVY, 'a:ivy-chat', 'personal', 'da-DK');
    await writeToBot(ADA, 'a:ada-chat', 'personal', 'en-GB');
    const contact = s.seed.contacts[0]!;
    await s.store.jobs.enqueue(redeemedNotice((await invite(IVY)).invitation, contact, 'a1', s.clock())!);
    await s.store.jobs.enqueue(redeemedNotice((await invite('cli', { ownerId: ADA })).invitation, contact, 'a2', s.clock())!);
    await s.store.jobs.enqueue(noticeJob('old', { to: IVY, title: 'Queued before', text: 'No message key.', color: 'Default' }, null, s.clock()));
    await worker().drain();
    const to = (chat: string) => sent.filter((a) => a.conversation?.id === chat).map(cardTexts);
    assert.deepEqual(to('a:ivy-chat'), [['Invitation indløst', 'person1 Tester har indløst gruppeinvitationen "Spring partners".'], ['Queued before', 'No message key.']]);
    assert.deepEqual(to('a:ada-chat'), [['Invitation redeemed', 'person1 Tester redeemed the group invitation "Spring partners".']]);
    assert.equal(sent.find((a) => a.conversation?.id === 'a:ivy-chat')!.summary, 'Invitation indløst');
  });

  it('tells the staff member who made an invitation (or its owner) that it was redeemed; no one for one made from the CLI', async () => {
    const contact = s.seed.contacts[0]!;
    const { invitation } = await invite(IVY);
    const job = redeemedNotice(invitation, contact, 'activity-1', s.clock())!;
    assert.deepEqual([job.id, job.kind, job.subjectId], [`notice:redeemed:${invitation.id}:activity-1:${contact.id}`, 'notice', invitation.id]);
    assert.deepEqual(job.payload, {
      to: IVY, title: 'Invitation redeemed', text: 'person1 Tester redeemed the group invitation "Spring partners".', color: 'Good',
      message: { key: 'redeemedGroup', values: { contact: 'person1 Tester', name: 'Spring partners' } },
    });
    assert.equal(redeemedNotice((await invite('cli', { ownerId: ADA })).invitation, contact, 'activity-2', s.clock())!.payload.to, ADA);
    assert.equal(redeemedNotice((await invite('cli')).invitation, contact, 'activity-3', s.clock()), null);
  });

  it('tells the inviter when their invitation mail dies, at once and once, and queues each admin\'s summary of the hour', async () => {
    await writeToBot(IVY, 'a:ivy-chat');
    await writeToBot(ADA, 'a:ada-chat');
    const { invitation } = await invite(IVY);
    await s.store.jobs.enqueue(newJob({ id: 'mail1', kind: 'invitation.mail', subjectId: invitation.id, payload: { invitationId: invitation.id, contactId: s.seed.contacts[0]!.id } }, s.clock()));
    await worker({ 'invitation.mail': async () => { throw new PermanentJobError('Graph answered 404: mailbox not found'); } }).drain();
    const notices = await queuedNotices('notice:dead:');
    assert.deepEqual(notices.map((j) => j.payload.to), [IVY]);
    assert.deepEqual(notices[0]!.payload.text, 'The invitation mail for "Spring partners" to person1 Tester (person1@example.com) could not be sent: Graph answered 404: mailbox not found.');
    assert.deepEqual(sent.map((a) => a.conversation?.id), ['a:ivy-chat']);
    const summaries = (await s.store.jobs.list({ kind: 'notice.dead-letter-summary' }, { limit: 10 })).items;
    assert.deepEqual(summaries.map((j) => j.payload.to).sort(), [ADA, BOOT_ADMIN].sort(), 'admins hear in the summary of the hour (test/services/deadLetterSummary.test.ts)');
  });

  it('tells the inviter only about mail of their invitation, and admins only through the summary', async () => {
    const { invitation } = await invite(ADA);
    const dead = (kind: string, payload: Record<string, unknown>) => ({ ...newJob({ id: `${kind}-1`, kind, subjectId: invitation.id, payload }, s.clock()), attempts: 3 });
    const workflow = await deadLetterNotices(s.store, dead('workflow', { workflow: 'crm-sync', invitationId: invitation.id, contactId: s.seed.contacts[1]!.id }), 'answered 500', [BOOT_ADMIN, ADA], s.clock());
    assert.deepEqual(workflow.map((j) => [j.kind, j.payload.to]).sort(), [['notice.dead-letter-summary', ADA], ['notice.dead-letter-summary', BOOT_ADMIN]].sort());
    const mail = await deadLetterNotices(s.store, dead('invitation.send', { invitationId: invitation.id }), 'gone', [], s.clock());
    assert.deepEqual(mail.map((j) => [j.payload.to, j.kind]), [[ADA, 'notice'], [ADA, 'notice.dead-letter-summary']]);
    assert.equal(mail[0]!.payload.title, 'Mail failed');
    const summary = (await deadLetterSummary(s.store, mail[1]!.payload.window as string))!.text;
    assert.match(summary, /The workflow "crm-sync" for person2 Tester \(person2@example.com\) redeeming "Spring partners", after 3 attempts: answered 500\. Retry: npx invite-desk jobs retry workflow-1/);
    assert.deepEqual(await deadLetterNotices(s.store, dead('notice.dead-letter-summary', { to: IVY, window: 'x' }), 'unreachable', [BOOT_ADMIN], s.clock()), []);
  });

  it('tells the inviter once when an invitation expires unused, and again only after an extension runs out unused', async () => {
    const unused = (await invite(IVY, { name: 'Unused' })).invitation;
    const redeemed = await invite(IVY, { name: 'Redeemed' });
    await invite(IVY, { name: 'Revoked' }).then(({ invitation }) => s.services.invitations.revoke(IVY, invitation.id, 'wrong list'));
    await invite(IVY, { name: 'Long ago', expiresAt: new Date(s.clock().getTime() + 2 * DAY) });
    await invite('cli', { name: 'From the CLI' });
    await s.services.invitations.redeem({ code: redeemed.code, contactId: s.seed.contacts[0]!.id });
    assert.equal(await queueExpiredUnusedNotices(s.store, s.clock()), 0, 'nothing has expired yet');

    s.clock.advance(DAY);
    assert.equal(await queueExpiredUnusedNotices(s.store, s.clock()), 1);
    assert.equal(await queueExpiredUnusedNotices(s.store, s.clock()), 0, 'a second sweep adds nothing');
    const [notice] = await queuedNotices('notice:expired:');
    assert.deepEqual(notice!.payload, {
      to: IVY, title: 'Invitation expired unused', color: 'Warning',
      text: `"Unused" expired on 2026-06-02 12:00 UTC without being redeemed. To give it more time: extend ${unused.id} <when>.`,
      message: { key: 'expiredUnused', values: { name: 'Unused', expired: '2026-06-02 12:00 UTC', id: unused.id } },
    });

    s.clock.advance(9 * DAY);
    assert.equal(await queueExpiredUnusedNotices(s.store, s.clock()), 0, 'expired longer ago than the sweep looks back');
    await s.services.invitations.extend(IVY, unused.id, new Date(s.clock().getTime() + DAY));
    s.clock.advance(DAY);
    const sweep = startExpirySweep({ store: s.store, clock: s.clock, logger: silentLogger });
    await sweep.stop();
    assert.deepEqual((await queuedNotices('notice:expired:')).map((j) => j.subjectId), [unused.id, unused.id]);
  });
});
