import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { addStaff, ADMIN, cardTexts, INVITER, useBot, VIEWER } from '../support/botTestbed.ts';

type Action = { type: string; title: string; verb?: string; data?: Record<string, unknown> };
const cardOf = (reply: Partial<Activity>) => reply.attachments![0]!.content as Record<string, unknown>;
const texts = (card: unknown) => cardTexts({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] });
const actions = (card: unknown) => ((card as { actions?: Action[] }).actions ?? []);

/** Every element of a card of this type, wherever it stands. */
function elements(node: unknown, type: string): Record<string, unknown>[] {
  if (Array.isArray(node)) return node.flatMap((n) => elements(n, type));
  if (!node || typeof node !== 'object') return [];
  const element = node as Record<string, unknown>;
  return [...(element.type === type ? [element] : []), ...Object.values(element).flatMap((v) => elements(v, type))];
}

describe('bot: audit and stats', () => {
  const s = useBot();
  beforeEach(() => addStaff(s.services));

  it('shows admins the audit trail with names, never ids, filtered by who and by record, paged in place', async () => {
    s.clock.advance(60_000);
    await s.services.staff.save(ADMIN, { id: VIEWER, displayName: 'Vic Viewer', roles: ['viewer', 'inviter'] });
    for (let i = 0; i < 12; i++) {
      s.clock.advance(1000);
      await s.services.contacts.add({ firstName: `new${i}`, primaryEmail: `new${i}@example.com` }, 'cli');
    }
    const [reply] = await s.say('audit', ADMIN);
    const first = cardOf(reply!);
    assert.deepEqual(texts(first).slice(0, 2), ['Audit trail', 'Newest first · page 1']);
    assert.ok(texts(first).includes('{{DATE(2026-06-01T12:01:12Z, SHORT)}} {{TIME(2026-06-01T12:01:12Z)}} · the admin CLI'), JSON.stringify(texts(first)));
    assert.equal(JSON.stringify(texts(first)).includes(ADMIN), false, 'the actor by name, not object id');
    const next = actions(first).find((a) => a.title === 'Next')!;
    const second = await s.execute(next.verb!, next.data!, ADMIN);
    assert.deepEqual(texts(second).slice(0, 2), ['Audit trail', 'Newest first · page 2']);
    const previous = actions(second).find((a) => a.title === 'Previous')!;
    assert.deepEqual(texts(await s.execute(previous.verb!, previous.data!, ADMIN)).slice(1, 2), ['Newest first · page 1']);

    const who = elements(first, 'Input.ChoiceSet')[0]!;
    assert.ok((who.choices as { title: string; value: string }[]).some((c) => c.title === 'Ivy Inviter' && c.value === INVITER), 'staff are chosen by name');
    const byAdmin = await s.execute('audit.page', { apply: true, actor: ADMIN, subject: '' }, ADMIN);
    const adminLines = texts(byAdmin).filter((text) => text.includes(' · ') && text.includes('{{DATE'));
    assert.equal(adminLines.length, 1, JSON.stringify(texts(byAdmin)));
    assert.match(adminLines[0]!, /· Test Person$/, "the admin as Teams names them");
    assert.ok(texts(byAdmin).includes('roles: viewer → viewer, inviter'), JSON.stringify(texts(byAdmin)));
    const bySubject = await s.execute('audit.page', { apply: true, actor: 'any', subject: 'new3@example.com' }, ADMIN);
    assert.ok(texts(bySubject).some((text) => text.startsWith('contact.added · ')));
    assert.ok(texts(bySubject).includes('firstName: – → new3 · primaryEmail: – → new3@example.com'), JSON.stringify(texts(bySubject)));
    assert.equal(texts(bySubject).filter((text) => text.includes('{{DATE')).length, 1);
  });

  it('is for admins only; Danish readers get Danish', async () => {
    const [refused] = await s.say('audit', INVITER);
    assert.ok(cardTexts(refused!).some((text) => /does not allow "audit"/.test(text)), JSON.stringify(cardTexts(refused!)));
    assert.match(JSON.stringify(await s.execute('audit.page', { apply: true }, VIEWER)), /does not allow/);
    const danish = await s.execute('audit.page', { apply: true }, ADMIN, 'da-DK');
    assert.equal(texts(danish)[0], 'Revisionsspor');
  });

  it('shows staff the stats as Teams charts, each with a table or facts for clients without charts', async () => {
    const created = await s.services.invitations.create('cli', { type: 'group', name: 'Spring', maxRedemptions: 5, invitedContactIds: [s.seed.contacts[0]!.id] });
    s.clock.advance(2 * 3_600_000);
    await s.services.invitations.redeem({ code: created.code, contactId: s.seed.contacts[1]!.id });
    const [reply] = await s.say('stats 4', VIEWER);
    const card = cardOf(reply!);
    assert.equal(texts(card)[0], 'Invitations, last 4 weeks');
    assert.deepEqual(elements(card, 'Chart.VerticalBar.Grouped').length, 1);
    assert.deepEqual(elements(card, 'Chart.Donut')[0]!.data, [{ legend: 'Redeemed', value: 1 }, { legend: 'Not redeemed', value: 0 }]);
    assert.deepEqual(elements(card, 'Chart.VerticalBar')[0]!.data, [{ x: 'the admin CLI', y: 1 }]);
    const shown = Object.fromEntries((elements(card, 'FactSet')[0]!.facts as { title: string; value: string }[]).map((f) => [f.title, f.value]));
    assert.deepEqual([shown.Sent, shown.Redeemed, shown['Redemption rate'], shown['Median time to redeem']], ['1', '1', '100% (1 of 1)', '2 hours']);
    assert.equal(elements(card, 'Table').length, 1, 'the weekly chart falls back to a table');
    const [danish] = await s.turnWith({ text: 'stats', locale: 'da-DK' }, VIEWER);
    assert.equal(cardTexts(danish!)[0], 'Invitationer, seneste 8 uger');
    const [stranger] = await s.say('stats', '99999999-0000-4000-8000-000000000009');
    assert.doesNotMatch(JSON.stringify(stranger), /Chart\./);
  });
});
