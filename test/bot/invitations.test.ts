import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { ADMIN, cardTexts, INVITER, useBot } from '../support/botTestbed.ts';
import { literalText } from '../support/cardText.ts';

const VIEWER = 'cccccccc-0000-4000-8000-000000000003';
const STRANGER = 'dddddddd-0000-4000-8000-000000000004';

type Card = { body: Element[]; actions?: Action[] };
type Element = { type: string; text?: string; facts?: { title: string; value: string }[]; actions?: Action[]; items?: Element[]; columns?: { items: Element[] }[] };
type Action = { type: string; title: string; verb?: string; data?: Record<string, unknown> };

const cardOf = (reply: Partial<Activity>) => reply.attachments![0]!.content as Card;

function facts(card: Card): Record<string, string> {
  return Object.fromEntries(card.body.filter((e) => e.type === 'FactSet').flatMap((e) => e.facts!).map((f) => [literalText(f.title), literalText(f.value)]));
}

/** Every Action.Execute on the card, wherever it stands (rows, action sets, the card's actions). */
function executes(node: unknown): Action[] {
  if (Array.isArray(node)) return node.flatMap(executes);
  if (!node || typeof node !== 'object') return [];
  const element = node as Record<string, unknown>;
  return [...(element.type === 'Action.Execute' ? [element as Action] : []), ...Object.values(element).flatMap(executes)];
}

const texts = (card: unknown) => cardTexts({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] });

