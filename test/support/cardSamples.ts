import type { CardName } from '../../bot/cards/render.ts';
import { auditCardData } from '../../bot/handlers/auditCards.ts';
import { listCardData, statusCardData } from '../../bot/handlers/invitationCards.ts';
import { statsCardData } from '../../bot/handlers/stats.ts';
import type { InvitationStats } from '../../src/domain/stats.ts';
import type { AuditEntry } from '../../src/services/audit.ts';
import type { InvitationDetails } from '../../src/services/queryInvitations.ts';
import { webhookListData } from '../../bot/handlers/webhooks.ts';
import { translator } from '../../bot/i18n/translate.ts';

const AT = new Date('2026-06-01T12:00:00Z');
export const SAMPLE_DETAILS: InvitationDetails = {
  id: 'i1', name: 'Spring partners', type: 'group', ownerId: 's1', expiresAt: new Date('2026-12-31T17:00:00Z'), inviterContactId: 'c9', assignToAccountId: 'a1',
  workflow: null, webRoleIds: ['r1'], maxRedemptions: 12, remaining: 5, invitedCount: 40, locale: 'en', redirectUrl: null, lifecycle: 'sent', decidedBy: null,
  decisionReason: null, createdBy: 'cli', createdAt: AT, updatedAt: AT, version: 1, status: 'sent', redemptions: 7, code: '••••-••••-••••-4WPC',
  account: { id: 'a1', name: 'Contoso Ltd' }, webRoles: [{ id: 'r1', name: 'Customer' }, { id: 'r2', name: 'Partner' }], inviter: { id: 'c9', name: 'Grace Hopper' },
  owner: { id: 's1', name: 'Ivy Inviter' }, creator: { id: 'cli', name: 'the admin CLI' }, decider: null,
  invitedContacts: [
    { id: 'c1', name: 'Ada Lovelace', email: 'ada.lovelace@example.com' }, { id: 'c2', name: 'Alan Turing', email: 'alan@example.com' },
    { id: 'c3', name: 'bob@example.com', email: 'bob@example.com' },
  ],
  moreInvitedContacts: 37,
  redeemedBy: ['Ada Lovelace', 'Alan Turing', 'Katherine Johnson', 'Edsger Dijkstra', 'Barbara Liskov', 'Donald Knuth', 'Frances Allen']
    .map((name, i) => ({ contactId: `c${i + 1}`, name, at: new Date(AT.getTime() + i * 3_600_000) })),
  redeemersNext: 'WzE3ODA1MDI0MDAwMDAsImM1Il0',
  resets: [],
  reminder: { state: 'planned', days: 3, at: new Date('2026-12-28T17:00:00Z') },
};

const SAMPLE_WEBHOOKS = [
  {
    id: '6f1c2d9e-0b7a-4c55-9a38-2d4e8f1b7c30', events: [], enabled: true, createdBy: 'cli', createdAt: AT,
    url: 'https://prod-00.westeurope.logic.azure.com:443/workflows/0123456789abcdef0123456789abcdef/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfG',
  },
  { id: '7a2d3e0f-1c8b-4d66-8b49-3e5f9a2c8d41', url: 'https://crm.example.com/hooks/invites', events: ['invitation.redeemed' as const, 'invitation.revoked' as const, 'invitation.mail_failed' as const], enabled: false, createdBy: 'cli', createdAt: AT },
];
const SAMPLE_SECRET = 'whsec_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG';
const WEEK = 7 * 24 * 3_600_000;
export const SAMPLE_STATS: InvitationStats = {
  since: new Date('2026-04-13T00:00:00Z'), until: new Date('2026-06-08T00:00:00Z'),
  weeks: Array.from({ length: 8 }, (_, i) => ({ start: new Date(Date.parse('2026-04-13T00:00:00Z') + i * WEEK), sent: 10 + i, redeemed: 6 + (i % 3), expired: i % 2, revoked: i === 5 ? 2 : 0 })),
  redemptionRate: 0.625, sentInRange: 96, redeemedOfSent: 60, medianTimeToRedeemMs: 36 * 3_600_000,
  topInviters: [{ actor: 's1', name: 'Ivy Inviter', count: 41 }, { actor: 's2', name: 'Abe Approver', count: 30 }, { actor: 'cli', name: 'the admin CLI', count: 25 }],
};

