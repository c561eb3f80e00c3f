import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { SHARED_CONVERSATION_LINES } from '../../bot/sharedConversations.ts';
import { addStaff, ADMIN, APPROVER, INVITER, TENANT, useBotWithConnector, VIEWER } from '../support/botTestbed.ts';

const GROUP_CHAT = { id: '19:team-lunch@thread.v2', conversationType: 'groupChat', isGroup: true };
const CHANNEL = { id: '19:general@thread.tacv2;messageid=1700000000000', conversationType: 'channel', isGroup: true };
const MENTION = { type: 'mention', text: '<at>Invite Desk</at>', mentioned: { id: '28:invite-desk', name: 'Invite Desk' } };
const addressed = (text: string) => ({ text: `<at>Invite Desk</at> ${text}`, entities: [MENTION] });

/** Where each person's personal chat with the bot is, once they have written in it. */
const personalChat = (objectId: string) => `a:personal-${objectId.slice(0, 8)}`;

describe('bot: staff commands from group chats and channels are answered in the personal chat', () => {
  const s = useBotWithConnector();
  let id: string;
  let details: string[];
  beforeEach(async () => {
    await addStaff(s.services);
    const created = await s.services.invitations.create(INVITER, {
      type: 'group', name: 'Confidential partners', maxRedemptions: 2, invitedContactIds: s.seed.contacts.map((c) => c.id),
      assignToAccountId: s.seed.account.id, requiresApproval: true, ownerId: INVITER,
    });
    id = created.invitation.id;
    details = ['Confidential partners', 'Contoso', s.seed.contacts[0]!.primaryEmail!, id];
  });

  /** Someone says `help` in their personal chat, so the bot knows where it is. */
  const openPersonalChat = async (objectId: string) => {
    await s.send(objectId, { text: 'help', conversation: { id: personalChat(objectId), conversationType: 'personal' } as Activity['conversation'] });
    s.connector.clear();
  };
  const sharedReplies = (conversationId: string) => s.repliesIn(conversationId).map((reply) => JSON.stringify(reply));
  const assertOneLine = (conversationId: string, line: string) => {
    const replies = s.repliesIn(conversationId);
    assert.deepEqual(replies.map((reply) => [reply.text, reply.attachments ?? null]), [[line, null]], JSON.stringify(replies));
    for (const detail of details) assert.ok(!sharedReplies(conversationId).join().includes(detail), `"${detail}" was shown in the shared conversation`);
  };

  it('a viewer\'s "@Invite Desk status <id>" in a group chat: the card in their personal chat, one line in the group chat', async () => {
    await openPersonalChat(VIEWER);
    const answer = await s.send(VIEWER, { ...addressed(`status ${id}`), conversation: GROUP_CHAT as Activity['conversation'] });
    assert.equal(answer.status, 200);
    const [card] = s.repliesIn(personalChat(VIEWER));
    assert.ok(JSON.stringify(card).includes('Confidential partners'), 'the status card reached the personal chat');
    assertOneLine(GROUP_CHAT.id, SHARED_CONVERSATION_LINES.answered);
    assert.equal(s.connector.conversations.length, 0, 'the remembered personal chat was used');
  });

  it('"@Invite Desk list" in a channel from someone who never wrote to the bot: a 1:1 chat is created for them', async () => {
    await s.services.invitations.approve(APPROVER, id);
    await s.send(ADMIN, { ...addressed('list'), conversation: CHANNEL as Activity['conversation'] });
    assert.equal(s.connector.conversations.length, 1);
    const created = s.connector.conversations[0] as { isGroup: boolean; tenantId: string; members: { id: string }[]; bot: { id: string } };
    assert.deepEqual([created.isGroup, created.tenantId, created.members.map((m) => m.id), created.bot.id], [false, TENANT, [`29:${ADMIN}`], '28:invite-desk']);
    assert.ok(JSON.stringify(s.repliesIn('a:created-1')).includes('Confidential partners'), 'the list reached the new personal chat');
    assertOneLine(CHANNEL.id, SHARED_CONVERSATION_LINES.answered);
  });

  it('a card button clicked in a shared conversation (Action.Submit) answers in the personal chat', async () => {
    await openPersonalChat(INVITER);
    await s.services.invitations.approve(APPROVER, id);
    await s.send(INVITER, { text: '', value: { verb: 'invitation.resend', invitationId: id }, conversation: GROUP_CHAT as Activity['conversation'] });
    assert.match(JSON.stringify(s.repliesIn(personalChat(INVITER))), /queued again/);
    assertOneLine(GROUP_CHAT.id, SHARED_CONVERSATION_LINES.answered);
  });

  it('an approval card acted on in a shared conversation (Action.Execute) answers with a message, never the card there', async () => {
    await openPersonalChat(APPROVER);
    const execute = (verb: string, trigger: string) => s.send(APPROVER, {
      type: 'invoke', name: 'adaptiveCard/action', replyToId: 'card-in-the-group-chat', conversation: GROUP_CHAT as Activity['conversation'],
      value: { action: { type: 'Action.Execute', verb, data: { invitationId: id } }, trigger },
    });
    const refreshed = await execute('approval.refresh', 'automatic');
    assert.deepEqual(refreshed.body, { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: SHARED_CONVERSATION_LINES.personalOnly });
    assert.equal(s.connector.replies.length, 0, 'an automatic refresh sends nothing');

    const approved = await execute('approval.approve', 'manual');
    assert.deepEqual(approved.body, { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: SHARED_CONVERSATION_LINES.answered });
    assert.equal((await s.services.invitations.find('cli', id)).status, 'sent');
    assert.match(JSON.stringify(s.repliesIn(personalChat(APPROVER))), /approved by Abe Approver/);
    assert.deepEqual(sharedReplies(GROUP_CHAT.id), []);
    assert.deepEqual(s.connector.requests.filter((r) => r.method === 'PUT'), [], 'no message in the group chat was edited');
  });

  it('says so in the shared conversation, and shows nothing, when the personal chat cannot be reached', async () => {
    s.connector.settings.refuseNewConversations = true;
    await s.send(VIEWER, { ...addressed(`status ${id}`), conversation: CHANNEL as Activity['conversation'] });
    assertOneLine(CHANNEL.id, SHARED_CONVERSATION_LINES.unreachable);
    assert.equal(s.connector.replies.length, 1);
  });

  it('leaves alone text in a shared conversation that does not mention the bot', async () => {
    await s.send(VIEWER, { text: `status ${id}`, conversation: CHANNEL as Activity['conversation'] });
    assert.deepEqual(s.connector.requests, []);
  });

  it('still answers in the personal chat itself', async () => {
    await s.send(VIEWER, { text: `status ${id}`, conversation: { id: personalChat(VIEWER), conversationType: 'personal' } as Activity['conversation'] });
    assert.ok(JSON.stringify(s.repliesIn(personalChat(VIEWER))).includes('Confidential partners'));
    assert.equal(s.connector.replies.length, 1);
  });
});
