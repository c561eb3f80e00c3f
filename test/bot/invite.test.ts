import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { cardTexts, useBot } from '../support/botTestbed.ts';

const INVITER = 'bbbbbbbb-0000-4000-8000-000000000002';
const VIEWER = 'cccccccc-0000-4000-8000-000000000003';

type Card = { body: { type: string; id?: string; value?: unknown; facts?: { title: string; value: string }[]; text?: string }[]; actions?: { data: Record<string, string> }[] };
const card = (reply: Partial<Activity>) => reply.attachments![0]!.content as Card;
const input = (reply: Partial<Activity>, id: string) => card(reply).body.find((e) => e.id === id)?.value;
const fact = (reply: Partial<Activity>, title: string) => card(reply).body.find((e) => e.type === 'FactSet')!.facts!.find((f) => f.title === title)?.value;

describe('bot: invite and invite group', () => {
  const s = useBot();
  beforeEach(async () => {
    await s.services.staff.save('cli', { id: INVITER, displayName: 'Ivy Inviter', roles: ['inviter'] });
    await s.services.staff.save('cli', { id: VIEWER, displayName: 'Vic Viewer', roles: ['viewer'] });
  });

  it('opens a form with the e-mail filled in, and its submit invites a new contact with a new company', async () => {
    const [form] = await s.say('invite grace@example.com', INVITER);
    assert.equal(input(form!, 'email'), 'grace@example.com');
    const verb = card(form!).actions![0]!.data.verb;
    const roles = s.seed.roles.map((r) => r.id).join(',');
    const [status] = await s.submit({ verb, email: 'grace@example.com', firstName: 'Grace', lastName: 'Hopper', company: 'Fabrikam', roles, expires: '14d', workflow: '', locale: 'da' }, INVITER);
    assert.equal(fact(status!, 'Status'), 'sent');
    assert.equal(fact(status!, 'Company'), 'Fabrikam');
    assert.equal(fact(status!, 'Roles'), 'Customer, Partner');
    const grace = await s.store.contacts.findByPrimaryEmail('grace@example.com');
    assert.deepEqual([grace!.firstName, grace!.lastName], ['Grace', 'Hopper']);
    const invitation = (await s.services.invitations.list('cli', { contact: 'grace@example.com' })).items[0]!;
    assert.deepEqual([invitation.ownerId, invitation.createdBy, invitation.locale, invitation.type], [INVITER, INVITER, 'da', 'single']);
    assert.equal((await s.store.jobs.list({ kind: 'invitation.send', subjectId: invitation.id }, { limit: 1 })).items.length, 1, 'the mail is on its way');
  });

  it('shows the form again, values kept, with what is wrong', async () => {
    const [again] = await s.submit({ verb: 'invite.submit', email: 'not-an-address', company: 'Fabrikam', expires: 'soon', locale: 'en' }, INVITER);
    assert.match(cardTexts(again!)[1]!, /^Expires: "soon" is not a date .*; E-mail address: give the customer's e-mail address$/);
    assert.equal(input(again!, 'company'), 'Fabrikam');
    assert.equal((await s.services.invitations.list('cli')).items.length, 0);
    assert.equal(await s.store.accounts.findByName('Fabrikam'), null, 'nothing was created');
  });

  it('asks for approval of a group, read from pasted lines', async () => {
    const [form] = await s.say('invite group', INVITER);
    assert.equal(card(form!).actions![0]!.data.verb, 'invite-group.submit');
    const contacts = 'Ada Lovelace <ada@example.com>\nalan@example.com\n\nGrace,Hopper,grace@example.com\nperson1@example.com';
    const [status] = await s.submit({ verb: 'invite-group.submit', contacts, maxRedemptions: '3', company: '', roles: '', expires: 'never', locale: 'en' }, INVITER);
    assert.equal(fact(status!, 'Status'), 'pending-approval');
    assert.equal(fact(status!, 'Redemptions'), '0 of 3');
    const invitation = (await s.services.invitations.list('cli', { status: 'pending-approval' })).items[0]!;
    assert.equal(invitation.invitedCount, 4);
    assert.equal((await s.store.jobs.list({ kind: 'invitation.send' }, { limit: 5 })).items.length, 0, 'nothing is sent before approval');
  });

  it('lists every unreadable line of a group', async () => {
    const [again] = await s.submit({ verb: 'invite-group.submit', contacts: 'ada@example.com\nAda Lovelace\nfoo,bar', maxRedemptions: '0', locale: 'en' }, INVITER);
    assert.equal(cardTexts(again!)[1], 'line 2: "Ada Lovelace" has no e-mail address; line 3: "foo,bar" has no e-mail address; How many may redeem: a whole number, at least 1');
  });

  it('reads a typed expiry against the service clock, not the wall clock', async () => {
    s.clock.set('2031-03-01T00:00:00Z');
    await s.submit({ verb: 'invite.submit', email: 'grace@example.com', expires: '7d', locale: 'en' }, INVITER);
    const invitation = (await s.services.invitations.list('cli', { contact: 'grace@example.com' })).items[0]!;
    assert.equal(invitation.expiresAt?.toISOString(), '2031-03-08T00:00:00.000Z');
    await s.say(`extend ${invitation.id} 2w`, INVITER);
    assert.equal((await s.services.invitations.find('cli', invitation.id)).expiresAt?.toISOString(), '2031-03-15T00:00:00.000Z');
  });

  it('refuses viewers, in the command and in a submitted form', async () => {
    assert.match(cardTexts((await s.say('invite', VIEWER))[0]!)[1]!, /^Your Invite Desk role does not allow "invite"/);
    assert.match(cardTexts((await s.submit({ verb: 'invite.submit', email: 'x@example.com' }, VIEWER))[0]!)[1]!, /^Your Invite Desk role does not allow "invite"/);
    assert.equal((await s.services.invitations.list('cli')).items.length, 0);
  });
});