const SAMPLE_AUDIT: AuditEntry[] = [
  { id: 'e1', at: AT, actor: 's1', actorName: 'Ivy Inviter', action: 'staff.updated', subjectId: '00000000-0000-4000-8000-000000000002', detail: { changes: { roles: { before: ['viewer'], after: ['viewer', 'inviter'] } } } },
  { id: 'e2', at: AT, actor: 'cli', actorName: 'the admin CLI', action: 'contact.added', subjectId: 'c1', detail: { changes: { firstName: { before: null, after: 'Ada' }, primaryEmail: { before: null, after: 'ada@example.com' } } } },
  { id: 'e3', at: AT, actor: 'system', actorName: 'Invite Desk', action: 'invitation.created', subjectId: 'i1', detail: { type: 'group' } },
];
const SAMPLE_STAFF = [{ id: 's1', displayName: 'Ivy Inviter', roles: ['inviter' as const], createdAt: AT }, { id: 's2', displayName: 'Abe Approver', roles: ['approver' as const], createdAt: AT }];

/** Data for each card, as full as the bot makes it: for the SDK checks and the rendering in a browser. */
export const CARD_SAMPLES: Record<CardName, object> = {
  help: { greeting: 'Hello', commands: [{ usage: 'help', description: 'What I can do' }], noAccess: 'x', objectId: 'y' },
  notice: { title: 'Done', text: 'All good', color: 'Good' },
  invitationStatus: statusCardData(SAMPLE_DETAILS, { queued: 1, running: 0, done: 2, dead: 1 }, { canChange: true, note: { text: 'The mail for "Spring partners" is queued again.', color: 'Good' }, redeemers: { page: 1, cursors: ['WzE3ODA1MDI0MDAwMDAsImM1Il0'] } }),
  invitationList: listCardData([
    SAMPLE_DETAILS,
    { ...SAMPLE_DETAILS, id: 'i2', name: 'For Grace', type: 'single', invitedCount: 1, maxRedemptions: 1, redemptions: 0 },
    { ...SAMPLE_DETAILS, id: 'i3', name: 'Contoso onboarding, autumn intake of partner accountants', status: 'pending-approval', redemptions: 0 },
  ], new Map([['i1', { name: 'Ada Lovelace', email: 'ada@example.com' }], ['i2', { name: 'Grace Hopper', email: 'grace@example.com' }]]), { status: '', mine: true }, ['c1'], 'c2'),
  staffList: { members: [{ name: 'Ann', roles: 'admin', id: 'x' }], usage: 'staff add …' },
  apiKeys: {
    keys: Array.from({ length: 50 }, (_, i) => ({ name: `Customer relationship management sync ${i}`, roles: 'Invitations.Read, Invitations.ReadWrite, Directory.ReadWrite, Admin', prefix: 'idk_AbCdEf', state: '2026-06-01 12:00 UTC' })),
    usage: 'apikeys create <roles> <name> · apikeys revoke <id or prefix>', createdKey: `idk_${'A'.repeat(43)}`, createdName: 'CRM sync',
  },
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
    batchId: 'b1', count: '1,000', requester: 'Ivy', contacts: 'ada@example.com, bob@example.com, cy@example.com and 997 more', companies: 'Contoso', roles: 'Customer',
    expires: 'never', workflow: '-', language: 'en', decision: 'waiting for an approver', decided: '', error: '', canDecide: true,
  },
  inviteForm: {
    title: 'Invite', error: 'Expires: "next tuesday" is not a date (2026-12-31) or a time from now (7d, 2w).', group: false, verb: 'invite.submit', submitTitle: 'Send', requestKey: 'nonce',
    values: { name: '', email: 'a@example.com', firstName: '', lastName: '', contacts: '', maxRedemptions: 1, company: '', roles: 'r1', inviter: '', redirectUrl: '', expires: '30d', reminderDays: '3', draft: 'false', sendAt: '', workflow: '', locale: 'en' },
    roleChoices: [{ title: 'Customer', value: 'r1' }], workflowChoices: [{ title: 'None', value: '' }],
  },
  inviteManyForm: {
    error: 'Paste at least one line: an e-mail address, or a name and an address.', maxContacts: '1,000', values: { contacts: 'ada@example.com', company: '', roles: 'r1', expires: '30d', workflow: '', locale: 'en' },
    roleChoices: [{ title: 'Customer', value: 'r1' }], workflowChoices: [{ title: 'None', value: '' }],
  },
  webhookList: webhookListData(SAMPLE_WEBHOOKS, translator('en'), { notice: 'Added. Deliveries to https://crm.example.com/hooks/invites are signed with the secret below.', noticeColor: 'Good', secret: SAMPLE_SECRET, error: 'url: must be an https URL', values: { url: 'http://x', events: 'invitation.redeemed' } }),
  inviteManyPreview: {
    key: 'k1', count: '2', knownContacts: '1', newContactCount: 1, newContactTotal: '1', newCompanies: 'Contoso', roles: 'Customer', expires: 'never', approval: 'not required',
    newContacts: [{ text: 'Line 1: Ada <ada@example.com>' }], moreNewContacts: 'and 3 more new contacts',
    rejectedCount: 1, rejected: [{ text: 'Line 2: has no e-mail address' }], moreRejected: '', confirmTitle: 'Confirm: invite 2',
  },
  stats: statsCardData(SAMPLE_STATS),
  auditList: auditCardData({ items: SAMPLE_AUDIT, next: 'c2' }, SAMPLE_STAFF, { actor: 's1', subject: '' }, ['c1'], 'c2'),
};


