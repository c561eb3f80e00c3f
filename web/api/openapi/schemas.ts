import { API_ROLES } from '../../../src/domain/apiClient.ts';
import { LOCALES, STATUSES } from '../../../src/domain/invitation.ts';
import { DELIVERY_STATUSES, WEBHOOK_EVENT_TYPES } from '../../../src/domain/webhook.ts';

/** JSON Schema (2020-12, as OpenAPI 3.1 has it) of what the API reads and answers. */
export type Schema = Record<string, unknown>;

export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const nullable = (schema: Schema): Schema => ({ ...schema, type: [schema.type as string, 'null'] });
const text = (maxLength = 200): Schema => ({ type: 'string', maxLength });
const id: Schema = { type: 'string', minLength: 1, maxLength: 200 };
const time: Schema = { type: 'string', format: 'date-time' };
const named: Schema = { type: 'object', required: ['id', 'name'], properties: { id, name: { type: 'string' } } };
const object = (required: string[], properties: Record<string, Schema>, extra: Schema = {}): Schema =>
  ({ type: 'object', required, properties, additionalProperties: false, ...extra });
/** Answers may grow fields: clients must ignore what they do not know. */
const answer = (required: string[], properties: Record<string, Schema>): Schema => ({ type: 'object', required, properties });

/** A page of items, newest first: `next` is the cursor of the following page (`after`), null on the last. */
export const pageOf = (item: Schema): Schema => answer(['items', 'next'], { items: { type: 'array', items: item }, next: { type: ['string', 'null'] } });

const invitationFields: Record<string, Schema> = {
  id, name: { type: 'string' }, type: { enum: ['single', 'group'] },
  ownerId: nullable(text()), expiresAt: nullable(time), inviterContactId: nullable(text()), assignToAccountId: nullable(text()),
  workflow: nullable(text()), webRoleIds: { type: 'array', items: { type: 'string' } },
  maxRedemptions: { type: 'integer', minimum: 1 }, remaining: { type: 'integer', minimum: 0 }, invitedCount: { type: 'integer', minimum: 0 },
  locale: { enum: [...LOCALES] }, redirectUrl: nullable(text(2048)),
  lifecycle: { enum: ['draft', 'pending-approval', 'rejected', 'sent', 'revoked'] },
  decidedBy: nullable(text()), decisionReason: nullable(text(500)), createdBy: { type: 'string' },
  batchId: { type: 'string', description: 'The list (invite many) the invitation was made in; absent when made on its own.' },
  createdAt: time, updatedAt: time,
  version: { type: 'integer', minimum: 1, description: 'Bumped by every change; the ETag is `"v<version>"`.' },
  status: { enum: [...STATUSES], description: 'Derived from the lifecycle, the redemptions left, the expiry and the time.' },
  redemptions: { type: 'integer', minimum: 0 },
  sendAt: { ...time, description: 'A draft the worker sends at this time; absent otherwise.' },
  reminderDays: { type: 'integer', minimum: 1, description: 'Days before the expiry that an unredeemed invitation is reminded of; absent: no reminder.' },
};
const OPTIONAL_FIELDS = ['batchId', 'sendAt', 'reminderDays'];
const invitationRequired = Object.keys(invitationFields).filter((key) => !OPTIONAL_FIELDS.includes(key));

