import assert from 'node:assert/strict';
import { ADMIN, cardTexts, INVITER, useBot } from '../support/botTestbed.ts';

/** A Danish speaker (Teams sends the client's language as the activity's locale) gets the bot in Danish. */
describe('bot: in Danish for a Danish speaker', () => {
  const s = useBot();
  const inDanish = (text: string, from = ADMIN) => s.turnWith({ text, locale: 'da-DK' }, from);

  beforeEach(() => s.services.staff.save('cli', { id: INVITER, displayName: 'Ivy Inviter', roles: ['inviter'] }));

  it('answers help in Danish, with Danish command descriptions', async () => {
    const texts = cardTexts((await inDanish('help', INVITER))[0]!);
    assert.equal(texts[1], 'Hej Ivy Inviter. Skriv en af disse kommandoer:');
    assert.ok(texts.includes('status \\<kode\\|id\\|e-mail\\>') || texts.includes('status <kode|id|e-mail>'), texts.join(' | '));
    const card = (await inDanish('help', INVITER))[0]!.attachments![0]!.content as { body: { type: string; facts?: { value: string }[] }[] };
    assert.ok(card.body.find((e) => e.type === 'FactSet')!.facts!.some((f) => f.value === 'Inviter én kunde til portalen'));
  });

  it('says "I didn\'t understand" in Danish', async () => {
    assert.equal(cardTexts((await inDanish('hvad kan du?', INVITER))[0]!)[1], 'Det forstod jeg ikke. Skriv en af disse kommandoer:');
  });

  it('refuses in Danish', async () => {
    const texts = cardTexts((await inDanish('staff', INVITER))[0]!);
    assert.equal(texts[0], 'Ikke tilladt');
    assert.match(texts[1]!, /^Din rolle i Invite Desk giver ikke adgang til/);
  });

  it('answers an English speaker in English as before', async () => {
    assert.equal(cardTexts((await s.turnWith({ text: 'help', locale: 'en-US' }, INVITER))[0]!)[1], 'Hello Ivy Inviter. Type one of these commands:');
  });
});
