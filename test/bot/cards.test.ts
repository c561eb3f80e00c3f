import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { CARD_NAMES, cardTemplate, expandCard } from '../../bot/cards/render.ts';
import { listCardData, mailText, statusCardData } from '../../bot/handlers/invitationCards.ts';
import { CARD_SAMPLES as SAMPLES, DANISH_CARD_SAMPLES, SAMPLE_DETAILS } from '../support/cardSamples.ts';

const require = createRequire(import.meta.url);
const AdaptiveCards = require('adaptivecards/dist/adaptivecards.js') as {
  AdaptiveCard: new () => { parse(json: unknown, context: unknown): void };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): { message: string; phase: number; event: number } };
};

/**
 * Parses a card with the Adaptive Cards SDK and returns what it complained about. Teams' charts
 * (`Chart.*`) are unknown to the SDK: each must carry a `fallback` the SDK reads (checked below),
 * so "unknown, fallback will be used" is no complaint for them.
 */
function sdkComplaints(json: unknown): string[] {
  const context = new AdaptiveCards.SerializationContext();
  new AdaptiveCards.AdaptiveCard().parse(json, context);
  return Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message)
    .filter((message) => !/^Unknown element type "Chart\.[\w.]+"\. Fallback will be used if present\.$/.test(message));
}

/** Every Teams chart element in a card. */
function charts(node: unknown): Record<string, unknown>[] {
  if (Array.isArray(node)) return node.flatMap(charts);
  if (!node || typeof node !== 'object') return [];
  const element = node as Record<string, unknown>;
  const own = typeof element.type === 'string' && element.type.startsWith('Chart.') ? [element] : [];
  return [...own, ...Object.entries(element).filter(([key]) => key !== 'fallback').flatMap(([, value]) => charts(value))];
}

