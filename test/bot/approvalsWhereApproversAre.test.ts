import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { runBotJobs } from '../support/botJobs.ts';
import { addStaff, ADMIN, APPROVER, INVITER, useBotWithConnector } from '../support/botTestbed.ts';

/** A second approver beside Abe Approver (APPROVER). */
const CY = 'ffffffff-0000-4000-8000-000000000006';
const CHANNEL = { id: '19:approvers@thread.tacv2;messageid=1700000000000', conversationType: 'channel', isGroup: true };
const CHANNEL_ID = '19:approvers@thread.tacv2';
const MENTION = { type: 'mention', text: '<at>Invite Desk</at>', mentioned: { id: '28:invite-desk', name: 'Invite Desk' } };
const personalChat = (objectId: string) => `a:personal-${objectId.slice(0, 8)}`;

type Card = { body: { type: string; facts?: { title: string; value: string }[] }[]; actions?: { verb: string }[]; refresh?: { userIds?: string[] } };
const fact = (card: Card, title: string) => card.body.find((e) => e.type === 'FactSet')!.facts!.find((f) => f.title === title)?.value;
const cardOf = (activity: Record<string, unknown>) => (activity.attachments as { content: Card }[])[0]!.content;

describe('bot: approvals where approvers are (Bot Framework protocol, several people)', () => {
  const s = useBotWithConnector();

  /** The job worker of the service, sending through the bot's own adapter to the connector stand-in. */
  const runJobs = () => runBotJobs(s);
  const say = (from: string, text: string) => s.send(from, { text, conversation: { id: personalChat(from), conversationType: 'personal' } as Activity['conversation'] });
  const execute = (from: string, conversation: object, replyToId: string, verb: string, trigger: 'automatic' | 'manual', data: object) => s.send(from, {
    type: 'invoke', name: 'adaptiveCard/action', replyToId, conversation: conversation as Activity['conversation'],
    value: { action: { type: 'Action.Execute', verb, data }, trigger },
  });

  beforeEach(async () => {
    await addStaff(s.services);
    await s.services.staff.save('cli', { id: CY, displayName: 'Cy Approver', roles: ['approver'] });
    for (const person of [ADMIN, INVITER, APPROVER, CY]) await say(person, 'help');
    s.connector.clear();
  });

  it('pushes the card to each approver, the approvers\' channel and the requester; one decision updates every copy', async () => {
    const here = await s.send(ADMIN, { text: '<at>Invite Desk</at> approvals here', entities: [MENTION], conversation: CHANNEL as Activity['conversation'] });
    assert.equal(here.status, 200);
    assert.match(JSON.stringify(s.repliesIn(CHANNEL.id)), /Approval requests are posted here/, 'answered in the channel itself');
    assert.equal((await s.services.approvals.conversation(ADMIN))?.conversationId, CHANNEL_ID);
    assert.deepEqual((await s.store.audit.listForSubject(CHANNEL_ID, { limit: 5 })).items.map((e) => [e.action, e.actor]), [['approvals.conversation-set', ADMIN]]);
    s.connector.clear();

    await s.send(INVITER, {
      text: '', value: { verb: 'invite-group.submit', contacts: 'ada@example.com\nalan@example.com', maxRedemptions: '2', locale: 'en' },
      conversation: { id: personalChat(INVITER), conversationType: 'personal' } as Activity['conversation'],
    });
    const invitationId = (await s.services.invitations.list('cli', { status: 'pending-approval' })).items[0]!.id;
    s.connector.clear();
    await runJobs();

    const posted = (conversationId: string) => s.repliesIn(conversationId).filter((r) => JSON.stringify(r).includes('approval.refresh'));
    for (const where of [personalChat(APPROVER), personalChat(CY), personalChat(ADMIN), CHANNEL_ID, personalChat(INVITER)]) {
      assert.equal(posted(where).length, 1, `one approval card in ${where}`);
      const card = cardOf(posted(where)[0]!);
      assert.equal(fact(card, 'Decision'), 'waiting for an approver');
      assert.deepEqual(card.actions ?? [], [], 'the posted card is the same for all readers: no buttons');
      assert.deepEqual(card.refresh!.userIds!.sort(), [`29:${ADMIN}`, `29:${APPROVER}`, `29:${CY}`].sort(), 'only approvers (never the requester) get their own view');
    }
    /** The id the connector gave the card posted there (`reply-<n>`). */
    const postedId = (where: string) => `reply-${s.connector.replies.indexOf(posted(where)[0]!) + 1}`;
    const postedIds = new Map([personalChat(APPROVER), personalChat(CY), personalChat(ADMIN), CHANNEL_ID, personalChat(INVITER)].map((where) => [where, postedId(where)]));
    const cyCardId = postedIds.get(personalChat(CY))!;

    // Cy's Teams refreshes the card on its own: Cy gets Approve / Reject, and no message is edited.
    const refreshed = await execute(CY, { id: personalChat(CY), conversationType: 'personal' }, cyCardId, 'approval.refresh', 'automatic', { invitationId });
    assert.deepEqual(((refreshed.body as { value: Card }).value.actions ?? []).map((a) => a.verb), ['approval.approve', 'approval.reject']);
    // In the channel, an approver's refresh answers there, with their buttons.
    const inChannel = await execute(APPROVER, CHANNEL, 'reply-x', 'approval.refresh', 'automatic', { invitationId });
    assert.deepEqual(((inChannel.body as { value: Card }).value.actions ?? []).map((a) => a.verb), ['approval.approve', 'approval.reject']);
    // The requester's own refresh shows no buttons.
    const own = await execute(INVITER, { id: personalChat(INVITER), conversationType: 'personal' }, 'reply-y', 'approval.refresh', 'manual', { invitationId });
    assert.deepEqual((own.body as { value: Card }).value.actions ?? [], []);
    assert.equal(s.connector.updates.length, 0, 'refreshes edit no message');

    // Cy also asks for the list: that card is a copy too.
    await say(CY, 'approvals');
    const listedId = `reply-${s.connector.replies.length}`;
    assert.match(JSON.stringify(s.connector.replies.at(-1)), /approval\.approve/);

    const approved = await execute(APPROVER, { id: personalChat(APPROVER), conversationType: 'personal' }, 'reply-1', 'approval.approve', 'manual', { invitationId });
    assert.equal(fact((approved.body as { value: Card }).value, 'Decision'), 'approved by Abe Approver');
    assert.equal(s.connector.updates.length, 0, 'the click itself edits nothing; a job does');
    await runJobs();

    const updated = new Map(s.connector.updates.filter((u) => u.activityId !== listedId).map((u) => [u.conversationId, u]));
    for (const where of [personalChat(CY), CHANNEL_ID, personalChat(INVITER), personalChat(APPROVER), personalChat(ADMIN)]) {
      const update = updated.get(where);
      assert.ok(update, `the copy in ${where} was updated`);
      assert.equal(update.activityId, postedIds.get(where), 'the posted message itself was edited');
      const card = cardOf(update.activity);
      assert.equal(fact(card, 'Decision'), 'approved by Abe Approver');
      assert.match(fact(card, 'Decided') ?? '', /^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
      assert.deepEqual(card.actions ?? [], [], 'the buttons are gone');
      assert.equal(card.refresh, undefined, 'a decided card no longer refreshes');
    }
    const listed = s.connector.updates.find((u) => u.activityId === listedId);
    assert.equal(listed?.conversationId, personalChat(CY), 'the card "approvals" showed was edited as well');
    assert.deepEqual(cardOf(listed.activity).actions ?? [], []);
    assert.equal(s.connector.updates.length, 6);

    // After the decision, Cy's refresh shows the outcome without buttons, and still edits nothing.
    const before = s.connector.updates.length;
    const late = await execute(CY, { id: personalChat(CY), conversationType: 'personal' }, cyCardId, 'approval.refresh', 'automatic', { invitationId });
    assert.equal(fact((late.body as { value: Card }).value, 'Decision'), 'approved by Abe Approver');
    assert.deepEqual((late.body as { value: Card }).value.actions ?? [], []);
    assert.equal(s.connector.updates.length, before);
  });

  it('"approvals here off" stops posting to the channel; only admins may set it', async () => {
    const refused = await s.send(APPROVER, { text: '<at>Invite Desk</at> approvals here', entities: [MENTION], conversation: CHANNEL as Activity['conversation'] });
    assert.equal(refused.status, 200);
    assert.equal(await s.services.approvals.conversation(ADMIN), null);
    await s.send(ADMIN, { text: '<at>Invite Desk</at> approvals here', entities: [MENTION], conversation: CHANNEL as Activity['conversation'] });
    await s.send(ADMIN, { text: '<at>Invite Desk</at> approvals here off', entities: [MENTION], conversation: CHANNEL as Activity['conversation'] });
    assert.equal(await s.services.approvals.conversation(ADMIN), null);
    await s.services.invitations.create(INVITER, { type: 'group', maxRedemptions: 2, invitedContactIds: s.seed.contacts.map((c) => c.id), requiresApproval: true, ownerId: INVITER });
    s.connector.clear();
    await runJobs();
    assert.deepEqual(s.repliesIn(CHANNEL_ID), []);
    assert.equal(s.repliesIn(personalChat(CY)).length, 1);
  });
});
