import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { ADMIN, cardTexts, useBot } from '../support/botTestbed.ts';

const INVITER = 'bbbbbbbb-0000-4000-8000-000000000002';
type Card = { body: { type: string; id?: string; value?: string; text?: string; facts?: { title: string; value: string }[] }[] };
const card = (reply: Partial<Activity>) => reply.attachments![0]!.content as Card;
const input = (reply: Partial<Activity>, id: string) => card(reply).body.find((e) => e.id === id)?.value;

describe('bot: templates (admins)', () => {
  const s = useBot();

  it('lists the templates and opens one in the editor with a preview', async () => {
    const [list] = await s.say('templates', ADMIN);
    assert.equal(card(list!).body.find((e) => e.type === 'FactSet')!.facts!.length, 10, 'five templates (the invitation, its reminder and three more) in two languages');
    const [editor] = await s.say('templates invitation da', ADMIN);
    assert.match(input(editor!, 'subject')!, /inviterer dig til/);
    assert.ok(cardTexts(editor!).includes('Preview subject: Grace Hopper inviterer dig til Contoso – Spring partners'));
  });

  it('saves a good template, refuses a broken one on the card, and goes back to built-in', async () => {
    const good = { subject: 'Join {{organisation}}', html: '<a href="{{redeemUrl}}">Join</a>', text: 'Join: {{redeemUrl}}' };
    const [saved] = await s.submit({ verb: 'templates.save', name: 'invitation', locale: 'en', ...good }, ADMIN);
    assert.ok(cardTexts(saved!).includes('Saved. New mail uses this template.'));
    assert.equal((await s.services.templates.show('cli', 'invitation', 'en')).subject, 'Join {{organisation}}');
    const [list] = await s.say('templates', ADMIN);
    const states = card(list!).body.find((e) => e.type === 'FactSet')!.facts!.map((f) => f.value);
    assert.ok(states.includes('customised by Test Person'), `named, not by object id: ${JSON.stringify(states)}`);

    const [refused] = await s.submit({ verb: 'templates.save', name: 'invitation', locale: 'en', ...good, text: 'no link here' }, ADMIN);
    assert.ok(cardTexts(refused!).includes('Not saved: text: must contain {{redeemUrl}}'));
    assert.equal(input(refused!, 'text'), 'no link here', 'the draft is kept on the card');
    assert.equal((await s.services.templates.show('cli', 'invitation', 'en')).text, 'Join: {{redeemUrl}}');

    const [reset] = await s.submit({ verb: 'templates.reset', name: 'invitation', locale: 'en' }, ADMIN);
    assert.ok(cardTexts(reset!).includes('Back to the built-in template.'));
    assert.equal((await s.services.templates.show('cli', 'invitation', 'en')).custom, false);
  });

  it('says what is wrong with an unknown template, and refuses non-admins', async () => {
    assert.equal(cardTexts((await s.say('templates welcome fr', ADMIN))[0]!)[1], 'name: must be one of invitation, invitation-reminder, password-reset, redemption-confirmation, email-confirmation; locale: must be one of en, da');
    await s.services.staff.save('cli', { id: INVITER, displayName: 'Ivy', roles: ['inviter'] });
    assert.match(cardTexts((await s.say('templates', INVITER))[0]!)[1]!, /^Your Invite Desk role does not allow "templates"/);
    assert.match(cardTexts((await s.submit({ verb: 'templates.reset', name: 'invitation', locale: 'en' }, INVITER))[0]!)[1]!, /does not allow "templates"/);
  });
});
