import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { batchApprovalCard } from '../../bot/batchApprovalCard.ts';
import { createCodeVault } from '../../src/domain/codeVault.ts';
import { serviceContext } from '../../src/services/context.ts';
import { inviteManyService } from '../../src/services/inviteMany.ts';
import { runBotJobs } from '../support/botJobs.ts';
import { addStaff, ADMIN, APPROVER, INVITER, useBotWithConnector } from '../support/botTestbed.ts';
import { contactList } from '../support/contactLists.ts';
import { TEST_CODE_SECRET } from '../support/services.ts';

const personalChat = (objectId: string) => `a:personal-${objectId.slice(0, 8)}`;

type Card = { body: { type: string; text?: string; facts?: { title: string; value: string }[] }[]; actions?: { verb: string; data?: object }[]; refresh?: { userIds?: string[] } };
/** A fact as shown, without the markdown escapes. */
const fact = (card: Card, title: string) => card.body.find((e) => e.type === 'FactSet')?.facts?.find((f) => f.title === title)?.value.replace(/\\(.)/g, '$1');
const cardOf = (activity: Record<string, unknown>) => (activity.attachments as { content: Card }[])[0]!.content;
const answered = (answer: { body: unknown }) => (answer.body as { value: Card }).value;
const verbs = (card: Card) => (card.actions ?? []).map((a) => a.verb);

