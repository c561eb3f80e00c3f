import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { cardTexts, useBot } from '../support/botTestbed.ts';

const INVITER = 'bbbbbbbb-0000-4000-8000-000000000002';
const VIEWER = 'cccccccc-0000-4000-8000-000000000003';

type Element = { type: string; id?: string; value?: unknown; label?: string; isRequired?: boolean; errorMessage?: string; facts?: { title: string; value: string }[]; text?: string };
type Card = { body: Element[]; actions?: { type: string; verb?: string; title: string; data: Record<string, string> }[] };
const card = (reply: Partial<Activity>) => reply.attachments![0]!.content as Card;
const input = (form: Card, id: string) => form.body.find((e) => e.id === id);
const fact = (answer: Card, title: string) => answer.body.find((e) => e.type === 'FactSet')!.facts!.find((f) => f.title === title)?.value;
const texts = (answer: Card) => cardTexts({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: answer }] });

describe('bot: invite and invite group', () => {
  const s = useBot();
  beforeEach(async () => {
    await s.services.staff.save('cli', { id: INVITER, displayName: 'Ivy Inviter', roles: ['inviter'] });
    await s.services.staff.save('cli', { id: VIEWER, displayName: 'Vic Viewer', roles: ['viewer'] });
  });

  /** Opens the form as `who` and answers its Execute with the form's own data plus `values`, as Teams merges inputs into it. */
  async function openForm(text: string, who = INVITER) {
    const form = card((await s.say(text, who))[0]!);
    const action = form.actions![0]!;
    return { form, action, send: async (values: Record<string, unknown>) => (await s.execute(action.verb!, { ...action.data, ...values }, who)) as Card | string };
  }

  const counts = async () => [
    (await s.services.invitations.list('cli')).items.length,
    (await s.store.jobs.list({ kind: 'invitation.send' }, { limit: 10 })).items.length,
  ];

  it('opens a form with every field of an invitation, the required ones marked, sent by Action.Execute with a nonce of its own', async () => {
    const { form, action } = await openForm('invite grace@example.com');
    assert.equal(input(form, 'email')!.value, 'grace@example.com');
    assert.deepEqual(form.body.filter((e) => e.id).map((e) => e.id), ['name', 'email', 'firstName', 'lastName', 'company', 'roles', 'inviter', 'redirectUrl', 'expires', 'reminderDays', 'draft', 'sendAt', 'workflow', 'locale']);
    for (const element of form.body.filter((e) => e.id)) assert.ok(element.label, `${element.id} has a label`);
    assert.deepEqual(form.body.filter((e) => e.isRequired).map((e) => [e.id, Boolean(e.errorMessage)]), [['email', true], ['locale', true]]);
    assert.deepEqual([action.type, action.verb, action.title], ['Action.Execute', 'invite.submit', 'Send invitation']);
    assert.match(action.data.requestKey!, /^[0-9a-f-]{36}$/);
    const other = await openForm('invite');
    assert.notEqual(other.action.data.requestKey, action.data.requestKey, 'each form is its own request');
    const group = await openForm('invite group');
    assert.deepEqual(group.form.body.filter((e) => e.isRequired).map((e) => [e.id, Boolean(e.errorMessage)]), [['contacts', true], ['maxRedemptions', true], ['locale', true]]);
  });

  it('answers the submit with the status card, which replaces the form: a new contact, company, inviter and redirect, and a name of its own', async () => {
    await s.services.contacts.add({ firstName: 'Ada', lastName: 'Lovelace', primaryEmail: 'ada@example.com' });
    const { send } = await openForm('invite grace@example.com');
    const roles = s.seed.roles.map((r) => r.id).join(',');
    const answer = await send({
      email: 'grace@example.com', firstName: 'Grace', lastName: 'Hopper', company: 'Fabrikam', roles, inviter: 'ada@example.com',
      redirectUrl: 'https://portal.example.com/welcome', expires: '14d', workflow: '', locale: 'da', name: '',
    }) as Card;
    assert.equal(texts(answer)[0], 'Grace Hopper – 2026-06-01');
    assert.equal(texts(answer)[1], 'Sent · single invitation');
    assert.equal(fact(answer, 'Company'), 'Fabrikam');
    assert.equal(fact(answer, 'Roles'), 'Customer, Partner');
    assert.match(JSON.stringify(answer.actions ?? []), /Revoke/, 'the inviter can change it right there');
    const grace = await s.store.contacts.findByPrimaryEmail('grace@example.com');
    assert.deepEqual([grace!.firstName, grace!.lastName], ['Grace', 'Hopper']);
    const invitation = (await s.services.invitations.list('cli', { contact: 'grace@example.com' })).items[0]!;
    const stored = (await s.store.invitations.get(invitation.id))!;
    const ada = await s.store.contacts.findByPrimaryEmail('ada@example.com');
    assert.deepEqual([stored.ownerId, stored.createdBy, stored.locale, stored.type, stored.inviterContactId, stored.redirectUrl],
      [INVITER, INVITER, 'da', 'single', ada!.id, 'https://portal.example.com/welcome']);
    assert.deepEqual(await counts(), [1, 1], 'the mail is on its way');
  });

  it('keeps a name that is given', async () => {
    const { send } = await openForm('invite');
    assert.equal(texts(await send({ email: 'grace@example.com', name: 'Spring fair', locale: 'en' }) as Card)[0], 'Spring fair');
  });

  it('makes one invitation of a form sent twice, one after the other, and answers both with it', async () => {
    const { send } = await openForm('invite');
    const values = { email: 'grace@example.com', locale: 'en' };
    const [first, second] = [await send(values), await send(values)] as Card[];
    assert.deepEqual(texts(second!), texts(first!));
    assert.equal(texts(second!)[1], 'Sent · single invitation');
    assert.deepEqual(await counts(), [1, 1]);
  });

  it('makes one invitation of a form sent twice at the same instant', async () => {
    const { send } = await openForm('invite');
    const values = { email: 'grace@example.com', locale: 'en' };
    const both = await Promise.all([send(values), send(values)]) as Card[];
    assert.deepEqual(both.map((answer) => texts(answer)[1]), ['Sent · single invitation', 'Sent · single invitation']);
    assert.deepEqual(await counts(), [1, 1]);
  });

  it('makes a second invitation from a second form with the same values', async () => {
    const values = { email: 'grace@example.com', locale: 'en' };
    await (await openForm('invite')).send(values);
    await (await openForm('invite')).send(values);
    assert.deepEqual(await counts(), [2, 2]);
  });

  it('answers with the form again, values and nonce kept, saying what is wrong; corrected, the same form sends', async () => {
    const { send, action } = await openForm('invite');
    const again = await send({ email: 'not-an-address', company: 'Fabrikam', expires: 'soon', redirectUrl: 'ftp://example.com/', locale: 'en' }) as Card;
    assert.match(texts(again)[1]!, /^Expires: "soon" is not a date .*; E-mail address: give the customer's e-mail address$/);
    assert.equal(input(again, 'company')!.value, 'Fabrikam');
    assert.equal(input(again, 'redirectUrl')!.value, 'ftp://example.com/');
    assert.equal(again.actions![0]!.data.requestKey, action.data.requestKey);
    assert.deepEqual(await counts(), [0, 0]);
    assert.equal(await s.store.accounts.findByName('Fabrikam'), null, 'nothing was created');
    const wrongRedirect = await send({ email: 'grace@example.com', redirectUrl: 'ftp://example.com/', locale: 'en' }) as Card;
    assert.match(texts(wrongRedirect)[1]!, /Redirect URL: must be an http\(s\) URL/);
    assert.equal(texts(await send({ email: 'grace@example.com', locale: 'en' }) as Card)[1], 'Sent · single invitation');
    assert.deepEqual(await counts(), [1, 1]);
  });

  it('says so when the inviter is no known contact', async () => {
    const { send } = await openForm('invite');
    const again = await send({ email: 'grace@example.com', inviter: 'nobody@example.com', locale: 'en' }) as Card;
    assert.match(texts(again)[1]!, /nobody@example\.com/);
    assert.deepEqual(await counts(), [0, 0]);
  });

  it('asks for approval of a group, read from pasted lines, named after its company', async () => {
    const { send, action } = await openForm('invite group');
    assert.deepEqual([action.verb, action.title], ['invite-group.submit', 'Ask for approval']);
    const contacts = 'Ada Lovelace <ada@example.com>\nalan@example.com\n\nGrace,Hopper,grace@example.com\nperson1@example.com';
    const answer = await send({ contacts, maxRedemptions: '3', company: 'Fabrikam', roles: '', expires: 'never', locale: 'en' }) as Card;
    assert.equal(texts(answer)[0], 'Fabrikam – 2026-06-01');
    assert.equal(texts(answer)[1], 'Waiting for approval · group invitation');
    assert.equal(fact(answer, 'Redemptions'), '0 of 3');
    const invitation = (await s.services.invitations.list('cli', { status: 'pending-approval' })).items[0]!;
    assert.equal(invitation.invitedCount, 4);
    assert.equal((await s.store.jobs.list({ kind: 'invitation.send' }, { limit: 5 })).items.length, 0, 'nothing is sent before approval');
  });

  it('lists every unreadable line of a group', async () => {
    const { send } = await openForm('invite group');
    const again = await send({ contacts: 'ada@example.com\nAda Lovelace\nfoo,bar', maxRedemptions: '0', locale: 'en' }) as Card;
    assert.equal(texts(again)[1], 'line 2: "Ada Lovelace" has no e-mail address; line 3: "foo,bar" has no e-mail address; How many may redeem: a whole number, at least 1');
  });

  it('reads a typed expiry against the service clock, not the wall clock', async () => {
    s.clock.set('2031-03-01T00:00:00Z');
    await (await openForm('invite')).send({ email: 'grace@example.com', expires: '7d', locale: 'en' });
    const invitation = (await s.services.invitations.list('cli', { contact: 'grace@example.com' })).items[0]!;
    assert.equal(invitation.expiresAt?.toISOString(), '2031-03-08T00:00:00.000Z');
    await s.say(`extend ${invitation.id} 2w`, INVITER);
    assert.equal((await s.services.invitations.find('cli', invitation.id)).expiresAt?.toISOString(), '2031-03-15T00:00:00.000Z');
  });

  it('answers a client without Action.Execute (the Action.Submit fallback) and an older card with the status card, one invitation per nonce', async () => {
    const { action } = await openForm('invite');
    const fallback = (action as unknown as { fallback: { type: string; data: Record<string, string> } }).fallback;
    assert.equal(fallback.type, 'Action.Submit');
    for (let i = 0; i < 2; i++) {
      const [status] = await s.submit({ ...fallback.data, email: 'grace@example.com', locale: 'en' }, INVITER);
      assert.equal(texts(card(status!))[1], 'Sent · single invitation');
    }
    assert.deepEqual(await counts(), [1, 1]);
    const [older] = await s.submit({ verb: 'invite.submit', email: 'grace@example.com', locale: 'en' }, INVITER);
    assert.equal(texts(card(older!))[1], 'Sent · single invitation');
  });

  it('refuses viewers, in the command and in a sent form, with a message and no card', async () => {
    assert.match(cardTexts((await s.say('invite', VIEWER))[0]!)[1]!, /^Your Invite Desk role does not allow "invite"/);
    const { action } = await openForm('invite');
    assert.match(await s.execute(action.verb!, { ...action.data, email: 'x@example.com', locale: 'en' }, VIEWER) as unknown as string, /^Your Invite Desk role does not allow "invite"/);
    assert.match(cardTexts((await s.submit({ verb: 'invite.submit', email: 'x@example.com' }, VIEWER))[0]!)[1]!, /^Your Invite Desk role does not allow "invite"/);
    assert.deepEqual(await counts(), [0, 0]);
  });
});
