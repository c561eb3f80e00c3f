import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { CARD_NAMES, cardTemplate, expandCard } from '../../bot/cards/render.ts';
import { listCardData, statusCardData } from '../../bot/handlers/invitationCards.ts';
import type { InvitationDetails } from '../../src/services/queryInvitations.ts';

const require = createRequire(import.meta.url);
const AdaptiveCards = require('adaptivecards/dist/adaptivecards.js') as {
  AdaptiveCard: new () => { parse(json: unknown, context: unknown): void };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): { message: string; phase: number; event: number } };
};

const AT = new Date('2026-06-01T12:00:00Z');
export const SAMPLE_DETAILS: InvitationDetails = {
  id: 'i1', name: 'Spring partners', type: 'group', ownerId: 's1', expiresAt: new Date('2026-12-31T17:00:00Z'), inviterContactId: 'c9', assignToAccountId: 'a1',
  workflow: null, webRoleIds: ['r1'], maxRedemptions: 12, remaining: 5, invitedCount: 40, locale: 'en', redirectUrl: null, lifecycle: 'sent', decidedBy: null,
  decisionReason: null, createdBy: 'cli', createdAt: AT, updatedAt: AT, version: 1, status: 'sent', redemptions: 7, code: '••••-••••-••••-4WPC',
  account: { id: 'a1', name: 'Contoso Ltd' }, webRoles: [{ id: 'r1', name: 'Customer' }, { id: 'r2', name: 'Partner' }], inviter: { id: 'c9', name: 'Grace Hopper' },
  owner: { id: 's1', name: 'Ivy Inviter' }, creator: { id: 'cli', name: 'the admin CLI' },
  invitedContacts: [
    { id: 'c1', name: 'Ada Lovelace', email: 'ada.lovelace@example.com' }, { id: 'c2', name: 'Alan Turing', email: 'alan@example.com' },
    { id: 'c3', name: 'bob@example.com', email: 'bob@example.com' },
  ],
  moreInvitedContacts: 37,
  redeemedBy: Array.from({ length: 7 }, (_, i) => ({ contactId: `c${i + 1}`, name: `Redeemer number ${i + 1}`, at: new Date(AT.getTime() + i * 3_600_000) })),
  resets: [],
};

const SAMPLES: Record<(typeof CARD_NAMES)[number], object> = {
  help: { greeting: 'Hello', commands: [{ usage: 'help', description: 'What I can do' }], noAccess: 'x', objectId: 'y' },
  notice: { title: 'Done', text: 'All good', color: 'Good' },
  invitationStatus: statusCardData(SAMPLE_DETAILS, { queued: 1, running: 0, done: 2, dead: 1 }, { canChange: true, note: { text: 'Done', color: 'Good' } }),
  invitationList: listCardData([SAMPLE_DETAILS], new Map([['i1', { name: 'Ada Lovelace', email: 'ada@example.com' }]]), { status: 'sent', mine: true }, ['c1'], 'c2'),
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
