import { API_ROLES } from '../../../src/domain/apiClient.ts';
import { STATUSES } from '../../../src/domain/invitation.ts';
import { pageOf, ref, SCHEMAS, type Schema } from './schemas.ts';

/**
 * The API's OpenAPI 3.1 document: written once, served at /api/v1/openapi.json, and read by the
 * router (one route per operation, its handler by `operationId`), by the request validation and
 * by the tests, which check every answer against it. A new operation is one entry here and one
 * handler in `handlers/`.
 */
type Parameter = { name: string; in: 'path' | 'query' | 'header'; required?: boolean; description?: string; schema: Schema };
export type Operation = {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters?: Parameter[];
  requestBody?: { required: boolean; content: { 'application/json': { schema: Schema } } };
  responses: Record<string, unknown>;
};
export type OpenApiDocument = {
  openapi: '3.1.0';
  info: Record<string, unknown>;
  servers: { url: string }[];
  security: Record<string, string[]>[];
  tags: { name: string; description: string }[];
  paths: Record<string, Partial<Record<'get' | 'post' | 'put' | 'patch' | 'delete', Operation>>>;
  components: { schemas: Record<string, Schema>; responses: Record<string, unknown>; parameters: Record<string, Parameter>; securitySchemes: Record<string, unknown> };
};

const problem = { description: 'A problem (RFC 9457)', content: { 'application/problem+json': { schema: ref('Problem') } } };
const json = (description: string, schema: Schema, headers: Record<string, unknown> = {}) =>
  ({ description, ...(Object.keys(headers).length ? { headers } : {}), content: { 'application/json': { schema } } });
const etag = { ETag: { description: 'The invitation\'s version, for If-Match', schema: { type: 'string' } } };
const contactTagHeader = { ETag: { description: 'The contact\'s version (its names, e-mails, account and web roles), for If-Match', schema: { type: 'string' } } };
const body = (name: string) => ({ required: true, content: { 'application/json': { schema: ref(name) } } }) as const;
const param = (name: string): Parameter => ({ $ref: `#/components/parameters/${name}` } as unknown as Parameter);
const errors = { default: { $ref: '#/components/responses/Problem' } };
const reference: Parameter = {
  name: 'invitation', in: 'path', required: true, schema: { type: 'string', minLength: 1, maxLength: 254 },
  description: 'The invitation\'s id, its code (any spelling), or an invited contact\'s e-mail (the newest invitation to them).',
};
const idParam = (name: string, description: string): Parameter => ({ name, in: 'path', required: true, description, schema: { type: 'string', minLength: 1, maxLength: 200 } });
const page = [param('limit'), param('after')];

/** An action on one invitation: POST …/{invitation}/<verb>, answered with the invitation as it is now. */
const invitationAction = (operationId: string, summary: string, description: string, request?: string): Operation => ({
  operationId, summary, description, tags: ['Invitations'],
  parameters: [reference, param('IdempotencyKey'), param('IfMatch')],
  ...(request ? { requestBody: body(request) } : {}),
  responses: { 200: json('The invitation after the change', ref('Invitation'), etag), ...errors },
});


const contactParam = idParam('contact', 'The contact\'s id or primary e-mail');
/** The operations of accounts or web roles: list, add, rename, remove when unused. */
function namedRecords(path: string, plural: string, singular: string, key: string, prefix: string): OpenApiDocument['paths'] {
  const tags = ['Accounts and web roles'];
  const which = idParam(key, `The ${singular}'s id or name`);
  const article = /^[aeiou]/.test(singular) ? 'an' : 'a';
  return {
    [path]: {
      get: { operationId: `list${prefix}s`, summary: `List ${plural}, newest first`, tags, parameters: page, responses: { 200: json(`A page of ${plural}`, pageOf(ref('NamedRecord'))), ...errors } },
      post: {
        operationId: `create${prefix}`, summary: `Add ${article} ${singular}`, tags, description: 'Directory.ReadWrite.',
        parameters: [param('IdempotencyKey')], requestBody: body('Name'), responses: { 201: json('Added', ref('NamedRecord')), ...errors },
      },
    },
    [`${path}/{${key}}`]: {
      get: { operationId: `get${prefix}`, summary: `One ${singular}`, tags, parameters: [which], responses: { 200: json('Found', ref('NamedRecord')), ...errors } },
      patch: {
        operationId: `rename${prefix}`, summary: `Rename ${article} ${singular}`, tags, description: 'Directory.ReadWrite.',
        parameters: [which], requestBody: body('Name'), responses: { 200: json('Renamed', ref('NamedRecord')), ...errors },
      },
      delete: {
        operationId: `remove${prefix}`, summary: `Remove ${article} ${singular} nothing uses`, tags,
        description: 'Directory.ReadWrite. 409 while a contact holds it or an invitation gives it.',
        parameters: [which], responses: { 204: { description: 'Removed' }, ...errors },
      },
    },
  };
}

