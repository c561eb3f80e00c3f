import assert from 'node:assert/strict';
import { BOT_COMMANDS } from '../../src/domain/botCommands.ts';
import { ADMIN, cardTexts, TENANT, useBot } from '../support/botTestbed.ts';

describe('bot: help and who may talk to it', () => {
  const s = useBot();
  const INVITER = 'bbbbbbbb-0000-4000-8000-000000000002';
  const VIEWER = 'cccccccc-0000-4000-8000-000000000003';
  const STRANGER = 'dddddddd-0000-4000-8000-000000000004';

  beforeEach(async () => {
    await s.services.staff.save('cli', { id: INVITER, displayName: 'Ivy Inviter', roles: ['inviter'] });
    await s.services.staff.save('cli', { id: VIEWER, displayName: 'Vic Viewer', roles: ['viewer'] });
  });

  it('gives every card message a one-line summary for notifications and old clients', async () => {
    for (const text of ['help', 'invite', 'invite group', 'invite many', 'list', 'approvals', 'templates', 'staff', 'what?']) {
      const replies = await s.say(text, ADMIN);
      assert.ok(replies.length > 0, text);
      for (const reply of replies) assert.match(reply.summary ?? '', /\S/, `"${text}" answered without a summary`);
    }
  });

  it('shows an admin (from ADMIN_OBJECT_IDS) every command', async () => {
    const [reply] = await s.say('help', ADMIN);
    const texts = cardTexts(reply!);
    for (const usage of ['help', 'invite [email]', 'invite group', 'status <code|id|email>', 'templates', 'staff']) assert.ok(texts.includes(usage), usage);
  });

  it('shows approvers (and admins) "approvals", and no one else', async () => {
    await s.services.staff.save('cli', { id: 'eeeeeeee-0000-4000-8000-000000000005', displayName: 'Abe Approver', roles: ['approver'] });
    assert.ok(cardTexts((await s.say('help', 'eeeeeeee-0000-4000-8000-000000000005'))[0]!).includes('approvals'));
    assert.ok(cardTexts((await s.say('help', ADMIN))[0]!).includes('approvals'));
    assert.ok(!cardTexts((await s.say('help', INVITER))[0]!).includes('approvals'));
  });

  it('shows each role only the commands it may use', async () => {
    const inviter = cardTexts((await s.say('HELP', INVITER))[0]!);
    assert.ok(inviter.includes('invite [email]'));
    assert.ok(!inviter.includes('staff'));
    const viewer = cardTexts((await s.say(' help ', VIEWER))[0]!);
    assert.ok(viewer.includes('status <code|id|email>'));
    assert.ok(!viewer.includes('invite [email]'));
    assert.equal(viewer[1], 'Hello Vic Viewer. Type one of these commands:');
  });

  it('routes every command of the table to its own answer, not the help card', async () => {
    for (const command of BOT_COMMANDS.filter((c) => c.name !== 'help')) {
      const [reply] = await s.say(command.name.toUpperCase(), ADMIN);
      const texts = reply?.attachments ? cardTexts(reply) : [reply?.text ?? ''];
      assert.ok(!texts.some((text) => text.startsWith('Hello ')), `${command.name} answered with help: ${texts.join(' | ')}`);
    }
  });

  it('answers free text with "I didn\'t understand" and help, not silence', async () => {
    const replies = await s.say('what can you do?', INVITER);
    assert.equal(replies.length, 1);
    const texts = cardTexts(replies[0]!);
    assert.equal(texts[1], 'I didn\'t understand that. Type one of these commands:');
    assert.ok(texts.includes('invite [email]'));
    assert.ok(!cardTexts((await s.say('help', INVITER))[0]!).some((text) => text.startsWith('I didn\'t understand')), 'help itself is understood');
  });

  it('lists each command with its arguments and what it does', async () => {
    const card = (await s.say('help', ADMIN))[0]!.attachments![0]!.content as { body: { type: string; facts?: { title: string; value: string }[] }[] };
    const facts = card.body.find((e) => e.type === 'FactSet')!.facts!;
    assert.deepEqual(facts.map((f) => f.title), BOT_COMMANDS.map((c) => c.usage.replace(/[<>[\]|]/g, (c) => `\\${c}`)));
    assert.deepEqual(facts.map((f) => f.value), BOT_COMMANDS.map((c) => c.description));
  });

  it('tells someone who is not staff how to get access, naming their object id for the admin', async () => {
    const texts = cardTexts((await s.say('help', STRANGER))[0]!);
    assert.ok(texts.includes('You are not set up to use Invite Desk yet. Ask an Invite Desk admin to add you as staff.'), texts.join(' | '));
    assert.ok(texts.includes(`Give them your Microsoft Entra object id: ${STRANGER}`), texts.join(' | '));
    const unknown = cardTexts((await s.say('hello?', STRANGER))[0]!);
    assert.equal(unknown[1], 'I didn\'t understand that.');
    assert.ok(unknown.includes(`Give them your Microsoft Entra object id: ${STRANGER}`));
  });

  it('politely refuses activities from another tenant, and nothing else', async () => {
    const replies = await s.say('help', ADMIN, '11111111-2222-4333-8444-555555555555');
    assert.deepEqual(replies.map((r) => r.text), ['Sorry, Invite Desk serves only its own organisation.']);
    assert.equal(replies[0]!.attachments, undefined);
    assert.equal((await s.say('help', ADMIN, TENANT.toUpperCase())).length, 1);
  });
});
