import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { cardTexts, useBot } from '../support/botTestbed.ts';

const INVITER = 'bbbbbbbb-0000-4000-8000-000000000002';
const VIEWER = 'cccccccc-0000-4000-8000-000000000003';
const DAY = 86_400_000;

type Element = { type: string; id?: string; value?: unknown; label?: string; title?: string; facts?: { title: string; value: string }[] };
type Action = { type: string; title: string; verb?: string; data?: Record<string, unknown>; card?: { body: Element[]; actions: Action[] } };
type Card = { body: Element[]; actions?: Action[] };
const card = (reply: Partial<Activity>) => reply.attachments![0]!.content as Card;
const input = (form: Card, id: string) => form.body.find((e) => e.id === id);
const fact = (answer: Card, title: string) => answer.body.find((e) => e.type === 'FactSet')!.facts!.find((f) => f.title === title)?.value;
const texts = (answer: Card | string) => (typeof answer === 'string' ? [answer] : cardTexts({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: answer }] }));
const action = (answer: Card, title: string) => (answer.actions ?? []).find((a) => a.title === title);

describe('bot: drafts, scheduled sends, reminders and renew', () => {
  const s = useBot();
  beforeEach(async () => {
    await s.services.staff.save('cli', { id: INVITER, displayName: 'Ivy Inviter', roles: ['inviter'] });
    await s.services.staff.save('cli', { id: VIEWER, displayName: 'Vic Viewer', roles: ['viewer'] });
  });

  async function submitForm(values: Record<string, unknown>, locale?: string) {
    const form = card((await s.say('invite grace@example.com', INVITER))[0]!);
    const submit = form.actions![0]!;
    return { form, answer: (await s.execute(submit.verb!, { ...submit.data, email: 'grace@example.com', locale: 'en', ...values }, INVITER, locale)) as Card };
  }

  it('offers a reminder (REMINDER_DAYS by default), a draft and a send time on the invite form', async () => {
    const { form } = await submitForm({});
    assert.equal(input(form, 'reminderDays')!.value, '3');
    assert.deepEqual([input(form, 'draft')!.type, input(form, 'draft')!.value], ['Input.Toggle', 'false']);
    assert.equal(input(form, 'sendAt')!.type, 'Input.Text');
    for (const id of ['reminderDays', 'sendAt']) assert.ok(input(form, id)!.label);
  });

  it('makes a draft from the form, whose status card has Send; Send mails it and says so', async () => {
    const { answer } = await submitForm({ draft: 'true', expires: '10d', reminderDays: '2' });
    assert.equal(texts(answer)[1], 'Draft · single invitation');
    assert.equal(fact(answer, 'Mail'), 'not sent yet');
    assert.match(fact(answer, 'Reminder')!, /^Goes \{\{DATE\(2026-06-09T12:00:00Z, SHORT\)\}\} \{\{TIME\(2026-06-09T12:00:00Z\)\}\}, if still unredeemed$/);
    const send = action(answer, 'Send')!;
    assert.equal(send.type, 'Action.Execute');
    assert.match(texts((await s.execute(send.verb!, send.data!, VIEWER)) as Card)[0]!, /^Your Invite Desk role does not allow "send"/);
    const sent = (await s.execute(send.verb!, send.data!, INVITER)) as Card;
    assert.deepEqual(texts(sent).slice(0, 3), ['grace@example.com – 2026-06-01', 'Sent · single invitation', '"grace@example.com – 2026-06-01" is sent: its mail is on its way.']);
    assert.equal(action(sent, 'Send'), undefined, 'sent once');
    assert.equal((await s.store.jobs.list({ kind: 'invitation.send' }, { limit: 5 })).items.length, 1);
  });

  it('schedules a send from the form and shows when; refuses a wrong reminder with its label', async () => {
    const { answer } = await submitForm({ sendAt: '2026-06-03T08:00Z' });
    assert.equal(texts(answer)[1], 'Draft · single invitation');
    assert.equal(fact(answer, 'Sends at'), '{{DATE(2026-06-03T08:00:00Z, SHORT)}} {{TIME(2026-06-03T08:00:00Z)}}');
    const { answer: refused } = await submitForm({ reminderDays: 'soon' });
    assert.match(texts(refused).join('\n'), /Reminder: "soon" is not a whole number of days before the expiry/);
    const { answer: none } = await submitForm({ reminderDays: '0', expires: '10d' });
    assert.equal(fact(none, 'Reminder'), undefined, 'no reminder: no line');
  });

  it('offers Renew on an expired invitation\'s card: a new end and the mail again, in one step', async () => {
    const { answer } = await submitForm({ expires: '1d' });
    const id = (action(answer, 'Resend')!.data as { invitationId: string }).invitationId;
    s.clock.advance(2 * DAY);
    const expired = card((await s.say(`status ${id}`, INVITER))[0]!);
    assert.equal(texts(expired)[1], 'Expired · single invitation');
    const renew = action(expired, 'Renew')!;
    assert.deepEqual([renew.type, renew.card!.body.map((e) => e.id)], ['Action.ShowCard', ['expires']]);
    const press = renew.card!.actions[0]!;
    assert.match(texts((await s.execute(press.verb!, { ...press.data, expires: 'soon' }, INVITER)) as Card)[2]!, /^Give the new end as/);
    const renewed = (await s.execute(press.verb!, { ...press.data, expires: '2026-06-30' }, INVITER)) as Card;
    assert.deepEqual(texts(renewed)[1], 'Sent · single invitation');
    assert.match(texts(renewed)[2]!, /can now be redeemed until 2026-06-30 23:59 UTC, and its mail is queued again\.$/);
    assert.equal((await s.store.jobs.list({ kind: 'invitation.send', subjectId: id }, { limit: 5 })).items.length, 2);
    const actions = (await s.store.audit.listForSubject(id, { limit: 5 })).items.map((e) => e.action);
    assert.equal(actions.filter((a) => a === 'invitation.renewed').length, 1);
  });

  it('says the reminder in Danish on a Danish status card, and what is wrong with a form in Danish', async () => {
    const { answer } = await submitForm({ draft: 'true', expires: '10d' }, 'da-DK');
    assert.match(fact(answer, 'Påmindelse')!, /^Sendes \{\{DATE/);
    assert.ok(action(answer, 'Send kladden'));
    const { answer: refused } = await submitForm({ reminderDays: 'snart', sendAt: 'i morgen' }, 'da-DK');
    assert.match(texts(refused).join('\n'), /Send: "i morgen" er ikke et tidspunkt med zone/);
    assert.match(texts(refused).join('\n'), /Påmindelse: "snart" er ikke et helt antal dage/);
  });
});