const webhookParam = idParam('webhook', 'The subscription\'s id');
const WEBHOOK_PATHS: OpenApiDocument['paths'] = {
  '/webhooks': {
    get: {
      operationId: 'listWebhooks', summary: 'List webhook subscriptions (without their secrets)', tags: ['Webhooks'], description: 'Admin.',
      responses: { 200: json('The subscriptions', { type: 'object', required: ['items'], properties: { items: { type: 'array', items: ref('Webhook') } } }), ...errors },
    },
    post: {
      operationId: 'createWebhook', summary: 'Subscribe a URL to invitation events; its signing secret is answered this once', tags: ['Webhooks'], description: 'Admin.',
      parameters: [param('IdempotencyKey')], requestBody: body('NewWebhook'),
      responses: { 201: json('The subscription, with its secret', ref('CreatedWebhook'), { Location: { schema: { type: 'string' } } }), ...errors },
    },
  },
  '/webhooks/{webhook}': {
    get: { operationId: 'getWebhook', summary: 'One webhook subscription', tags: ['Webhooks'], description: 'Admin.', parameters: [webhookParam], responses: { 200: json('Found', ref('Webhook')), ...errors } },
    patch: {
      operationId: 'updateWebhook', summary: 'Enable or disable a subscription', tags: ['Webhooks'], description: 'Admin.',
      parameters: [webhookParam], requestBody: body('WebhookChange'), responses: { 200: json('The subscription now', ref('Webhook')), ...errors },
    },
    delete: {
      operationId: 'removeWebhook', summary: 'Remove a subscription (its delivery log stays)', tags: ['Webhooks'], description: 'Admin.',
      parameters: [webhookParam], responses: { 204: { description: 'Removed' }, ...errors },
    },
  },
  '/webhook-deliveries': {
    get: {
      operationId: 'listWebhookDeliveries', summary: 'The delivery log, newest first', tags: ['Webhooks'], description: 'Admin.',
      parameters: [
        { name: 'webhook', in: 'query', description: 'Deliveries to this subscription.', schema: { type: 'string', minLength: 1, maxLength: 100 } },
        { name: 'event', in: 'query', description: 'Deliveries of this event id.', schema: { type: 'string', minLength: 1, maxLength: 100 } },
        { name: 'status', in: 'query', schema: { enum: ['pending', 'retrying', 'delivered', 'failed'] } },
        ...page,
      ],
      responses: { 200: json('A page of deliveries', pageOf(ref('WebhookDelivery'))), ...errors },
    },
  },
  '/webhook-deliveries/{delivery}/redeliver': {
    post: {
      operationId: 'redeliverWebhookDelivery', summary: 'Send a delivery again, with the same event and event id', tags: ['Webhooks'],
      description: 'Admin. 409 when its subscription is disabled or removed.',
      parameters: [idParam('delivery', 'The delivery\'s id'), param('IdempotencyKey')],
      responses: { 200: json('The delivery, pending', ref('WebhookDelivery')), ...errors },
    },
  },
};

