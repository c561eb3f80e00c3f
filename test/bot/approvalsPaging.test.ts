import assert from 'node:assert/strict';
import { ADMIN, cardTexts, useBot } from '../support/botTestbed.ts';

const REQUESTER = 'bbbbbbbb-0000-4000-8000-000000000002';
const APPROVER = 'eeeeeeee-0000-4000-8000-000000000005';

type Card = { body: { type: string; text?: string }[]; actions?: { verb?: string; title?: string; data?: { verb?: string; page?: unknown } }[] };
const card = (reply: { attachments?: { content?: unknown }[] }) => reply.attachments![0]!.content as Card;
const title = (reply: { attachments?: { content?: unknown }[] }) => card(reply).body[0]!.text;

describe('bot: "approvals" pages through what waits, five at a time', () => {
  const s = useBot();
  const names: string[] = [];
  beforeEach(async () => {
    names.length = 0;
    await s.services.staff.save('cli', { id: REQUESTER, displayName: 'Ivy Inviter', roles: ['inviter', 'approver'] });
    await s.services.staff.save('cli', { id: APPROVER, displayName: 'Abe Approver', roles: ['approver'] });
    for (let i = 1; i <= 7; i++) {
      s.clock.advance(60_000);
      const { invitation } = await s.services.invitations.create(REQUESTER, {
        type: 'group', name: `Request ${i}`, maxRedemptions: 2, invitedContactIds: s.seed.contacts.map((c) => c.id), requiresApproval: true, ownerId: REQUESTER,
      });
      names.push(invitation.name);
    }
  });

  it('shows the oldest five with "2 more waiting" and a button for the rest', async () => {
    const first = await s.say('approvals', APPROVER);
    assert.deepEqual(first.slice(0, 5).map(title), names.slice(0, 5).map((name) => `Approval: ${name}`));
    assert.equal(first.length, 6);
    assert.deepEqual(cardTexts(first[5]!), ['2 more waiting']);
    const next = card(first[5]!).actions![0]!;
    assert.equal(next.data!.verb, 'approvals.next');
    for (const reply of first.slice(0, 5)) assert.deepEqual(card(reply).actions!.map((a) => a.verb), ['approval.approve', 'approval.reject']);

    const rest = await s.submit({ ...next.data }, APPROVER);
    assert.deepEqual(rest.map(title), names.slice(5).map((name) => `Approval: ${name}`));
  });

  it('never offers buttons on your own requests', async () => {
    const own = await s.say('approvals', REQUESTER);
    assert.equal(own.length, 6);
    for (const reply of own.slice(0, 5)) assert.deepEqual(card(reply).actions ?? [], []);
    const admin = await s.say('approvals', ADMIN);
    assert.deepEqual(card(admin[0]!).actions!.map((a) => a.verb), ['approval.approve', 'approval.reject']);
  });
});