/** The same cards for a Danish reader (bound with `expandCard(name, data, 'da')`): data the bot makes in Danish where it does, with long Danish words. */
export const DANISH_CARD_SAMPLES: Record<CardName, object> = {
  ...CARD_SAMPLES,
  help: {
    greeting: 'Hej Ivy Inviter. Skriv en af disse kommandoer:',
    commands: [{ usage: 'invite many (eller send en CSV-fil)', description: 'Inviter op til 1.000 kunder på én gang, én invitation hver, fra en indsat liste eller en CSV-fil' }],
    noAccess: 'Du er endnu ikke sat op til at bruge Invite Desk.', objectId: 'Giv dem dit Microsoft Entra-objekt-id: 00000000-0000-4000-8000-000000000000',
  },
  notice: { title: 'Indløsning nulstillet', text: 'Mailen til "Forårspartnere" er sat i kø igen til 40 kontakter.', color: 'Good' },
  invitationStatus: statusCardData(
    { ...SAMPLE_DETAILS, name: 'Forårets samarbejdspartnere' },
    { queued: 1, running: 0, done: 2, dead: 1 },
    { canChange: true, locale: 'da', note: { text: 'Mailen til "Forårets samarbejdspartnere" er sat i kø igen.', color: 'Good' } },
  ),
  invitationList: listCardData([
    { ...SAMPLE_DETAILS, name: 'Forårets samarbejdspartnere' },
    { ...SAMPLE_DETAILS, id: 'i3', name: 'Contoso-onboarding, efterårets hold af partnerrevisorer', status: 'pending-approval', redemptions: 0 },
  ], new Map([['i1', { name: 'Ada Lovelace', email: 'ada@example.com' }]]), { status: 'pending-approval', mine: true }, ['c1'], 'c2', 'da'),
  approval: { ...CARD_SAMPLES.approval, name: 'Forårets samarbejdspartnere', decision: 'afvist af Abe Approver: kontaktlisten mangler økonomiafdelingens revisorer', expires: 'aldrig' },
  batchApproval: { ...CARD_SAMPLES.batchApproval, decision: 'venter på en godkender', language: 'Dansk', expires: 'aldrig' },
  inviteManyForm: { ...CARD_SAMPLES.inviteManyForm, maxContacts: '1.000', workflowChoices: [{ title: 'Ingen', value: '' }] },
  inviteManyPreview: {
    ...CARD_SAMPLES.inviteManyPreview, count: '1.000', approval: 'påkrævet: én godkender afgør hele listen', expires: 'aldrig', confirmTitle: 'Send 1.000 til godkendelse',
    newContacts: [{ text: 'Linje 1: Ada <ada@example.com>' }], moreNewContacts: 'og 3 nye kontakter mere', rejected: [{ text: 'Linje 2: has no e-mail address' }],
  },
  apiKeys: { ...CARD_SAMPLES.apiKeys, usage: 'apikeys create <roller> <navn> · apikeys revoke <id eller præfiks> (roller: Invitations.Read, Invitations.ReadWrite, Directory.ReadWrite, Admin, kommasepareret)' },
  webhookList: webhookListData(SAMPLE_WEBHOOKS, translator('da'), { notice: 'Tilføjet. Leveringer til https://crm.example.com/hooks/invites signeres med hemmeligheden nedenfor.', noticeColor: 'Good', secret: SAMPLE_SECRET, error: 'url: must be an https URL', values: { url: 'http://x', events: '' } }),
  stats: statsCardData(SAMPLE_STATS, 'da'),
  auditList: auditCardData({ items: SAMPLE_AUDIT, next: 'c2' }, SAMPLE_STAFF, { actor: '', subject: 'ada@example.com' }, [], 'c2', 'da'),
  inviteForm: { ...CARD_SAMPLES.inviteForm, title: 'Inviter en kunde', submitTitle: 'Anmod om godkendelse', values: { ...(CARD_SAMPLES.inviteForm as { values: object }).values, locale: 'da' }, workflowChoices: [{ title: 'Ingen', value: '' }] },
};
