import assert from 'node:assert/strict';
import { ADMIN, cardTexts, useBot } from '../support/botTestbed.ts';

const REQUESTER = 'bbbbbbbb-0000-4000-8000-000000000002';
const APPROVER = 'eeeeeeee-0000-4000-8000-000000000005';
const VIEWER = 'cccccccc-0000-4000-8000-000000000003';

type Card = { body: { type: string; text?: string; facts?: { title: string; value: string }[] }[]; actions?: { verb: string }[] };
const decision = (card: unknown) => (card as Card).body.find((e) => e.type === 'FactSet')!.facts!.find((f) => f.title === 'Decision')!.value;
const error = (card: unknown) => (card as Card).body.find((e) => e.type === 'TextBlock' && e.text !== undefined && !e.text.startsWith('Approval'))?.text;

describe('bot: approving group invitations', () => {
  const s = useBot();
  let invitationId: string;
  beforeEach(async () => {
    await s.services.staff.save('cli', { id: REQUESTER, displayName: 'Ivy Inviter', roles: ['inviter', 'approver'] });
    await s.services.staff.save('cli', { id: APPROVER, displayName: 'Abe Approver', roles: ['approver'] });
    await s.services.staff.save('cli', { id: VIEWER, displayName: 'Vic Viewer', roles: ['viewer'] });
    const { invitation } = await s.services.invitations.create(REQUESTER, {
      type: 'group', maxRedemptions: 5, invitedContactIds: s.seed.contacts.map((c) => c.id), requiresApproval: true, ownerId: REQUESTER,
    });
    invitationId = invitation.id;
  });

  it('lets another approver approve; the answered card shows who decided, and its buttons are gone', async () => {
    const pending = await s.execute('approval.refresh', { invitationId }, APPROVER);
    assert.equal(decision(pending), 'waiting for an approver');
    assert.deepEqual((pending as Card).actions!.map((a) => a.verb), ['approval.approve', 'approval.reject']);
    const approved = await s.execute('approval.approve', { invitationId }, APPROVER);
    assert.equal(decision(approved), 'approved by Abe Approver');
    assert.deepEqual((approved as Card).actions ?? [], []);
    assert.equal((await s.services.invitations.find('cli', invitationId)).status, 'sent');
    assert.equal((await s.store.jobs.list({ kind: 'invitation.send', subjectId: invitationId }, { limit: 1 })).items.length, 1, 'approval sends the mail');
    assert.equal(decision(await s.execute('approval.refresh', { invitationId }, VIEWER)), 'approved by Abe Approver', 'every viewer sees the outcome');
  });

  it('tells the other approvers when it is requested, shows its card on "approvals", and tells the requester the outcome', async () => {
    const requested = (await s.store.jobs.list({ kind: 'notice', subjectId: invitationId }, { limit: 10 })).items.filter((j) => j.id.startsWith('notice:approval:')).map((j) => j.payload.to).sort();
    assert.deepEqual(requested, [ADMIN, APPROVER].sort(), 'approvers (the bootstrap admin too) but the requester, who is an approver too');
    const cards = await s.say('approvals', APPROVER);
    assert.equal(cards.length, 1);
    assert.equal(decision(cards[0]!.attachments![0]!.content), 'waiting for an approver');
    await s.execute('approval.reject', { invitationId, reason: 'Not customers yet' }, APPROVER);
    const [told] = (await s.store.jobs.list({ kind: 'notice', subjectId: invitationId }, { limit: 10 })).items.filter((j) => j.id.startsWith('notice:decision:'));
    assert.deepEqual([told!.payload.title, told!.payload.text], ['Your invitation was not approved', 'Abe Approver rejected "person1 Tester and 1 more – 2026-06-01": Not customers yet']);
    assert.deepEqual(cardTexts((await s.say('approvals', APPROVER))[0]!), ['Approvals', 'Nothing waits for approval.']);
    assert.match(cardTexts((await s.say('approvals', VIEWER))[0]!)[1]!, /does not allow "approvals"/);
  });

  it('never lets the requester approve their own invitation', async () => {
    const card = await s.execute('approval.approve', { invitationId }, REQUESTER);
    assert.equal(error(card), 'You cannot approve or reject your own invitation.');
    assert.equal((await s.services.invitations.find('cli', invitationId)).status, 'pending-approval');
  });

  it('rejects only with a reason, and shows it', async () => {
    assert.equal(error(await s.execute('approval.reject', { invitationId, reason: ' ' }, APPROVER)), 'Give a reason, so the requester knows what to change.');
    const rejected = await s.execute('approval.reject', { invitationId, reason: 'Not customers yet' }, APPROVER);
    assert.equal(decision(rejected), 'rejected by Abe Approver: Not customers yet');
    assert.equal((await s.services.invitations.find('cli', invitationId)).status, 'rejected');
  });

  it('refuses someone who is not an approver, without the card', async () => {
    assert.equal(await s.execute('approval.approve', { invitationId }, VIEWER), 'Your Invite Desk role does not allow "approve". Ask an Invite Desk admin if you need it.');
    assert.equal((await s.services.invitations.find('cli', invitationId)).status, 'pending-approval');
  });
});

describe('bot: a bootstrap admin (ADMIN_OBJECT_IDS) as approver', () => {
  const s = useBot();

  it('is asked to approve a group invitation from the bot and is named on the card when deciding', async () => {
    await s.services.staff.ensureBootstrapAdmins([ADMIN]);
    await s.services.staff.save('cli', { id: REQUESTER, displayName: 'Ivy Inviter', roles: ['inviter'] });
    await s.say('help', ADMIN);
    await s.submit({ verb: 'invite-group.submit', contacts: 'ada@example.com\nalan@example.com', maxRedemptions: '2', locale: 'en' }, REQUESTER);
    const invitationId = (await s.services.invitations.list('cli', { status: 'pending-approval' })).items[0]!.id;
    const asked = (await s.store.jobs.list({ kind: 'notice', subjectId: invitationId }, { limit: 10 })).items.filter((j) => j.id.startsWith('notice:approval:')).map((j) => j.payload.to);
    assert.deepEqual(asked, [ADMIN]);
    assert.equal(decision(await s.execute('approval.approve', { invitationId }, ADMIN)), 'approved by Test Person');
  });

  it('names the admin CLI instead of "cli", shows how many may redeem, and leaves out an empty company and roles', async () => {
    const { invitation } = await s.services.invitations.create('cli', { type: 'group', maxRedemptions: 4, invitedContactIds: [s.seed.contacts[0]!.id], requiresApproval: true });
    const card = await s.execute('approval.refresh', { invitationId: invitation.id }, ADMIN) as unknown as Card;
    const facts = Object.fromEntries(card.body.find((e) => e.type === 'FactSet')!.facts!.map((f) => [f.title, f.value]));
    assert.deepEqual([facts['Requested by'], facts['May redeem'], facts.Company, facts.Roles], ['the admin CLI', '4', undefined, undefined]);
  });
});
