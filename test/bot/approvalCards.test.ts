import assert from 'node:assert/strict';
import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { createApprovalCards } from '../../bot/notices/approvalCards.ts';
import { approvalCopies } from '../../bot/notices/approvalCopies.ts';
import type { ProactiveAdapter } from '../../bot/notices/notifier.ts';
import { addStaff, ADMIN, APPROVER, INVITER } from '../support/botTestbed.ts';
import { silentLogger } from '../support/mailTestbed.ts';
import { useSeededServices } from '../support/services.ts';

type Card = { body: { type: string; facts?: { title: string; value: string }[] }[]; actions?: unknown[] };
const decision = (activity: Partial<Activity>) => (activity.attachments![0]!.content as Card).body.find((e) => e.type === 'FactSet')!.facts!.find((f) => f.title === 'Decision')!.value;

describe('bot: posting approval cards (notice jobs)', () => {
  const s = useSeededServices(2);
  let sent: Partial<Activity>[];
  let updated: Partial<Activity>[];
  let duringSend: (() => Promise<void>) | null;

  /** CloudAdapter's proactive turn, on a TestAdapter: records what is sent and edited. */
  const teams: ProactiveAdapter = {
    async continueConversationAsync(_appId, reference, logic) {
      const context = new TurnContext(new TestAdapter(), TurnContext.applyConversationReference({ type: 'event', name: 'continueConversation' }, reference, true));
      context.onSendActivities(async (_ctx, activities) => {
        const hook = duringSend;
        duringSend = null;
        await hook?.();
        sent.push(...activities);
        return activities.map((_, i) => ({ id: `message-${sent.length - activities.length + i + 1}` }));
      });
      context.onUpdateActivity(async (_ctx, activity) => { updated.push(activity); });
      await logic(context);
    },
  };
  const cards = () => createApprovalCards({ adapter: teams, botAppId: '', services: s.services, botState: s.store.botState, logger: silentLogger });

  let invitationId: string;
  beforeEach(async () => {
    sent = [];
    updated = [];
    duringSend = null;
    await s.services.staff.ensureBootstrapAdmins([ADMIN]);
    await addStaff(s.services);
    for (const person of [APPROVER, ADMIN]) {
      await s.store.botState.write(`conversation-reference/${person}`, { channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/emea/', conversation: { id: `a:${person}` }, user: { id: `29:${person}` } }, null);
    }
    invitationId = (await s.services.invitations.create(INVITER, {
      type: 'group', maxRedemptions: 2, invitedContactIds: s.seed.contacts.map((c) => c.id), requiresApproval: true, ownerId: INVITER,
    })).invitation.id;
  });

  it('posts once per conversation, however often the job runs, and keeps the copy', async () => {
    const notice = { action: 'post', invitationId, viewer: APPROVER, to: APPROVER } as const;
    assert.equal(await cards().post(notice), true);
    assert.equal(await cards().post(notice), true);
    assert.equal(sent.length, 1);
    assert.deepEqual((await approvalCopies(s.store.botState, invitationId)).map((c) => [c.conversationId, c.activityId]), [[`a:${APPROVER}`, 'message-1']]);
  });

  it('posts and edits each person\'s copy in their language (their personal chat\'s locale), shared copies in English', async () => {
    const personal = (person: string, locale: string) => ({ channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/emea/', locale, conversation: { id: `a:${person}`, conversationType: 'personal' }, user: { id: `29:${person}` } });
    await s.store.botState.write(`conversation-reference/${APPROVER}`, personal(APPROVER, 'da-DK'), null);
    await s.store.botState.write(`conversation-reference/${ADMIN}`, personal(ADMIN, 'en-US'), null);
    await cards().post({ action: 'post', invitationId, viewer: APPROVER, to: APPROVER });
    await cards().post({ action: 'post', invitationId, viewer: ADMIN, to: ADMIN });
    const facts = (activity: Partial<Activity>) => (activity.attachments![0]!.content as Card).body.find((e) => e.type === 'FactSet')!.facts!;
    assert.equal(sent[0]!.summary, 'En invitation venter på godkendelse');
    assert.equal(facts(sent[0]!).find((f) => f.title === 'Afgørelse')!.value, 'venter på en godkender');
    assert.equal(decision(sent[1]!), 'waiting for an approver');
    await s.services.invitations.approve(APPROVER, invitationId);
    await cards().update({ action: 'update', invitationId, viewer: APPROVER, decidedAt: new Date().toISOString() });
    assert.match(facts(updated[0]!).find((f) => f.title === 'Afgørelse')!.value, /^godkendt af Abe Approver/);
    assert.match(decision(updated[1]!), /^approved by Abe Approver/);
  });

  it('says false for someone without a personal chat (the job then sends the text)', async () => {
    assert.equal(await cards().post({ action: 'post', invitationId, viewer: INVITER, to: INVITER }), false);
    assert.equal(sent.length, 0);
  });

  it('posts the card to someone who never wrote to the bot in the chat made for them (the app installed through Graph)', async () => {
    const made: string[] = [];
    const makeChat = async (objectId: string) => {
      made.push(objectId);
      return { channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/emea/', conversation: { id: `a:made-for-${objectId}` }, user: { id: `29:${objectId}` } } as never;
    };
    const withInstall = createApprovalCards({ adapter: teams, botAppId: '', services: s.services, botState: s.store.botState, logger: silentLogger, makeChat });
    assert.equal(await withInstall.post({ action: 'post', invitationId, viewer: INVITER, to: INVITER }), true);
    assert.deepEqual(made, [INVITER]);
    assert.equal(sent.length, 1);
    assert.deepEqual((await approvalCopies(s.store.botState, invitationId)).map((c) => c.conversationId), [`a:made-for-${INVITER}`]);
  });

  it('edits a copy at once when the invitation was decided while it was being posted', async () => {
    duringSend = async () => {
      await s.services.invitations.approve(ADMIN, invitationId);
      await cards().update({ action: 'update', invitationId, viewer: ADMIN, decidedAt: s.clock().toISOString() }); // ran before the copy was recorded
    };
    await cards().post({ action: 'post', invitationId, viewer: APPROVER, to: APPROVER });
    assert.equal(decision(sent[0]!), 'waiting for an approver');
    assert.deepEqual(updated.map((u) => [u.id, decision(u)]), [['message-1', 'approved by Invite Desk admin']]);
  });
});
