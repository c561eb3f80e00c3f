import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { ADMIN, cardTexts, useBot } from '../support/botTestbed.ts';

const VIEWER = 'cccccccc-0000-4000-8000-000000000003';
const STRANGER = 'dddddddd-0000-4000-8000-000000000004';

function facts(reply: Partial<Activity>): Record<string, string> {
  const body = (reply.attachments![0]!.content as { body: { type: string; facts?: { title: string; value: string }[] }[] }).body;
  return Object.fromEntries(body.filter((e) => e.type === 'FactSet').flatMap((e) => e.facts!).map((f) => [f.title, f.value]));
}

describe('bot: status and list', () => {
  const s = useBot();
  let code: string;
  let id: string;
  beforeEach(async () => {
    await s.services.staff.save('cli', { id: VIEWER, displayName: 'Vic Viewer', roles: ['viewer'] });
    const created = await s.services.invitations.create('cli', {
      type: 'group', name: 'Spring partners', maxRedemptions: 3, invitedContactIds: s.seed.contacts.map((c) => c.id),
      assignToAccountId: s.seed.account.id, webRoleIds: s.seed.roles.map((r) => r.id),
    });
    ({ code } = created);
    id = created.invitation.id;
    await s.services.invitations.redeem({ code, contactId: s.seed.contacts[0]!.id });
  });

  it('shows an invitation found by code, id or invited e-mail', async () => {
    for (const reference of [code.toLowerCase(), id, 'person2@example.com']) {
      const [reply] = await s.say(`status ${reference}`, VIEWER);
      const shown = facts(reply!);
      assert.deepEqual([shown.Status, shown.Redemptions, shown.Company, shown.Roles, shown.Id], ['sent', '1 of 3', 'Contoso Ltd', 'Customer, Partner', id], reference);
      assert.equal(shown.Code, `••••-••••-••••-${code.slice(-4)}`);
      assert.equal(shown['person1 Tester']!.endsWith('UTC'), true, 'the redeemer is listed with the time');
    }
  });

  it('says clearly when nothing matches, or nothing was asked', async () => {
    assert.ok(cardTexts((await s.say('status nobody@example.com', VIEWER))[0]!).includes('No invitation matches "nobody@example.com".'));
    assert.ok(cardTexts((await s.say('status 0000-0000-0000-0000', VIEWER))[0]!).includes('No invitation matches "0000-0000-0000-0000".'));
    assert.ok(cardTexts((await s.say('status', VIEWER))[0]!).includes('Type status followed by an invitation code, id or e-mail address.'));
  });

  it('lists invitations, filtered by status, and refuses an unknown status', async () => {
    const [all] = await s.say('list', VIEWER);
    assert.deepEqual(Object.keys(facts(all!)), ['sent']);
    const [none] = await s.say('list revoked', ADMIN);
    assert.ok(cardTexts(none!).includes('No invitations.'));
    const [bad] = await s.say('list lost', ADMIN);
    assert.match(cardTexts(bad!)[1]!, /status: must be one of draft, pending-approval/);
  });

  it('pages with the Next page button', async () => {
    for (let i = 0; i < 11; i++) {
      s.clock.advance(1000);
      await s.services.invitations.create('cli', { type: 'single', name: `Single ${i}`, invitedContactIds: [s.seed.contacts[1]!.id] });
    }
    const [first] = await s.say('list', VIEWER);
    const content = first!.attachments![0]!.content as { actions: { data: { verb: string; after: string; status: string } }[] };
    const listed = (content as unknown as { body: { type: string; facts?: { value: string }[] }[] }).body.find((e) => e.type === 'FactSet')!.facts!;
    assert.equal(listed.length, 10);
    assert.equal(content.actions[0]!.data.verb, 'list.next');
    const [second] = await s.submit(content.actions[0]!.data, VIEWER);
    const rest = (second!.attachments![0]!.content as { body: { type: string; facts?: { value: string }[] }[]; actions?: unknown[] });
    assert.deepEqual(rest.body.find((e) => e.type === 'FactSet')!.facts!.map((f) => f.value.split(' (')[0]), ['Single 0', 'Spring partners']);
    assert.deepEqual(rest.actions ?? [], [], 'no next page after the last');
  });

  it('refuses both to someone who is not staff', async () => {
    for (const command of ['status x', 'list']) {
      const [reply] = await s.say(command, STRANGER);
      assert.ok(cardTexts(reply!)[1]!.startsWith('Your Invite Desk role does not allow'), command);
    }
  });
});
