import assert from 'node:assert/strict';
import { conversationFor, languageOf } from '../../bot/notices/conversationReferences.ts';
import { ADMIN, APPROVER, cardTexts, INVITER, useBot } from '../support/botTestbed.ts';

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

  type Card = { body: { type: string; id?: string; label?: string; value?: unknown; placeholder?: string; errorMessage?: string; facts?: { title: string; value: string }[] }[]; actions: { title: string; verb?: string; data: Record<string, string>; card?: unknown }[] };
  const card = (reply: { attachments?: { content?: unknown }[] }) => reply.attachments![0]!.content as Card;

  it('opens the invite form in Danish, the mail\'s language preselected Danish', async () => {
    const form = card((await inDanish('invite grace@example.com', INVITER))[0]!);
    assert.equal(cardTexts({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: form }] })[0], 'Inviter en kunde');
    const input = (id: string) => form.body.find((e) => e.id === id)!;
    assert.equal(input('email').label, 'E-mailadresse');
    assert.equal(input('email').value, 'grace@example.com');
    assert.equal(input('locale').label, 'Mailens sprog');
    assert.equal(input('locale').value, 'da');
    assert.equal(form.actions[0]!.title, 'Send invitation');
    const group = card((await inDanish('invite group', INVITER))[0]!);
    assert.equal(group.body.find((e) => e.id === 'contacts')!.label, 'Kontakter, én pr. linje: e-mail, eller Fornavn Efternavn <e-mail>, eller fornavn,efternavn,e-mail');
    assert.equal(group.body.find((e) => e.id === 'locale')!.value, 'da');
    assert.equal(card((await s.turnWith({ text: 'invite', locale: 'en-GB' }, INVITER))[0]!).body.find((e) => e.id === 'locale')!.value, 'en');
  });

  it('invites with a Danish mail from a Danish speaker\'s form unless they chose English, and answers with a Danish status card', async () => {
    const form = card((await inDanish('invite', INVITER))[0]!);
    const action = form.actions[0]!;
    const answer = await s.execute(action.verb!, { ...action.data, email: 'grace@example.com', roles: s.seed.roles[0]!.id, expires: '14d' }, INVITER, 'da-DK') as unknown as Card;
    const texts = cardTexts({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: answer }] });
    assert.equal(texts[1], 'Sendt · enkeltinvitation');
    assert.ok(texts.includes('Udløber') && texts.includes('Indløsninger'), texts.join(' | '));
    const [invitation] = (await s.services.invitations.list('cli')).items;
    assert.equal((await s.services.invitations.details('cli', invitation!.id)).locale, 'da');
    const english = card((await inDanish('invite', INVITER))[0]!).actions[0]!;
    await s.execute(english.verb!, { ...english.data, email: 'alan@example.com', roles: s.seed.roles[0]!.id, locale: 'en' }, INVITER, 'da-DK');
    const alan = (await s.services.invitations.list('cli')).items.find((i) => i.id !== invitation!.id)!;
    assert.equal((await s.services.invitations.details('cli', alan.id)).locale, 'en');
  });

  it('shows the status card in Danish: its facts, buttons and confirmations', async () => {
    const form = card((await inDanish('invite', INVITER))[0]!).actions[0]!;
    await s.execute(form.verb!, { ...form.data, email: 'grace@example.com', roles: s.seed.roles[0]!.id, expires: 'never' }, INVITER, 'da-DK');
    const [invitation] = (await s.services.invitations.list('cli')).items;
    const status = card((await inDanish(`status ${invitation!.id}`, INVITER))[0]!);
    const facts = status.body.find((e) => e.type === 'FactSet')!.facts!;
    assert.deepEqual(facts.map((f) => f.title), ['Bestilt af', 'Oprettet', 'Udløber', 'Indløsninger', 'Roller', 'Mail', 'Kode']);
    assert.equal(facts.find((f) => f.title === 'Udløber')!.value, 'aldrig');
    assert.equal(facts.find((f) => f.title === 'Indløsninger')!.value, '0 af 1');
    assert.deepEqual(status.actions.map((a) => a.title), ['Forlæng', 'Send', 'Annuller']);
    assert.match(JSON.stringify(status.actions[2]!.card), /Annuller \\"grace/);
    const extended = await s.execute('invitation.extend', { invitationId: invitation!.id, expires: 'snart' }, INVITER, 'da-DK') as unknown as Card;
    const note = cardTexts({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: extended }] })[2];
    assert.match(note!, /^Angiv den nye slutdato som en dato/);
    const resent = await s.execute('invitation.resend', { invitationId: invitation!.id }, INVITER, 'da-DK') as unknown as Card;
    assert.match(cardTexts({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: resent }] })[2]!, /^Mailen til ".*" er sat i kø igen\.$/);
    assert.equal(cardTexts((await inDanish('status', INVITER))[0]!)[0], 'Hvilken invitation?');
    assert.equal(cardTexts((await inDanish('status nothing-like-this', INVITER))[0]!)[1], 'Ingen invitation passer til "nothing-like-this".');
  });

  it('lists invitations in Danish', async () => {
    const list = card((await inDanish('list mine', INVITER))[0]!);
    const texts = cardTexts({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: list }] });
    assert.deepEqual(texts.slice(0, 3), ['Mine invitationer', 'Nyeste først · side 1', 'Ingen invitationer.']);
    assert.deepEqual(list.actions.map((a) => a.title), ['Vis']);
    const choices = (list.body.flatMap((e) => (e as { columns?: { items: { id?: string; choices?: { title: string }[] }[] }[] }).columns ?? []).flatMap((c) => c.items).find((i) => i.id === 'status')!).choices!;
    assert.deepEqual(choices.slice(0, 3).map((c) => c.title), ['Alle statusser', 'Kladde', 'Venter på godkendelse']);
  });

  it('opens invite many in Danish, the mail\'s language Danish, and previews and confirms a list in Danish', async () => {
    const form = card((await inDanish('invite many', INVITER))[0]!);
    const texts = cardTexts({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: form }] });
    assert.deepEqual(texts.slice(0, 2), ['Inviter mange', 'Én invitation pr. kontakt, hver med sin egen kode og mail. Op til 1.000 kontakter; eller send mig en CSV-fil i denne chat.']);
    assert.equal(form.body.find((e) => e.id === 'locale')!.value, 'da');
    assert.deepEqual(form.actions.map((a) => a.title), ['Forhåndsvis']);
    const preview = await s.execute('invite-many.preview', { contacts: 'Grace Hopper, grace@example.com\nno address here', roles: s.seed.roles[0]!.id, expires: '14d' }, INVITER, 'da-DK') as unknown as Card;
    const shown = cardTexts({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: preview }] });
    assert.equal(shown[0], 'Inviter mange: 1 invitation(er)');
    assert.ok(shown.includes('Afviste linjer (1)'), shown.join(' | '));
    assert.match(preview.actions[0]!.title, /^Bekræft: inviter 1$|^Send 1 til godkendelse$/);
    const done = await s.execute('invite-many.confirm', preview.actions[0]!.data, INVITER, 'da-DK') as unknown as Card;
    assert.match(cardTexts({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: done }] })[0]!, /^Invitationer oprettet|^Denne liste/);
    const [made] = (await s.services.invitations.list('cli')).items;
    assert.equal((await s.services.invitations.details('cli', made!.id)).locale, 'da');
  });

  it('shows an approver the approval card in Danish, and approves in Danish', async () => {
    await s.services.staff.save('cli', { id: APPROVER, displayName: 'Abe Approver', roles: ['approver'] });
    const form = card((await inDanish('invite group', INVITER))[0]!).actions[0]!;
    await s.execute(form.verb!, { ...form.data, contacts: 'ada@example.com\nalan@example.com', maxRedemptions: '2', roles: s.seed.roles[0]!.id }, INVITER, 'da-DK');
    const [waiting] = (await s.services.invitations.list('cli', { status: 'pending-approval' })).items;
    const shown = (await inDanish('approvals', APPROVER)).filter((r) => r.attachments?.length).map(card);
    const approval = shown.find((c) => cardTexts({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: c }] })[0]!.startsWith('Godkendelse: '))!;
    assert.ok(approval, 'the approval card in Danish');
    assert.deepEqual(approval.actions.map((a) => a.title), ['Godkend', 'Afvis']);
    assert.deepEqual(approval.body.find((e) => e.type === 'FactSet')!.facts!.map((f) => f.title).slice(0, 3), ['Bestilt af', 'Kontakter', 'Må indløses']);
    const rejected = await s.execute('approval.reject', { invitationId: waiting!.id }, APPROVER, 'da-DK') as unknown as Card;
    assert.ok(cardTexts({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: rejected }] }).includes('Angiv en begrundelse, så anmoderen ved, hvad der skal ændres.'));
    const approved = await s.execute('approval.approve', { invitationId: waiting!.id }, APPROVER, 'da-DK') as unknown as Card;
    assert.match(approved.body.find((e) => e.type === 'FactSet')!.facts!.find((f) => f.title === 'Afgørelse')!.value, /^godkendt af Abe Approver/);
  });

  it('shows an admin the staff and template cards in Danish', async () => {
    const staff = cardTexts((await inDanish('staff'))[0]!);
    assert.equal(staff[0], 'Medarbejdere');
    assert.match(staff.at(-1)!, /^staff add <objekt-id>/);
    const templates = cardTexts((await inDanish('templates'))[0]!);
    assert.equal(templates[0], 'Mailskabeloner');
    const editor = card((await inDanish('templates invitation da'))[0]!);
    assert.equal(cardTexts({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: editor }] })[0], 'Mailskabelon: invitation (da)');
    assert.deepEqual(editor.actions.map((a) => a.title), ['Gem', 'Eksempel', 'Standard']);
  });

  it('remembers the language each person last wrote in, for notices sent later', async () => {
    await inDanish('help', INVITER);
    assert.equal(languageOf(await conversationFor(s.store, INVITER)), 'da');
    await s.turnWith({ text: 'help', locale: 'en-US' }, INVITER);
    assert.equal(languageOf(await conversationFor(s.store, INVITER)), 'en');
  });

  it('says in Danish why the service refused: a revoked invitation, an expiry, your own request, bad lines of a list', async () => {
    const form = card((await inDanish('invite', INVITER))[0]!).actions[0]!;
    await s.execute(form.verb!, { ...form.data, email: 'grace@example.com', roles: s.seed.roles[0]!.id, expires: '14d' }, INVITER, 'da-DK');
    const [invitation] = (await s.services.invitations.list('cli')).items;
    const notice = async (text: string) => cardTexts((await inDanish(text, INVITER))[0]!)[1];
    await inDanish(`revoke ${invitation!.id}`, INVITER);
    assert.equal(await notice(`revoke ${invitation!.id}`), 'Invitationen er allerede annulleret.');
    assert.equal(await notice(`extend ${invitation!.id} 30d`), 'En invitation med status "annulleret" kan ikke forlænges.');
    assert.equal(await notice(`resend ${invitation!.id}`), 'En invitation med status "annulleret" kan ikke sendes igen.');

    const again = card((await inDanish('invite', INVITER))[0]!).actions[0]!;
    const refused = await s.execute(again.verb!, { ...again.data, email: 'not-an-address', roles: s.seed.roles[0]!.id, expires: 'snart' }, INVITER, 'da-DK') as unknown as Card;
    const why = cardTexts({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: refused }] }).join(' | ');
    assert.match(why, /Udløber: "snart" er ikke en dato/);
    assert.match(why, /E-mailadresse: angiv kundens e-mailadresse/);

    await s.services.staff.save('cli', { id: APPROVER, displayName: 'Abe Approver', roles: ['inviter', 'approver'] });
    const group = card((await inDanish('invite group', APPROVER))[0]!).actions[0]!;
    await s.execute(group.verb!, { ...group.data, contacts: 'ada@example.com', maxRedemptions: '1', roles: s.seed.roles[0]!.id }, APPROVER, 'da-DK');
    const [own] = (await s.services.invitations.list('cli', { status: 'pending-approval' })).items;
    const mine = await s.execute('approval.approve', { invitationId: own!.id }, APPROVER, 'da-DK') as unknown as Card;
    assert.ok(cardTexts({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: mine }] }).includes('Du kan ikke godkende eller afvise din egen invitation.'));

    const preview = await s.execute('invite-many.preview', { contacts: 'Grace Hopper, grace@example.com\nno address here\nGrace again, grace@example.com', roles: s.seed.roles[0]!.id, expires: '14d' }, INVITER, 'da-DK') as unknown as Card;
    const lines = cardTexts({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: preview }] });
    assert.ok(lines.includes('Linje 2: har ingen e-mailadresse'), lines.join(' | '));
    assert.ok(lines.includes('Linje 3: gentager e-mailadressen fra linje 1'), lines.join(' | '));
    const none = await s.execute('invite-many.preview', { contacts: 'nobody here', roles: s.seed.roles[0]!.id }, INVITER, 'da-DK') as unknown as Card;
    assert.ok(cardTexts({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: none }] }).includes('Ingen linje indeholder en kontakt; linje 1: har ingen e-mailadresse'));
  });

  it('answers an English speaker in English as before', async () => {
    assert.equal(cardTexts((await s.turnWith({ text: 'help', locale: 'en-US' }, INVITER))[0]!)[1], 'Hello Ivy Inviter. Type one of these commands:');
  });
});