describe('bot cards', () => {
  for (const name of CARD_NAMES) {
    it(`${name}: the template and its rendering are cards the Adaptive Cards SDK reads without complaint`, () => {
      const unbound = sdkComplaints(cardTemplate(name)).filter((message) => !/"\$\{[^"]*\}"/.test(message));
      assert.deepEqual(unbound, [], 'only a placeholder may stand where the SDK wants a fixed value');
      const expanded = expandCard(name, SAMPLES[name]);
      assert.deepEqual(sdkComplaints(expanded), []);
      assert.doesNotMatch(JSON.stringify(expanded), /\$\{/, 'every placeholder was bound');
    });
  }

  for (const name of CARD_NAMES) {
    it(`${name}: in Danish too, a card the Adaptive Cards SDK reads without complaint, every text bound`, () => {
      const expanded = expandCard(name, DANISH_CARD_SAMPLES[name], 'da');
      assert.deepEqual(sdkComplaints(expanded), []);
      assert.doesNotMatch(JSON.stringify(expanded), /\$\{/, 'every placeholder was bound');
      assert.ok(JSON.stringify(expanded).length < 28_000, 'under Teams\' 28 KB');
    });
  }

  for (const name of CARD_NAMES) {
    it(`${name}: is full width in Teams and has a fallback text for notifications and old clients`, () => {
      const card = expandCard(name, SAMPLES[name]);
      assert.deepEqual((card.msteams as { width?: string }).width, 'Full');
      assert.equal(typeof card.fallbackText, 'string');
      assert.notEqual((card.fallbackText as string).trim(), '');
    });
  }

  it('every Teams chart has a fallback the SDK renders (a table or facts) for clients without charts', () => {
    const all = CARD_NAMES.flatMap((name) => charts(expandCard(name, SAMPLES[name])));
    assert.deepEqual(all.map((chart) => chart.type), ['Chart.VerticalBar.Grouped', 'Chart.Donut', 'Chart.VerticalBar']);
    for (const chart of all) {
      assert.ok(chart.fallback && typeof chart.fallback === 'object', `${String(chart.type)} has a fallback`);
      assert.deepEqual(sdkComplaints({ type: 'AdaptiveCard', version: '1.5', body: [chart.fallback] }), [], `${String(chart.type)}'s fallback`);
      assert.ok(Array.isArray(chart.data) && chart.data.length > 0, `${String(chart.type)} has data`);
    }
  });

  it('shows numbers where Teams wants text (a lone placeholder is bound as a number)', () => {
    const facts = (expandCard('approval', SAMPLES.approval).body as { type: string; facts?: { title: string; value: unknown }[] }[])
      .flatMap((element) => element.facts ?? []);
    assert.equal(facts.find((fact) => fact.title === 'May redeem')?.value, '3');
  });

  it('lets Teams show an ISO UTC time in the reader\'s zone, and nothing else typed as a date function', () => {
    const card = expandCard('notice', { title: 'Ends {{DATE(2026-12-31T17:00:00Z, SHORT)}} {{TIME(2026-12-31T17:00:00Z)}}', text: '{{DATE(tomorrow)}} [x](https://evil.example)', color: 'Good' });
    const [title, text] = (card.body as { text: string }[]).map((block) => block.text);
    assert.equal(title, 'Ends {{DATE(2026-12-31T17:00:00Z, SHORT)}} {{TIME(2026-12-31T17:00:00Z)}}');
    assert.equal(text, '\\{\\{DATE(tomorrow)\\}\\} \\[x\\](https\\://evil\\.example)');
    assert.equal(card.fallbackText, 'Ends {{DATE(2026-12-31T17:00:00Z, SHORT)}} {{TIME(2026-12-31T17:00:00Z)}}');
  });

  it('says how the mail stands: sent, queued, failed, or not sent yet', () => {
    const none = { queued: 0, running: 0, done: 0, dead: 0 };
    assert.equal(mailText({ ...none, done: 3, queued: 1, running: 1, dead: 1 }, 'sent'), '3 sent, 2 queued, 1 failed');
    assert.equal(mailText({ ...none, preparing: 1 }, 'sent'), 'queued');
    assert.equal(mailText({ ...none, unprepared: 1 }, 'sent'), 'failed');
    assert.equal(mailText(none, 'pending-approval'), 'not sent yet');
    assert.equal(mailText(none, 'revoked'), 'none');
  });

  it('every card stays under Teams\' 28 KB, the status and list cards even at their largest', () => {
    for (const name of CARD_NAMES) assert.ok(JSON.stringify(expandCard(name, SAMPLES[name])).length < 28_000, name);
    // Names at their longest (200 for an invitation, 100 + 100 for a contact), every character escaped, redeemers 40 pages in, list 50 pages back.
    const long = (n: number) => '*'.repeat(n);
    const person = { name: long(201), email: `${long(64)}@${'x'.repeat(185)}` };
    const details = {
      ...SAMPLE_DETAILS, name: long(200), invitedContacts: Array.from({ length: 3 }, (_, i) => ({ id: `c${i}`, ...person })), account: { id: 'a', name: long(200) },
      webRoles: Array.from({ length: 20 }, (_, i) => ({ id: `r${i}`, name: long(100) })), inviter: { id: 'c', name: long(201) },
      redeemedBy: Array.from({ length: 100 }, (_, i) => ({ contactId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: long(201), at: new Date() })),
    };
    const redeemerCursors = Array.from({ length: 40 }, () => 'c'.repeat(80));
    const status = JSON.stringify(expandCard('invitationStatus', statusCardData({ ...details, redeemersNext: 'c'.repeat(80) }, { queued: 1, running: 1, done: 1, dead: 1 }, {
      canChange: true, note: { text: long(300), color: 'Good' }, redeemers: { page: 100, cursors: redeemerCursors },
    })));
    assert.ok(Buffer.byteLength(status) < 28_000, `status card: ${Buffer.byteLength(status)} bytes`);
    const rows = Array.from({ length: 10 }, (_, i) => ({ ...details, id: `i${i}` }));
    const cursors = Array.from({ length: 50 }, () => 'c'.repeat(80)); // a real cursor is about 76 characters
    const list = JSON.stringify(expandCard('invitationList', listCardData(rows, new Map(rows.map((r) => [r.id, person])), { status: 'sent', mine: true }, cursors, 'c'.repeat(80))));
    assert.ok(Buffer.byteLength(list) < 28_000, `list card: ${Buffer.byteLength(list)} bytes`);
  });

  it('the check notices an element the SDK does not know', () => {
    assert.notDeepEqual(sdkComplaints({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlok', text: 'x' }] }), []);
  });
});