const auditFilters: Parameter[] = [
  { name: 'actor', in: 'query', description: 'A staff member\'s object id, api:<client>, cli or system.', schema: { type: 'string', minLength: 1, maxLength: 200 } },
  { name: 'subject', in: 'query', description: 'A record\'s id, or a contact\'s primary e-mail.', schema: { type: 'string', minLength: 1, maxLength: 200 } },
  { name: 'action', in: 'query', description: 'Exact (contact.added) or a prefix ending in * (contact.*).', schema: { type: 'string', minLength: 1, maxLength: 100 } },
  { name: 'since', in: 'query', description: 'At or after this time.', schema: { type: 'string', format: 'date-time' } },
  { name: 'until', in: 'query', description: 'Before this time.', schema: { type: 'string', format: 'date-time' } },
];
/** The media types of an audit export, by `format`. */
export const AUDIT_EXPORT_TYPES = { csv: 'text/csv', jsonl: 'application/x-ndjson' } as const;
const AUDIT_PATHS: OpenApiDocument['paths'] = {
  '/audit-events': {
    get: {
      operationId: 'listAuditEvents', summary: 'The audit trail, newest first', tags: ['Audit'], description: 'Admin.',
      parameters: [...auditFilters, ...page],
      responses: { 200: json('A page of audit events', pageOf(ref('AuditEvent'))), ...errors },
    },
  },
  '/audit-events/export': {
    get: {
      operationId: 'exportAuditEvents', summary: 'Every audit event of a range, oldest first, as CSV or JSON Lines (streamed)', tags: ['Audit'],
      description: 'Admin. Streamed as it is read, for any range. CSV cells that a spreadsheet would read as a formula start with \'.',
      parameters: [{ name: 'format', in: 'query', required: true, schema: { enum: Object.keys(AUDIT_EXPORT_TYPES) } }, ...auditFilters],
      responses: {
        200: {
          description: 'The events: CSV with a header row (id,at,actor,actorName,action,subject,detail), or one AuditEvent JSON object per line',
          content: { [AUDIT_EXPORT_TYPES.csv]: { schema: { type: 'string' } }, [AUDIT_EXPORT_TYPES.jsonl]: { schema: { type: 'string' } } },
        },
        ...errors,
      },
    },
  },
};

export const API_BASE_PATH = '/api/v1';