describe('bot: one approval card for a batch (invite many, APPROVAL_REQUIRED=all; Bot Framework protocol)', () => {
  const s = useBotWithConnector();
  let mailed: string[];

  /** The job worker: notices through the bot's adapter to the connector stand-in; mail jobs counted. */
  const runJobs = () => runBotJobs(s, (job) => { mailed.push(job.subjectId!); });
  const personal = (from: string) => ({ id: personalChat(from), conversationType: 'personal' }) as Activity['conversation'];
  const say = (from: string, text: string) => s.send(from, { text, conversation: personal(from) });
  const execute = (from: string, replyToId: string, verb: string, data: object) => s.send(from, {
    type: 'invoke', name: 'adaptiveCard/action', replyToId, conversation: personal(from),
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  });

  beforeEach(async () => {
    mailed = [];
    await addStaff(s.services);
    const policy = { approvalRequiredForAll: true, defaultExpiry: '30d' };
    Object.assign(s.services.invitations, { many: inviteManyService(serviceContext({ store: s.store, clock: s.clock, vault: createCodeVault(TEST_CODE_SECRET), invitePolicy: policy })) });
    for (const person of [ADMIN, INVITER, APPROVER]) await say(person, 'help');
    s.connector.clear();
  });

  it('pushes one batch card to the approver; one approval sends all 3, edits the copies, and members cannot be decided alone', async () => {
    const preview = answered(await execute(INVITER, 'reply-p', 'invite-many.preview', { contacts: contactList(3, 0).text, company: 'Contoso Ltd', roles: s.seed.roles[0]!.id, expires: '14d', workflow: '', locale: 'da' }));
    const confirm = preview.actions!.find((a) => a.verb === 'invite-many.confirm')!;
    await execute(INVITER, 'reply-c', 'invite-many.confirm', confirm.data!);
    const members = (await s.services.invitations.list('cli', { status: 'pending-approval' })).items;
    assert.equal(members.length, 3);
    const batchId = members[0]!.batchId!;
    s.connector.clear();
    await runJobs();
    assert.deepEqual(mailed, [], 'nothing is mailed before the decision');

    const posted = (where: string) => s.repliesIn(where).filter((r) => JSON.stringify(r).includes('refresh'));
    const abes = posted(personalChat(APPROVER));
    assert.equal(abes.length, 1, 'ONE card for the batch, not one per invitation');
    const card = cardOf(abes[0]!);
    assert.match(JSON.stringify(card), /batch-approval\.refresh/);
    assert.equal(fact(card, 'Invitations'), '3');
    assert.equal(fact(card, 'Requested by'), 'Ivy Inviter');
    assert.match(fact(card, 'Contacts')!, /^\S+@example\.com, \S+@example\.com, \S+@example\.com$/);
    assert.deepEqual([fact(card, 'Companies'), fact(card, 'Roles'), fact(card, 'Language'), fact(card, 'Decision')], ['Contoso Ltd', s.seed.roles[0]!.name, 'Danish', 'waiting for an approver']);
    assert.deepEqual(verbs(card), [], 'the posted card is the same for all readers: no buttons');
    assert.ok(card.refresh!.userIds!.includes(`29:${APPROVER}`));
    assert.ok(!card.refresh!.userIds!.includes(`29:${INVITER}`), 'never the requester');
    assert.equal(posted(personalChat(ADMIN)).length, 1, 'every approver gets it (admins hold every role)');
    assert.equal(posted(personalChat(INVITER)).length, 0);
    const postedId = `reply-${s.connector.replies.indexOf(abes[0]!) + 1}`;

    // Abe's Teams refreshes the card: Approve / Reject for the whole list.
    assert.deepEqual(verbs(answered(await execute(APPROVER, postedId, 'batch-approval.refresh', { batchId }))), ['batch-approval.approve', 'batch-approval.reject']);
    assert.deepEqual(verbs(answered(await execute(INVITER, 'reply-y', 'batch-approval.refresh', { batchId }))), [], 'the requester sees no buttons');

    // "approvals" shows the batch as one card.
    await say(APPROVER, 'approvals');
    const listed = s.repliesIn(personalChat(APPROVER)).slice(1);
    assert.equal(listed.length, 1, 'one card for the batch in "approvals"');
    assert.deepEqual(verbs(cardOf(listed[0]!)), ['batch-approval.approve', 'batch-approval.reject']);
    const listedId = `reply-${s.connector.replies.indexOf(listed[0]!) + 1}`;

    // A member alone is refused, naming the batch decision; a rejection needs a reason.
    const alone = answered(await execute(APPROVER, 'reply-z', 'approval.approve', { invitationId: members[0]!.id }));
    assert.match(JSON.stringify(alone), /one of a list of 3 invitations asked for together: approve or reject the list as a whole/);
    assert.equal((await s.services.invitations.find('cli', members[0]!.id)).status, 'pending-approval');
    assert.match(JSON.stringify(answered(await execute(APPROVER, postedId, 'batch-approval.reject', { batchId, reason: ' ' }))), /Give a reason/);

    const approved = answered(await execute(APPROVER, postedId, 'batch-approval.approve', { batchId }));
    assert.equal(fact(approved, 'Decision'), 'approved by Abe Approver, 3 decided');
    assert.deepEqual(verbs(approved), []);
    assert.equal(s.connector.updates.length, 0, 'the click itself edits nothing; a job does');
    await runJobs();

    assert.deepEqual(mailed.sort(), members.map((m) => m.id).sort(), 'all 3 invitations are mailed');
    const updated = s.connector.updates;
    for (const [where, activityId] of [[personalChat(APPROVER), postedId], [personalChat(APPROVER), listedId], [personalChat(ADMIN), undefined]] as const) {
      const update = updated.find((u) => u.conversationId === where && (!activityId || u.activityId === activityId));
      assert.ok(update, `the copy ${activityId ?? ''} in ${where} was edited`);
      const edited = cardOf(update.activity);
      assert.equal(fact(edited, 'Decision'), 'approved by Abe Approver, 3 decided');
      assert.match(fact(edited, 'Decided') ?? '', /^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
      assert.deepEqual(verbs(edited), [], 'the buttons are gone');
      assert.equal(edited.refresh, undefined);
    }
    assert.equal(updated.length, 3);

    await say(APPROVER, 'approvals');
    assert.match(JSON.stringify(s.connector.replies.at(-1)), /Nothing waits for approval/);
  });

  it('posts the batch card once in the approvers\' conversation too, and edits it there on the decision', async () => {
    const channel = { id: '19:approvers@thread.tacv2;messageid=1700000000000', conversationType: 'channel', isGroup: true };
    const mention = { type: 'mention', text: '<at>Invite Desk</at>', mentioned: { id: '28:invite-desk', name: 'Invite Desk' } };
    await s.send(ADMIN, { text: '<at>Invite Desk</at> approvals here', entities: [mention], conversation: channel as Activity['conversation'] });
    const many = s.services.invitations.many;
    const { batchId } = await many.confirm(INVITER, (await many.preview(INVITER, { text: contactList(4, 0).text })).key);
    s.connector.clear();
    await runJobs();
    const inChannel = s.repliesIn('19:approvers@thread.tacv2');
    assert.equal(inChannel.length, 1, 'one card for the batch in the channel');
    assert.equal(fact(cardOf(inChannel[0]!), 'Invitations'), '4');
    await many.decideBatch(APPROVER, batchId, { approve: false, reason: 'Wrong list' });
    await runJobs();
    const edited = s.connector.updates.find((u) => u.conversationId === '19:approvers@thread.tacv2');
    assert.equal(fact(cardOf(edited!.activity), 'Decision'), 'rejected by Abe Approver, 4 decided: Wrong list');
    assert.deepEqual(mailed, []);
  });

  it('keeps the card of a 1,000-member batch under Teams\' 28 KB', async () => {
    const many = s.services.invitations.many;
    const preview = await many.preview(INVITER, { text: contactList(1_000, 0).text, company: 'Contoso Ltd' });
    const { batchId } = await many.confirm(INVITER, preview.key);
    const card = await batchApprovalCard({ services: s.services, botState: s.store.botState }, batchId, { viewer: APPROVER, view: 'decider' });
    const size = Buffer.byteLength(JSON.stringify(card));
    assert.ok(size < 28 * 1024, `${size} bytes`);
    assert.match(fact(card as unknown as Card, 'Contacts')!, / and 997 more$/);
    assert.deepEqual(verbs(card as unknown as Card), ['batch-approval.approve', 'batch-approval.reject']);
  });
});