export const SCHEMAS: Record<string, Schema> = {
  Problem: {
    type: 'object',
    description: 'RFC 9457 problem details. `code` is stable: switch on it.',
    required: ['type', 'title', 'status', 'code'],
    properties: {
      type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer', minimum: 400, maximum: 599 },
      detail: { type: 'string' }, instance: { type: 'string' }, code: { type: 'string', pattern: '^[a-z_]+$' },
      errors: { type: 'array', description: 'For `invalid_input`: each field and what is wrong with it.', items: answer(['field', 'message'], { field: { type: 'string' }, message: { type: 'string' } }) },
    },
  },
  Named: named,
  InvitationSummary: answer(invitationRequired, invitationFields),
  Invitation: answer([...invitationRequired, 'code', 'account', 'webRoles', 'inviter', 'owner', 'creator', 'decider', 'invitedContacts', 'moreInvitedContacts', 'redeemedBy', 'resets'], {
    ...invitationFields,
    code: { type: 'string', description: 'Masked (`7KQM-****-****-4WPC`) unless asked for in full by a client that may invite; in full when just created.' },
    account: { oneOf: [ref('Named'), { type: 'null' }] },
    webRoles: { type: 'array', items: ref('Named') },
    inviter: { oneOf: [ref('Named'), { type: 'null' }] },
    owner: { oneOf: [ref('Named'), { type: 'null' }] },
    creator: ref('Named'),
    decider: { oneOf: [ref('Named'), { type: 'null' }] },
    invitedContacts: { type: 'array', items: answer(['id', 'name', 'email'], { id, name: { type: 'string' }, email: { type: ['string', 'null'] } }) },
    moreInvitedContacts: { type: 'integer', minimum: 0, description: 'Invited contacts beyond the first 50 listed.' },
    redeemedBy: { type: 'array', items: answer(['contactId', 'name', 'at'], { contactId: id, name: { type: 'string' }, at: time }) },
    resets: { type: 'array', items: answer(['contactId', 'name', 'at', 'actor', 'reason'], { contactId: id, name: { type: 'string' }, at: time, actor: { type: 'string' }, reason: { type: ['string', 'null'] } }) },
  }),
  NewInvitation: object(['type'], {
    type: { enum: ['single', 'group'], description: 'A group invitation waits for an approver (every invitation with APPROVAL_REQUIRED=all), unless an Admin client skips approval.' },
    contacts: { type: 'array', maxItems: 1000, items: { type: 'string', minLength: 1, maxLength: 254 }, description: 'Existing contacts by id or primary e-mail.' },
    people: {
      type: 'array', maxItems: 1000, description: 'People by e-mail: the contact with that primary e-mail, or a new one with these names.',
      items: object(['email'], { email: { type: 'string', maxLength: 254 }, firstName: text(100), lastName: text(100) }),
    },
    maxRedemptions: { type: 'integer', minimum: 1, maximum: 1_000_000, description: 'Required for a group.' },
    name: text(),
    company: { ...text(), description: 'The account by name; created when missing.' },
    account: { ...text(), description: 'The account by id or name; must exist.' },
    roles: { type: 'array', maxItems: 50, items: text(), description: 'Web roles by id or name.' },
    expires: { type: ['string', 'null'], maxLength: 40, description: 'A date (2026-12-31), date-time with zone, duration (12h, 7d, 2w) or "never"; null: never; absent: INVITATION_EXPIRY.' },
    workflow: text(100),
    locale: { enum: [...LOCALES] },
    redirectUrl: { type: 'string', maxLength: 2048 },
    skipApproval: { type: 'boolean', description: 'Admin only: send at once although the approval rule says wait (audited).' },
    draft: { type: 'boolean', description: 'Keep it as a draft: no mail until `send` (or `sendAt`); the approval rule applies when it goes.' },
    sendAt: { type: 'string', maxLength: 40, description: 'A draft the worker sends at this time: a date-time with zone, a date (its start, UTC) or a duration from now (2h, 3d).' },
    reminderDays: { type: ['integer', 'null'], minimum: 0, maximum: 365, description: 'Days before the expiry to remind an unredeemed invitation; 0 or null: none; absent: REMINDER_DAYS.' },
  }),
  Send: object([], { skipApproval: { type: 'boolean', description: 'Admin only: send although the approval rule says wait (audited).' } }),
  InvitationBatchRequest: object(['text'], {
    text: { type: 'string', minLength: 1, maxLength: 2_000_000, description: 'Contacts one per line (`ada@example.com`, `Ada Lovelace <ada@example.com>`) or a CSV with a header row; at most 1,000.' },
    company: text(), roles: { type: 'array', maxItems: 50, items: text() },
    expires: { type: ['string', 'null'], maxLength: 40 }, workflow: text(100), locale: { enum: [...LOCALES] }, redirectUrl: { type: 'string', maxLength: 2048 },
    dryRun: { type: 'boolean', description: 'Only say what would be done (nothing is written).' },
  }),
  InvitationBatchPreview: answer(['count', 'newContacts', 'knownContacts', 'newCompanies', 'rejected', 'requiresApproval', 'expiresAt'], {
    count: { type: 'integer' },
    newContacts: { type: 'array', items: answer(['line', 'email', 'name', 'company'], { line: { type: 'integer' }, email: { type: 'string' }, name: { type: 'string' }, company: { type: 'string' } }) },
    knownContacts: { type: 'integer' }, newCompanies: { type: 'array', items: { type: 'string' } },
    rejected: { type: 'array', items: answer(['line', 'reason'], { line: { type: 'integer' }, reason: { type: 'string' } }) },
    requiresApproval: { type: 'boolean' }, expiresAt: { type: ['string', 'null'], format: 'date-time' },
  }),
  InvitationBatch: answer(['batchId', 'invited', 'requiresApproval', 'rejected'], {
    batchId: id, invited: { type: 'integer' }, requiresApproval: { type: 'boolean' },
    rejected: { type: 'array', items: answer(['line', 'reason'], { line: { type: 'integer' }, reason: { type: 'string' } }) },
  }),
  BatchDecision: answer(['batchId', 'decided', 'approved'], { batchId: id, decided: { type: 'integer' }, approved: { type: 'boolean' } }),
  Revoke: object([], { reason: text(500) }),
  Extend: object(['expires'], { expires: { type: ['string', 'null'], minLength: 1, maxLength: 40, description: 'The new expiry as for a new invitation; null or "never": none.' } }),
  Reject: object(['reason'], { reason: { type: 'string', minLength: 1, maxLength: 500 } }),
  ResetRedemption: object(['contact'], {
    contact: { type: 'string', minLength: 1, maxLength: 254, description: 'The contact by id or primary e-mail.' },
    reissue: { type: 'boolean', description: 'A single invitation gets a new code and its mail goes again.' },
    reason: text(500),
  }),
  Activity: answer(['id', 'invitationId', 'contactId', 'at', 'kind'], {
    id, invitationId: id, contactId: id, at: time,
    kind: { enum: ['redemption', 'redemption-reset'] },
    accountId: { type: ['string', 'null'] }, webRoleIds: { type: 'array', items: { type: 'string' } },
    ip: { type: ['string', 'null'] }, userAgent: { type: ['string', 'null'] }, workflow: { type: ['string', 'null'] },
    actor: { type: 'string' }, reason: { type: ['string', 'null'] }, reissued: { type: 'boolean' },
  }),
  ApiRole: { enum: [...API_ROLES] },
  Contact: answer(['id', 'firstName', 'lastName', 'primaryEmail', 'secondaryEmail', 'alternateEmail', 'parentAccountId', 'webRoleIds', 'createdAt'], {
    id, firstName: { type: 'string' }, lastName: { type: 'string' },
    primaryEmail: { type: ['string', 'null'], description: 'Invitations are mailed only here.' }, secondaryEmail: { type: ['string', 'null'] }, alternateEmail: { type: ['string', 'null'] },
    parentAccountId: { type: ['string', 'null'] }, webRoleIds: { type: 'array', items: { type: 'string' } }, createdAt: time,
  }),
  ContactProfile: answer(['contact', 'account', 'webRoles', 'identities', 'localAccount', 'emailVerifiedAt', 'redemptions'], {
    contact: ref('Contact'),
    account: { oneOf: [ref('Named'), { type: 'null' }] },
    webRoles: { type: 'array', items: ref('Named') },
    identities: {
      type: 'array', description: 'Sign-ins linked to the contact, each with the invitation whose code alone vouched for it, if any.',
      items: answer(['issuer', 'subject', 'viaInvitation'], { issuer: { type: 'string' }, subject: { type: 'string' }, linkedAt: time, proof: { type: 'string' }, viaInvitation: { oneOf: [ref('Named'), { type: 'null' }] } }),
    },
    localAccount: { oneOf: [answer(['email', 'viaInvitation'], { email: { type: 'string' }, viaInvitation: { oneOf: [ref('Named'), { type: 'null' }] } }), { type: 'null' }] },
    emailVerifiedAt: { type: ['string', 'null'], format: 'date-time' },
    redemptions: { type: 'array', items: answer(['invitationId', 'name', 'at'], { invitationId: id, name: { type: 'string' }, at: time }) },
  }),
  NewContact: object([], {
    firstName: text(100), lastName: text(100), primaryEmail: { type: 'string', maxLength: 254 }, secondaryEmail: { type: 'string', maxLength: 254 },
    alternateEmail: { type: 'string', maxLength: 254 }, account: { ...text(), description: 'The parent account by id or name; must exist.' },
  }, { minProperties: 1 }),
  ContactImport: object(['contacts'], { contacts: { type: 'array', minItems: 1, maxItems: 10_000, items: ref('NewContact') } }),
  ContactImportResult: answer(['added', 'skipped'], {
    added: { type: 'integer' },
    skipped: { type: 'array', items: answer(['row', 'email', 'reason'], { row: { type: 'integer' }, email: { type: 'string' }, reason: { type: 'string' } }) },
  }),
  ContactChange: object([], {
    firstName: text(100), lastName: text(100),
    primaryEmail: { type: ['string', 'null'], maxLength: 254, description: 'A new address is unproven until the contact confirms it.' },
    secondaryEmail: { type: ['string', 'null'], maxLength: 254 }, alternateEmail: { type: ['string', 'null'], maxLength: 254 },
  }, { minProperties: 1 }),
  RoleGrant: object(['role'], { role: { ...text(), minLength: 1, description: 'The web role by id or name.' } }),
  AccountChoice: object(['account'], { account: { ...text(), minLength: 1, description: 'The account by id or name.' } }),
  NamedRecord: answer(['id', 'name', 'createdAt'], { id, name: { type: 'string' }, createdAt: time }),
  Name: object(['name'], { name: { type: 'string', minLength: 1, maxLength: 200 } }),
  Job: answer(['id', 'kind', 'subjectId', 'state', 'attempts', 'runAt', 'lastError', 'createdAt', 'updatedAt'], {
    id, kind: { type: 'string' }, subjectId: { type: ['string', 'null'] }, state: { enum: ['queued', 'running', 'done', 'dead'] },
    attempts: { type: 'integer', minimum: 0 }, runAt: time, lastError: { type: ['string', 'null'] }, createdAt: time, updatedAt: time,
  }),
  Workflow: answer(['id', 'name', 'url', 'createdAt'], { id, name: { type: 'string' }, url: { type: 'string' }, createdAt: time }),
  NewWorkflow: object(['name', 'url'], { name: text(50), url: { type: 'string', maxLength: 2048 } }),
  CreatedWorkflow: answer(['id', 'name', 'url', 'createdAt', 'secret'], {
    id, name: { type: 'string' }, url: { type: 'string' }, createdAt: time,
    secret: { type: 'string', description: 'The key of the webhook signature; shown this once.' },
  }),
  WebhookEventType: { enum: [...WEBHOOK_EVENT_TYPES] },
  Webhook: answer(['id', 'url', 'events', 'enabled', 'createdBy', 'createdAt'], {
    id, url: { type: 'string' }, events: { type: 'array', items: ref('WebhookEventType'), description: 'Empty: every event type.' },
    enabled: { type: 'boolean' }, createdBy: { type: 'string' }, createdAt: time,
  }),
  CreatedWebhook: answer(['id', 'url', 'events', 'enabled', 'createdBy', 'createdAt', 'secret'], {
    id, url: { type: 'string' }, events: { type: 'array', items: ref('WebhookEventType') }, enabled: { type: 'boolean' }, createdBy: { type: 'string' }, createdAt: time,
    secret: { type: 'string', description: 'The key of the signature on every delivery (X-InviteDesk-Signature); shown this once.' },
  }),
  NewWebhook: object(['url'], {
    url: { type: 'string', minLength: 1, maxLength: 2000, description: 'An https URL on a public host.' },
    events: { type: 'array', maxItems: WEBHOOK_EVENT_TYPES.length, items: ref('WebhookEventType'), description: 'The event types wanted; empty or absent: every type.' },
  }),
  WebhookChange: object(['enabled'], { enabled: { type: 'boolean', description: 'false: no deliveries (events meanwhile are not kept) until true again.' } }),
  WebhookDelivery: answer(['id', 'subscriptionId', 'eventId', 'eventType', 'event', 'status', 'attempts', 'lastResponseCode', 'lastError', 'lastAttemptAt', 'createdAt', 'updatedAt'], {
    id, subscriptionId: id, eventId: id, eventType: ref('WebhookEventType'),
    event: { type: 'object', description: 'The event as delivered (see docs/webhooks.md).' },
    status: { enum: [...DELIVERY_STATUSES] }, attempts: { type: 'integer', minimum: 0 },
    lastResponseCode: { type: ['integer', 'null'] }, lastError: { type: ['string', 'null'] }, lastAttemptAt: { type: ['string', 'null'], format: 'date-time' },
    createdAt: time, updatedAt: time,
  }),
  AuditEvent: answer(['id', 'at', 'actor', 'actorName', 'action', 'subjectId', 'detail'], {
    id, at: time, actor: { type: 'string', description: 'A staff member\'s object id, api:<client>, cli or system.' }, actorName: { type: 'string' },
    action: { type: 'string' }, subjectId: { type: 'string' }, detail: { type: 'object', description: 'What happened; a change keeps `changes` (each field before and after).' },
  }),
  Stats: answer(['since', 'until', 'weeks', 'redemptionRate', 'sentInRange', 'redeemedOfSent', 'medianTimeToRedeemMs', 'topInviters'], {
    since: time, until: time,
    weeks: {
      type: 'array', description: 'Oldest first; a week starts on Monday 00:00 UTC.',
      items: answer(['start', 'sent', 'redeemed', 'expired', 'revoked'], { start: time, sent: { type: 'integer' }, redeemed: { type: 'integer' }, expired: { type: 'integer' }, revoked: { type: 'integer' } }),
    },
    redemptionRate: { type: ['number', 'null'], minimum: 0, maximum: 1, description: 'Of the invitations sent in the range, the share redeemed at least once; null when none was sent.' },
    sentInRange: { type: 'integer' }, redeemedOfSent: { type: 'integer' },
    medianTimeToRedeemMs: { type: ['number', 'null'], description: 'From creation to redemption, over the redemptions in the range.' },
    topInviters: { type: 'array', items: answer(['actor', 'name', 'count'], { actor: { type: 'string' }, name: { type: 'string' }, count: { type: 'integer' } }) },
  }),
  StaffMember: answer(['id', 'displayName', 'roles', 'createdAt'], {
    id, displayName: { type: 'string' }, roles: { type: 'array', items: { enum: ['admin', 'inviter', 'approver', 'viewer'] } },
    createdAt: time, email: { type: 'string' },
  }),
  StaffChange: object(['displayName', 'roles'], {
    displayName: text(), roles: { type: 'array', minItems: 1, maxItems: 4, items: { enum: ['admin', 'inviter', 'approver', 'viewer'] } },
    email: { type: 'string', maxLength: 254, description: 'Where notices go by mail when Teams cannot reach them; "" for none; absent: kept.' },
  }),
};