export const OPENAPI: OpenApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Invite Desk API',
    version: '1.0.0',
    summary: 'Create and follow invitations, contacts and the directory from other systems.',
    description: 'The same use cases as the Teams bot and the admin CLI, with the same rules. Authenticate with a Microsoft Entra app-only token '
      + `(Authorization: Bearer) or an API key (X-API-Key); app roles: ${API_ROLES.join(', ')}. Errors are application/problem+json (RFC 9457). `
      + 'Every POST takes an Idempotency-Key; changes to an invitation take If-Match with its ETag. See docs/api.md.',
  },
  servers: [{ url: API_BASE_PATH }],
  security: [{ entra: [] }, { apiKey: [] }],
  tags: [
    { name: 'Invitations', description: 'Invitations: create, find, list, change, decide.' },
    { name: 'Invitation batches', description: 'Many single invitations at once (invite many).' },
    { name: 'Contacts', description: 'Customers: add, import, read with company, roles, sign-ins and redemptions, change by hand.' },
    { name: 'Accounts and web roles', description: 'Companies and portal roles: add, rename, remove when unused.' },
    { name: 'Jobs', description: 'The outbox: dead letters and sending them round again (Admin).' },
    { name: 'Workflows', description: 'Signed webhooks run when an invitation that names them is redeemed.' },
    { name: 'Staff', description: 'Who may use Invite Desk, with which role (Admin).' },
    { name: 'Webhooks', description: 'Subscriptions to invitation events, their delivery log and redeliveries (Admin).' },
    { name: 'Audit', description: 'Who did what: the audit trail, listed or exported (Admin).' },
    { name: 'Statistics', description: 'Invitations per week and what became of them.' },
  ],
  paths: {
    '/invitations': {
      get: {
        operationId: 'listInvitations', summary: 'List invitations, newest first', tags: ['Invitations'],
        parameters: [
          { name: 'status', in: 'query', schema: { enum: [...STATUSES] } },
          { name: 'contact', in: 'query', description: 'Invitations that invite this contact (id or primary e-mail).', schema: { type: 'string', minLength: 1, maxLength: 254 } },
          { name: 'account', in: 'query', description: 'Invitations that give this account (id or name).', schema: { type: 'string', minLength: 1, maxLength: 200 } },
          { name: 'createdFrom', in: 'query', description: 'Created at or after this time.', schema: { type: 'string', format: 'date-time' } },
          { name: 'createdBefore', in: 'query', description: 'Created before this time.', schema: { type: 'string', format: 'date-time' } },
          { name: 'search', in: 'query', description: 'The start of the name.', schema: { type: 'string', maxLength: 200 } },
          ...page,
        ],
        responses: { 200: json('A page of invitations', pageOf(ref('InvitationSummary'))), ...errors },
      },
      post: {
        operationId: 'createInvitation', summary: 'Invite one contact (single) or several (group)', tags: ['Invitations'],
        description: 'Invitations.ReadWrite. The answer carries the code in full, this once. A repeat with the same Idempotency-Key answers with the same invitation.',
        parameters: [param('IdempotencyKey')],
        requestBody: body('NewInvitation'),
        responses: {
          201: json('The new invitation, with its code in full', ref('Invitation'), { ...etag, Location: { schema: { type: 'string' } } }),
          ...errors,
        },
      },
    },
    '/invitations/{invitation}': {
      get: {
        operationId: 'getInvitation', summary: 'One invitation, by id, code or e-mail', tags: ['Invitations'],
        parameters: [reference, { name: 'revealCode', in: 'query', description: 'The code in full (Invitations.ReadWrite only).', schema: { type: 'boolean' } }],
        responses: { 200: json('The invitation', ref('Invitation'), etag), ...errors },
      },
    },
    '/invitations/{invitation}/activities': {
      get: {
        operationId: 'listInvitationActivities', summary: 'Redemptions of the invitation and their resets, newest first', tags: ['Invitations'],
        parameters: [reference, ...page],
        responses: { 200: json('A page of activities', pageOf(ref('Activity'))), ...errors },
      },
    },
    '/invitations/{invitation}/revoke': { post: invitationAction('revokeInvitation', 'Withdraw an invitation', 'Invitations.ReadWrite. Its code stops working.', 'Revoke') },
    '/invitations/{invitation}/extend': { post: invitationAction('extendInvitation', 'Give an invitation a new expiry', 'Invitations.ReadWrite. Expired invitations too.', 'Extend') },
    '/invitations/{invitation}/send': {
      post: {
        operationId: 'sendInvitation', summary: 'Send a draft now', tags: ['Invitations'],
        description: 'Invitations.ReadWrite. A draft (a scheduled one before its time too) goes out, or to its approvers when the approval rule says wait.',
        parameters: [reference, param('IdempotencyKey')], requestBody: { ...body('Send'), required: false },
        responses: { 200: json('The invitation after the change', ref('Invitation'), etag), ...errors },
      },
    },
    '/invitations/{invitation}/renew': {
      post: {
        operationId: 'renewInvitation', summary: 'Renew an expired invitation: a new expiry and its mail again, in one step', tags: ['Invitations'],
        description: 'Invitations.ReadWrite. Audited as one change (`invitation.renewed`).',
        parameters: [reference, param('IdempotencyKey')], requestBody: body('Extend'),
        responses: { 200: json('The invitation after the change', ref('Invitation'), etag), ...errors },
      },
    },
    '/invitations/{invitation}/resend': { post: invitationAction('resendInvitation', 'Mail an invitation again', 'Invitations.ReadWrite. Only a sent invitation that has not expired.') },
    '/invitations/{invitation}/reset-redemption': {
      post: invitationAction('resetRedemption', 'Give a contact\'s redemption back', 'Invitations.ReadWrite. The contact loses what the redemption gave (see docs/invitations.md).', 'ResetRedemption'),
    },
    '/invitations/{invitation}/approve': { post: invitationAction('approveInvitation', 'Approve an invitation that waits', 'Admin (an approver decides; never the client that asked).') },
    '/invitations/{invitation}/reject': { post: invitationAction('rejectInvitation', 'Reject an invitation that waits, saying why', 'Admin.', 'Reject') },
    '/invitation-batches': {
      post: {
        operationId: 'createInvitationBatch', summary: 'Invite many contacts, one single invitation each', tags: ['Invitation batches'],
        description: 'Invitations.ReadWrite. Lines that hold no contact are listed in `rejected`; with `dryRun` nothing is written.',
        parameters: [param('IdempotencyKey')],
        requestBody: body('InvitationBatchRequest'),
        responses: {
          200: json('What would be done (dryRun)', ref('InvitationBatchPreview')),
          201: json('The invitations were made', ref('InvitationBatch')),
          ...errors,
        },
      },
    },
    '/invitation-batches/{batch}/approve': {
      post: {
        operationId: 'approveInvitationBatch', summary: 'Approve every invitation of a waiting batch', tags: ['Invitation batches'], description: 'Admin.',
        parameters: [idParam('batch', 'The batch id'), param('IdempotencyKey')],
        responses: { 200: json('The decision', ref('BatchDecision')), ...errors },
      },
    },
    '/invitation-batches/{batch}/reject': {
      post: {
        operationId: 'rejectInvitationBatch', summary: 'Reject every invitation of a waiting batch', tags: ['Invitation batches'], description: 'Admin.',
        parameters: [idParam('batch', 'The batch id'), param('IdempotencyKey')],
        requestBody: body('Reject'),
        responses: { 200: json('The decision', ref('BatchDecision')), ...errors },
      },
    },
    '/contacts': {
      get: {
        operationId: 'listContacts', summary: 'List contacts, newest first', tags: ['Contacts'],
        parameters: [{ name: 'search', in: 'query', description: 'The start of a name or the primary e-mail.', schema: { type: 'string', maxLength: 200 } }, ...page],
        responses: { 200: json('A page of contacts', pageOf(ref('Contact'))), ...errors },
      },
      post: {
        operationId: 'createContact', summary: 'Add a contact', tags: ['Contacts'], description: 'Directory.ReadWrite. 409 when the primary e-mail is taken.',
        parameters: [param('IdempotencyKey')], requestBody: body('NewContact'),
        responses: { 201: json('The contact', ref('Contact'), { Location: { schema: { type: 'string' } } }), ...errors },
      },
    },
    '/contacts/import': {
      post: {
        operationId: 'importContacts', summary: 'Add many contacts at once', tags: ['Contacts'],
        description: 'Directory.ReadWrite. Every row is checked first: one bad row and nothing is added. Rows whose e-mail exists are skipped and listed.',
        parameters: [param('IdempotencyKey')], requestBody: body('ContactImport'),
        responses: { 200: json('What was added and skipped', ref('ContactImportResult')), ...errors },
      },
    },
    '/contacts/{contact}': {
      get: {
        operationId: 'getContact', summary: 'A contact with its company, web roles, sign-ins and redemptions', tags: ['Contacts'],
        parameters: [contactParam], responses: { 200: json('The contact', ref('ContactProfile'), contactTagHeader), ...errors },
      },
      patch: {
        operationId: 'updateContact', summary: 'Change a contact\'s names and e-mails', tags: ['Contacts'],
        description: 'Directory.ReadWrite. Audited with before and after. With `If-Match` (the contact\'s `ETag`), only while nobody changed the contact since (else 412).',
        parameters: [contactParam, param('IfMatch')], requestBody: body('ContactChange'), responses: { 200: json('The contact', ref('Contact'), contactTagHeader), ...errors },
      },
    },
    '/contacts/{contact}/web-roles': {
      post: {
        operationId: 'addContactWebRole', summary: 'Give a contact a web role', tags: ['Contacts'], description: 'Directory.ReadWrite. Given by staff: a reset of a redemption does not take it.',
        parameters: [contactParam, param('IdempotencyKey')], requestBody: body('RoleGrant'), responses: { 200: json('The contact', ref('Contact')), ...errors },
      },
    },
    '/contacts/{contact}/web-roles/{role}': {
      delete: {
        operationId: 'removeContactWebRole', summary: 'Take a web role away from a contact', tags: ['Contacts'], description: 'Directory.ReadWrite.',
        parameters: [contactParam, idParam('role', 'The web role\'s id or name')], responses: { 200: json('The contact', ref('Contact')), ...errors },
      },
    },
    '/contacts/{contact}/account': {
      put: {
        operationId: 'setContactAccount', summary: 'Set a contact\'s parent account (company)', tags: ['Contacts'], description: 'Directory.ReadWrite.',
        parameters: [contactParam], requestBody: body('AccountChoice'), responses: { 200: json('The contact', ref('Contact')), ...errors },
      },
      delete: {
        operationId: 'removeContactAccount', summary: 'Take a contact\'s parent account away', tags: ['Contacts'], description: 'Directory.ReadWrite.',
        parameters: [contactParam], responses: { 200: json('The contact', ref('Contact')), ...errors },
      },
    },
    ...namedRecords('/accounts', 'accounts', 'account', 'account', 'Account'),
    ...namedRecords('/web-roles', 'web roles', 'web role', 'webRole', 'WebRole'),
    '/jobs': {
      get: {
        operationId: 'listJobs', summary: 'List jobs, newest first (state=dead: the dead letters)', tags: ['Jobs'], description: 'Admin.',
        parameters: [
          { name: 'state', in: 'query', schema: { enum: ['queued', 'running', 'done', 'dead'] } },
          { name: 'kind', in: 'query', schema: { type: 'string', maxLength: 100 } },
          { name: 'subject', in: 'query', description: 'Jobs about this record (an invitation id).', schema: { type: 'string', maxLength: 200 } },
          ...page,
        ],
        responses: { 200: json('A page of jobs', pageOf(ref('Job'))), ...errors },
      },
    },
    '/jobs/{job}/retry': {
      post: {
        operationId: 'retryJob', summary: 'Send a dead job round again', tags: ['Jobs'], description: 'Admin. Only a dead job.',
        parameters: [idParam('job', 'The job id'), param('IdempotencyKey')],
        responses: { 200: json('The job, queued', ref('Job')), ...errors },
      },
    },
    '/workflows': {
      get: {
        operationId: 'listWorkflows', summary: 'List workflows (without their secrets)', tags: ['Workflows'], description: 'Invitations.ReadWrite.',
        responses: { 200: json('The workflows', { type: 'object', required: ['items'], properties: { items: { type: 'array', items: ref('Workflow') } } }), ...errors },
      },
      post: {
        operationId: 'createWorkflow', summary: 'Add a workflow; its signing secret is answered this once', tags: ['Workflows'], description: 'Admin.',
        parameters: [param('IdempotencyKey')],
        requestBody: body('NewWorkflow'),
        responses: { 201: json('The workflow, with its secret', ref('CreatedWorkflow')), ...errors },
      },
    },
    '/workflows/{workflow}': {
      delete: {
        operationId: 'removeWorkflow', summary: 'Remove a workflow', tags: ['Workflows'], description: 'Admin.',
        parameters: [idParam('workflow', 'The workflow\'s name')],
        responses: { 204: { description: 'Removed' }, ...errors },
      },
    },
    '/staff': {
      get: {
        operationId: 'listStaff', summary: 'List staff members', tags: ['Staff'], description: 'Admin.',
        parameters: page,
        responses: { 200: json('A page of staff members', pageOf(ref('StaffMember'))), ...errors },
      },
    },
    '/staff/{member}': {
      put: {
        operationId: 'saveStaffMember', summary: 'Add a staff member, or change their name, roles and e-mail', tags: ['Staff'], description: 'Admin.',
        parameters: [idParam('member', 'The member\'s Entra object id')],
        requestBody: body('StaffChange'),
        responses: { 200: json('The staff member', ref('StaffMember')), ...errors },
      },
      delete: {
        operationId: 'removeStaffMember', summary: 'Remove a staff member', tags: ['Staff'], description: 'Admin.',
        parameters: [idParam('member', 'The member\'s Entra object id')],
        responses: { 204: { description: 'Removed' }, ...errors },
      },
    },
    ...WEBHOOK_PATHS,
    ...AUDIT_PATHS,
    '/stats': {
      get: {
        operationId: 'getStats', summary: 'Invitations sent, redeemed, expired and revoked per week; redemption rate, median time to redeem, top inviters', tags: ['Statistics'],
        description: 'Invitations.Read.',
        parameters: [
          { name: 'weeks', in: 'query', description: 'How many weeks back, this one included (1-52, default 8).', schema: { type: 'integer', minimum: 1, maximum: 52 } },
          { name: 'top', in: 'query', description: 'How many top inviters (1-20, default 5).', schema: { type: 'integer', minimum: 1, maximum: 20 } },
        ],
        responses: { 200: json('The figures', ref('Stats')), ...errors },
      },
    },
  },
  components: {
    schemas: SCHEMAS,
    responses: { Problem: problem },
    parameters: {
      limit: { name: 'limit', in: 'query', description: 'Items per page (1-100, default 20).', schema: { type: 'integer', minimum: 1, maximum: 100 } },
      after: { name: 'after', in: 'query', description: 'The `next` cursor of the previous page.', schema: { type: 'string', minLength: 1, maxLength: 200 } },
      IdempotencyKey: {
        name: 'Idempotency-Key', in: 'header', description: 'Names this request: a repeat gets the first answer (for a day); another request with the key is refused (409).',
        schema: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[\\x20-\\x7e]+$' },
      },
      IfMatch: { name: 'If-Match', in: 'header', description: 'Change only if the ETag (of the invitation or contact) is still this one (else 412).', schema: { type: 'string', minLength: 1, maxLength: 100 } },
    },
    securitySchemes: {
      entra: {
        type: 'http', scheme: 'bearer', bearerFormat: 'JWT',
        description: `A Microsoft Entra app-only access token (client credentials) for the API's app registration, with app roles among ${API_ROLES.join(', ')}.`,
      },
      apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'An API key an admin created (`invite-desk apikeys create`).' },
    },
  },
};
