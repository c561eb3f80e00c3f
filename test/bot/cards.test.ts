import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { CARD_NAMES, cardTemplate, expandCard } from '../../bot/cards/render.ts';

const require = createRequire(import.meta.url);
const AdaptiveCards = require('adaptivecards/dist/adaptivecards.js') as {
  AdaptiveCard: new () => { parse(json: unknown, context: unknown): void };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): { message: string; phase: number; event: number } };
};

const SAMPLES: Record<(typeof CARD_NAMES)[number], object> = {
  help: { greeting: 'Hello', commands: [{ usage: 'help', description: 'What I can do' }], noAccess: 'x', objectId: 'y' },
  notice: { title: 'Done', text: 'All good', color: 'Good' },
  invitationStatus: {
    canChange: true, id: 'i1', name: 'Spring', status: 'sent', type: 'group', redemptions: 1, maxRedemptions: 3, expires: 'never', account: 'Contoso', roles: 'Customer',
    code: '••••-••••-••••-4WPC', mail: '3 sent', redeemedBy: [{ name: 'Ada', at: '2026-06-01 12:00 UTC' }],
  },
  invitationList: { title: 'Invitations', filter: '', next: 'abc', items: [{ status: 'sent', summary: 'Spring (group, 1/3)' }] },
  staffList: { members: [{ name: 'Ann', roles: 'admin', id: 'x' }], usage: 'staff add …' },
  templateList: { templates: [{ name: 'invitation', locale: 'en', state: 'built-in' }] },
  templateEditor: {
    name: 'invitation', locale: 'en', origin: 'built-in', notice: 'Saved', noticeColor: 'Good', subject: 'S', html: '<p>x</p>', text: 'x',
    previewSubject: 'S', previewText: 'x',
  },
  approval: {
    invitationId: 'i1', name: 'Spring', requester: 'Ivy', contacts: 'ada@example.com and 2 more', maxRedemptions: 3, account: 'Contoso',
    roles: 'Customer', expires: 'never', decision: 'approved by Abe', decided: '2026-06-01 12:00 UTC', error: '', canDecide: true,
  },
  approvalsPage: { more: 7, shown: 5, page: 1 },
  batchApproval: {
    batchId: 'b1', count: '3', requester: 'Ivy', contacts: 'ada@example.com, bob@example.com, cy@example.com and 997 more', companies: 'Contoso', roles: 'Customer',
    expires: 'never', workflow: '-', language: 'en', decision: 'waiting for an approver', decided: '', error: '', canDecide: true,
  },
  inviteForm: {
    title: 'Invite', error: 'x', group: false, verb: 'invite.submit', submitTitle: 'Send', requestKey: 'nonce',
    values: { name: '', email: 'a@example.com', firstName: '', lastName: '', contacts: '', maxRedemptions: 1, company: '', roles: 'r1', inviter: '', redirectUrl: '', expires: '30d', workflow: '', locale: 'en' },
    roleChoices: [{ title: 'Customer', value: 'r1' }], workflowChoices: [{ title: 'None', value: '' }],
  },
  inviteManyForm: {
    error: 'x', maxContacts: '1,000', values: { contacts: 'ada@example.com', company: '', roles: 'r1', expires: '30d', workflow: '', locale: 'en' },
    roleChoices: [{ title: 'Customer', value: 'r1' }], workflowChoices: [{ title: 'None', value: '' }],
  },
  inviteManyPreview: {
    key: 'k1', count: '2', knownContacts: '1', newContactCount: 1, newContactTotal: '1', newCompanies: 'Contoso', roles: 'Customer', expires: 'never', approval: 'not required',
    newContacts: [{ text: 'Line 1: Ada <ada@example.com>' }], moreNewContacts: 'and 3 more new contacts',
    rejectedCount: 1, rejected: [{ text: 'Line 2: has no e-mail address' }], moreRejected: '', confirmTitle: 'Confirm: invite 2',
  },
};

/** Parses a card with the Adaptive Cards SDK and returns what it complained about. */
function sdkComplaints(json: unknown): string[] {
  const context = new AdaptiveCards.SerializationContext();
  new AdaptiveCards.AdaptiveCard().parse(json, context);
  return Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
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
    it(`${name}: is full width in Teams and has a fallback text for notifications and old clients`, () => {
      const card = expandCard(name, SAMPLES[name]);
      assert.deepEqual((card.msteams as { width?: string }).width, 'Full');
      assert.equal(typeof card.fallbackText, 'string');
      assert.notEqual((card.fallbackText as string).trim(), '');
    });
  }

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

  it('the check notices an element the SDK does not know', () => {
    assert.notDeepEqual(sdkComplaints({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlok', text: 'x' }] }), []);
  });
});