describe('bot: status and list', () => {
  const s = useBot();
  let code: string;
  let id: string;
  beforeEach(async () => {
    await s.services.staff.save('cli', { id: VIEWER, displayName: 'Vic Viewer', roles: ['viewer'] });
    await s.services.staff.save('cli', { id: INVITER, displayName: 'Ivy Inviter', roles: ['inviter'] });
    const created = await s.services.invitations.create('cli', {
      type: 'group', name: 'Spring partners', maxRedemptions: 3, invitedContactIds: s.seed.contacts.map((c) => c.id),
      assignToAccountId: s.seed.account.id, webRoleIds: s.seed.roles.map((r) => r.id), ownerId: INVITER, expiresAt: new Date('2026-12-31T17:00:00Z'),
    });
    ({ code } = created);
    id = created.invitation.id;
    await s.services.invitations.redeem({ code, contactId: s.seed.contacts[0]!.id });
  });

  it('shows an invitation found by code, id or invited e-mail: who, by whom, when, mail, masked code', async () => {
    for (const reference of [code.toLowerCase(), id, 'person2@example.com']) {
      const [reply] = await s.say(`status ${reference}`, VIEWER);
      const card = cardOf(reply!);
      const shown = facts(card);
      assert.equal(texts(card)[1], 'Sent · group invitation', reference);
      assert.deepEqual([shown.Redemptions, shown.Company, shown.Roles], ['1 of 3', 'Contoso Ltd', 'Customer, Partner'], reference);
      assert.deepEqual(texts(card).slice(2, 5), ['Invited (2)', 'person1 Tester · person1@example.com', 'person2 Tester · person2@example.com']);
      assert.deepEqual([shown['Sent for'], shown['Requested by']], ['Ivy Inviter', 'the admin CLI'], 'names, never object ids');
      assert.equal(shown.Expires, '{{DATE(2026-12-31T17:00:00Z, SHORT)}} {{TIME(2026-12-31T17:00:00Z)}}', 'in the reader\'s time zone');
      assert.equal(shown.Created, '{{DATE(2026-06-01T12:00:00Z, SHORT)}} {{TIME(2026-06-01T12:00:00Z)}}');
      assert.equal(shown.Mail, 'queued', 'the sending is queued, not yet split into mails');
      assert.equal(shown.Code, `••••-••••-••••-${code.slice(-4)}`);
      assert.match(shown['person1 Tester']!, /^\{\{DATE\(2026-06-01T12:00:00Z, SHORT\)\}\}/, 'the redeemer is listed with the time');
      assert.equal(JSON.stringify(card).includes(s.seed.contacts[0]!.id), false, 'no object id to read');
      assert.equal(reply!.summary, 'Spring partners: sent', 'a summary for notifications');
    }
  });

  it('names the first three invited contacts and how many more; leaves out what is empty', async () => {
    const more = await Promise.all([3, 4, 5, 6].map((n) => s.services.contacts.add({ firstName: `extra${n}`, lastName: 'Tester', primaryEmail: `extra${n}@example.com` })));
    const created = await s.services.invitations.create('cli', { type: 'group', name: 'Six', maxRedemptions: 6, invitedContactIds: [...s.seed.contacts, ...more].map((c) => c.id) });
    const card = cardOf((await s.say(`status ${created.invitation.id}`, VIEWER))[0]!);
    assert.deepEqual(texts(card).slice(2, 7), ['Invited (6)', 'person1 Tester · person1@example.com', 'person2 Tester · person2@example.com', 'extra3 Tester · extra3@example.com', 'and 3 more']);
    assert.deepEqual(Object.keys(facts(card)), ['Requested by', 'Created', 'Expires', 'Redemptions', 'Mail', 'Code'], 'no company, roles, inviter or owner when there is none');
    assert.equal(facts(card).Expires, 'never');
  });

  it('pages through all 105 redeemers with Next and Previous that answer in place', async () => {
    const created = await s.services.invitations.create('cli', { type: 'group', name: 'Big group', maxRedemptions: 200, invitedContactIds: [s.seed.contacts[0]!.id] });
    const people = await s.store.contacts.insertMany(Array.from({ length: 105 }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, firstName: `redeemer${String(i).padStart(3, '0')}`, lastName: 'Tester', primaryEmail: `redeemer${i}@example.com`,
      secondaryEmail: null, alternateEmail: null, parentAccountId: null, webRoleIds: [], identities: [], createdAt: new Date(),
    })));
    assert.deepEqual(people.skippedIds, []);
    for (let i = 0; i < 105; i++) {
      s.clock.advance(60_000);
      await s.services.invitations.redeem({ code: created.code, contactId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` });
    }
    const redeemerNames = (card: unknown) => texts(card).filter((text) => /^redeemer\d{3} Tester$/.test(text));
    let card: unknown = cardOf((await s.say(`status ${created.invitation.id}`, VIEWER))[0]!);
    assert.ok(texts(card).includes('Redeemed by (1–5 of 105)'), JSON.stringify(texts(card)));
    assert.equal(executes(card).some((a) => a.title === 'Previous'), false, 'no Previous on the first page');
    const seen = [...redeemerNames(card)];
    const pages = [card];
    for (let next = executes(card).find((a) => a.title === 'Next'); next; next = executes(card).find((a) => a.title === 'Next')) {
      card = await s.execute(next.verb!, next.data!, VIEWER);
      pages.push(card);
      seen.push(...redeemerNames(card));
    }
    assert.equal(pages.length, 21);
    assert.ok(texts(card).includes('Redeemed by (101–105 of 105)'), JSON.stringify(texts(card)));
    assert.equal(seen.length, 105);
    assert.deepEqual(seen, Array.from({ length: 105 }, (_, i) => `redeemer${String(104 - i).padStart(3, '0')} Tester`), 'every redeemer once, newest first');
    const previous = executes(pages[2]).find((a) => a.title === 'Previous')!;
    const back = await s.execute(previous.verb!, previous.data!, VIEWER);
    assert.ok(texts(back).includes('Redeemed by (6–10 of 105)'), JSON.stringify(texts(back)));
    assert.deepEqual(redeemerNames(back), redeemerNames(pages[1]));
  });

  it('says clearly when nothing matches, or nothing was asked', async () => {
    assert.ok(cardTexts((await s.say('status nobody@example.com', VIEWER))[0]!).includes('No invitation matches "nobody@example.com".'));
    assert.ok(cardTexts((await s.say('status 0000-0000-0000-0000', VIEWER))[0]!).includes('No invitation matches "0000-0000-0000-0000".'));
    assert.ok(cardTexts((await s.say('status', VIEWER))[0]!).includes('Type status followed by an invitation code, id or e-mail address.'));
    assert.equal(await s.execute('invitation.status', { invitationId: 'nope' }, VIEWER), 'No invitation matches "nope".');
  });

  it('lists one row per invitation, saying who and its status, with a Status button (no ids to copy)', async () => {
    const [all] = await s.say('list', VIEWER);
    const card = cardOf(all!);
    assert.deepEqual(texts(card).slice(0, 4), ['Invitations', 'Newest first · page 1', 'Spring partners', 'person1 Tester · +1 · sent · 1/3 redeemed']);
    const status = executes(card).find((a) => a.title === 'Status')!;
    assert.equal(JSON.stringify(cardTexts(all!)).includes(id), false);
    const answered = await s.execute(status.verb!, status.data!, VIEWER) as unknown as Card;
    assert.equal(texts(answered)[0], 'Spring partners');
    assert.equal(all!.summary, 'Invitations, page 1');
  });

  it('filters by status and by "mine", typed or chosen on the card, and refuses an unknown status', async () => {
    s.clock.advance(1000);
    await s.services.invitations.create(INVITER, { type: 'single', name: 'Ivy\'s own', invitedContactIds: [s.seed.contacts[1]!.id] });
    const names = (card: unknown) => texts(card).filter((t) => ['Spring partners', 'Ivy\'s own'].includes(t));
    assert.deepEqual(names(cardOf((await s.say('list mine', INVITER))[0]!)), ['Ivy\'s own', 'Spring partners'], 'owned or created by the speaker');
    assert.deepEqual(names(cardOf((await s.say('list mine', VIEWER))[0]!)), []);
    const [none] = await s.say('list revoked', ADMIN);
    assert.ok(cardTexts(none!).includes('No invitations.'));
    const [bad] = await s.say('list lost', ADMIN);
    assert.match(cardTexts(bad!)[1]!, /status: must be one of draft, pending-approval/);

    const show = executes(cardOf((await s.say('list', VIEWER))[0]!)).find((a) => a.title === 'Show')!;
    assert.deepEqual(names(await s.execute(show.verb!, { ...show.data, status: 'sent', mine: 'true' }, INVITER)), ['Ivy\'s own', 'Spring partners']);
    const chosen = await s.execute(show.verb!, { ...show.data, status: 'revoked', mine: 'false' }, INVITER);
    assert.deepEqual(texts(chosen).slice(0, 3), ['Invitations: revoked', 'Newest first · page 1', 'No invitations.']);
    assert.deepEqual(names(await s.execute(show.verb!, { ...show.data, status: 'any', mine: 'false' }, VIEWER)), ['Ivy\'s own', 'Spring partners']);
  });

  it('pages with Next and Previous, in place, keeping the filter shown', async () => {
    for (let i = 0; i < 21; i++) {
      s.clock.advance(1000);
      await s.services.invitations.create('cli', { type: 'single', name: `Single ${i}`, invitedContactIds: [s.seed.contacts[1]!.id] });
    }
    const rows = (card: unknown) => executes(card).filter((a) => a.title === 'Status').length;
    const button = (card: unknown, title: string) => executes(card).find((a) => a.title === title);
    const first = cardOf((await s.say('list sent', VIEWER))[0]!);
    assert.equal(rows(first), 10);
    assert.equal(button(first, 'Previous'), undefined);
    const next = button(first, 'Next')!;
    // The filter inputs as they are sent with every Action.Execute: changed, but not applied.
    const second = await s.execute(next.verb!, { ...next.data, status: 'revoked', mine: 'true' }, VIEWER);
    assert.deepEqual([rows(second), texts(second)[0], texts(second)[1]], [10, 'Invitations: sent', 'Newest first · page 2']);
    const third = await s.execute(button(second, 'Next')!.verb!, button(second, 'Next')!.data!, VIEWER);
    assert.deepEqual([rows(third), texts(third).at(-2)], [2, 'Spring partners']);
    assert.equal(button(third, 'Next'), undefined, 'no next page after the last');
    const back = await s.execute(button(third, 'Previous')!.verb!, button(third, 'Previous')!.data!, VIEWER);
    assert.deepEqual(texts(back).slice(1, 3), ['Newest first · page 2', 'Single 10']);
    const front = await s.execute(button(back, 'Previous')!.verb!, button(back, 'Previous')!.data!, VIEWER);
    assert.deepEqual(texts(front).slice(1, 3), ['Newest first · page 1', 'Single 20']);
  });

  it('refuses both to someone who is not staff', async () => {
    for (const command of ['status x', 'list']) {
      const [reply] = await s.say(command, STRANGER);
      assert.ok(cardTexts(reply!)[1]!.startsWith('Your Invite Desk role does not allow'), command);
    }
    assert.equal(await s.execute('list.page', { apply: true }, STRANGER), 'Your Invite Desk role does not allow "list". Ask an Invite Desk admin if you need it.');
    assert.equal(await s.execute('invitation.status', { invitationId: id }, STRANGER), 'Your Invite Desk role does not allow "status". Ask an Invite Desk admin if you need it.');
  });
});
