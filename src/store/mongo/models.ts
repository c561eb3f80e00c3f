import { Schema, type Connection, type Model } from 'mongoose';
import type { ApiKey } from '../../domain/apiClient.ts';
import type { Contact, Identity, LinkedIdentity } from '../../domain/contact.ts';
import type { Invitation } from '../../domain/invitation.ts';
import type { Job } from '../../domain/job.ts';
import type { CustomTemplate } from '../../domain/mailTemplate.ts';
import type { StaffRole } from '../../domain/staff.ts';
import type { WebhookDelivery, WebhookSubscription } from '../../domain/webhook.ts';

/*
 * Documents as stored. `_id` is always our own string id. Only what MongoDB, Atlas, Cosmos DB
 * and FerretDB 1.x all do is used: inserts and deletes against unique indexes, plain queries and
 * updates. No transactions, partial indexes, $expr or $elemMatch, no $pull by condition, no
 * findAndModify projections, and no reliance on a conditional update being atomic: FerretDB 1.x
 * evaluates an update's filter and writes the whole document back in two steps, so two writers
 * of one document can both "match" and one silently loses. findOneAndDelete is no better (every
 * concurrent caller may get the document); a delete's `deletedCount` is exact. An update that
 * breaks a unique index fails there with InternalError, not E11000 (inserts and upserts do say
 * E11000). Documents that are changed concurrently (invitations, contacts, jobs, rate slots,
 * rate counters) carry a `revision` and change through `cas.ts`.
 */

/** One string id for a tuple of ids, unambiguous whatever characters the ids hold. */
export function tupleId(...parts: (string | number)[]): string {
  return JSON.stringify(parts);
}

/** A contact as stored: the domain's fields (`_id` for `id`) and what only the store keeps. */
export type ContactDoc = Omit<Contact, 'id'> & {
  _id: string;
  /**
   * Carries the unique index for primary e-mails: the address, or `no-email:<id>` when there is
   * none (":" never occurs in a valid address). FerretDB accepts the `sparse` option and ignores
   * it, so a unique index on a nullable field would let only one contact go without an address.
   */
  emailKey: string;
  /** Redemptions of several invitations may change one contact at once: see cas.ts. */
  revision: number;
  /**
   * What staff gave (the account and roles a contact was stored with, less what staff took away
   * since). Absent on contacts stored before provenance was kept: see `resetRemovals`.
   */
  staffWebRoleIds?: string[];
  staffAccountId?: string | null;
  /** The latest resets applied to this contact and what each took away: a recovered reset applies once and reports the same. */
  resets?: AppliedReset[];
};

export type AppliedReset = { id: string; accountId: string | null; webRoleIds: string[] };

export type NamedDoc = { _id: string; name: string; nameKey: string; createdAt: Date };
export type StaffDoc = { _id: string; displayName: string; roles: StaffRole[]; createdAt: Date; email?: string | null };

/** A redemption, or (`kind: 'redemption-reset'`, with `detail`) a reset of one; see domain/activity.ts. */
export type ActivityDoc = {
  _id: string; invitationId: string; contactId: string; at: Date; ip: string | null; userAgent: string | null;
  accountId: string | null; webRoleIds: string[]; workflow: string | null;
  kind?: 'redemption-reset'; detail?: Record<string, unknown>;
};
export type AuditDoc = { _id: string; at: Date; actor: string; action: string; subjectId: string; detail: Record<string, unknown> };
export type JobDoc = Omit<Job, 'id'> & { _id: string; revision: number };

/** A redemption taken on the invitation, to be applied to the contact and recorded. */
type RedemptionEffect = { contactId: string; at: Date; accountId: string | null; webRoleIds: string[]; activity: ActivityDoc };

/**
 * A redemption given back on the invitation, to be undone on the contact and recorded. What it
 * unlinks is decided when it is taken; what it takes away is decided when it is applied.
 */
export type ResetEffect = {
  contactId: string;
  redemptionActivityId: string;
  /** What the invitation gives. */
  accountId: string | null;
  webRoleIds: string[];
  /** The identities and whether the local account bound through this invitation go. */
  identities: Identity[];
  localAccount: boolean;
  activity: { id: string; at: Date; actor: string; reason: string | null; reissued: boolean };
};

/**
 * What a write of the invitation causes elsewhere (redemption or its reset, audit event, jobs),
 * kept on the invitation in the same write and carried out after it: a crash in between leaves it
 * here for recovery instead of losing it. `id` is the activity's or the audit event's.
 */
export type PendingEffect = { id: string; redemption: RedemptionEffect | null; reset?: ResetEffect | null; audit: AuditDoc | null; jobs: JobDoc[] };

export type InvitationDoc = Omit<Invitation, 'id'> & {
  _id: string;
  /** Bumped by every write, internal ones included (`version` only by those the port counts). */
  revision: number;
  pending: PendingEffect[];
  /** `pending.length`, so that recovery finds invitations with effects through an index. */
  pendingCount: number;
};

/** Invited contacts live beside the invitation: a group may invite tens of thousands. `_id` is `tupleId(invitationId, contactId)`. */
export type InvitationContactDoc = { _id: string; invitationId: string; position: number; contactId: string };

/** The proof that a contact redeemed an invitation, once: `_id` is `tupleId(invitationId, contactId)`. */
export type RedemptionDoc = { _id: string; invitationId: string; contactId: string; activityId: string; at: Date };

/** Taken (inserted) by whoever writes one revision of a document; see cas.ts. */
export type MarkerDoc = { _id: string; at: Date };

export type RateSlotDoc = { _id: string; nextAt: Date; revision: number };
export type TemplateDoc = CustomTemplate & { _id: string };
/** One stored branding field; `_id` is the field's name. */
export type BrandingDoc = { _id: string; value: string; updatedBy: string; updatedAt: Date };
export type WorkflowDoc = { _id: string; name: string; nameKey: string; url: string; secret: string; createdAt: Date };
export type WebhookDoc = Omit<WebhookSubscription, 'id'> & { _id: string };
/** The event is kept as JSON text: its detail may hold any key. */
export type WebhookDeliveryDoc = Omit<WebhookDelivery, 'id' | 'event'> & { _id: string; event: string };
export type DevMailDoc = { _id: string; at: Date; from: string; to: string; subject: string; html: string; text: string };

/** Who owns a sign-in identity, once: `_id` is `tupleId(issuer, subject)`. Only ever inserted. */
export type ContactIdentityDoc = { _id: string; issuer: string; subject: string; contactId: string };
/** `_id` is the contact's id; `email` carries a unique index. */
export type LocalAccountDoc = { _id: string; email: string; passwordHash: string; createdAt: Date; updatedAt: Date; viaInvitationId?: string | null };
/**
 * `_id` is `tupleId(namespace, key)`; `value` is the record as JSON. Rate counters change through
 * cas.ts, and every new document starts at a random revision (see `firstRevision`).
 */
export type EphemeralDoc = { _id: string; value: string; expiresAt: Date; revision: number };
/**
 * `_id` is `botStateId(key)` (the key, or its hash when long); `value` is the state as JSON (its
 * property names may hold `.` and `$`). Changes through cas.ts; see botState.ts.
 */
export type BotStateDoc = { _id: string; key: string; value: string; eTag: string; updatedAt: Date; revision: number };

export type ApiKeyDoc = Omit<ApiKey, 'id'> & { _id: string };

export type Models = {
  contacts: Model<ContactDoc>;
  accounts: Model<NamedDoc>;
  webRoles: Model<NamedDoc>;
  staff: Model<StaffDoc>;
  invitations: Model<InvitationDoc>;
  invitationContacts: Model<InvitationContactDoc>;
  redemptions: Model<RedemptionDoc>;
  activities: Model<ActivityDoc>;
  audit: Model<AuditDoc>;
  jobs: Model<JobDoc>;
  markers: Model<MarkerDoc>;
  rateSlots: Model<RateSlotDoc>;
  templates: Model<TemplateDoc>;
  workflows: Model<WorkflowDoc>;
  branding: Model<BrandingDoc>;
  webhooks: Model<WebhookDoc>;
  webhookDeliveries: Model<WebhookDeliveryDoc>;
  devMail: Model<DevMailDoc>;
  contactIdentities: Model<ContactIdentityDoc>;
  localAccounts: Model<LocalAccountDoc>;
  ephemeral: Model<EphemeralDoc>;
  botState: Model<BotStateDoc>;
  apiKeys: Model<ApiKeyDoc>;
};

const id = { type: String, required: true };
const date = { type: Date, required: true };
const optionalText = { type: String, default: null };
const optionalDate = { type: Date, default: null };
const strings = { type: [String], default: [] };
const mixed = { type: Schema.Types.Mixed, default: () => ({}) };
const options = { versionKey: false, minimize: false, id: false, autoIndex: false, autoCreate: false, strict: true } as const;
const newestFirst = { createdAt: -1, _id: -1 } as const;

type IndexSpec = [Record<string, 1 | -1>, { unique?: boolean }?];

function schema<T>(definition: Record<string, unknown>, indexes: IndexSpec[] = []): Schema<T> {
  const built = new Schema<T>(definition, options);
  for (const [fields, indexOptions] of indexes) built.index(fields, indexOptions ?? {});
  return built;
}

const identitySchema = new Schema<LinkedIdentity>({ issuer: String, subject: String, viaInvitationId: String, linkedAt: Date, proof: String }, { _id: false, versionKey: false });

export function defineModels(connection: Connection): Models {
  const named = () => schema<NamedDoc>({ _id: id, name: String, nameKey: String, createdAt: date }, [[{ nameKey: 1 }, { unique: true }], [newestFirst]]);
  return {
    contacts: connection.model<ContactDoc>('Contact', schema<ContactDoc>({
      _id: id, firstName: String, lastName: String, primaryEmail: optionalText, emailKey: String,
      secondaryEmail: optionalText, alternateEmail: optionalText, parentAccountId: optionalText,
      webRoleIds: strings, identities: { type: [identitySchema], default: [] }, createdAt: date, revision: { type: Number, default: 0 },
      sessionGeneration: { type: Number, default: 0 }, emailVerifiedAt: optionalDate,
      staffWebRoleIds: { type: [String], default: undefined }, staffAccountId: { type: String, default: undefined },
      resets: { type: [Schema.Types.Mixed], default: undefined },
    }, [[{ emailKey: 1 }, { unique: true }], [newestFirst]]), 'contacts'),

    accounts: connection.model<NamedDoc>('Account', named(), 'accounts'),
    webRoles: connection.model<NamedDoc>('WebRole', named(), 'webRoles'),

    staff: connection.model<StaffDoc>('Staff', schema<StaffDoc>(
      { _id: id, displayName: String, roles: strings, createdAt: date, email: optionalText }, [[newestFirst]],
    ), 'staff'),

    invitations: connection.model<InvitationDoc>('Invitation', schema<InvitationDoc>({
      _id: id, name: String, type: { type: String }, ownerId: optionalText, codeLookupKey: String, codeSealed: String,
      expiresAt: optionalDate, inviterContactId: optionalText, assignToAccountId: optionalText, workflow: optionalText,
      webRoleIds: strings, maxRedemptions: Number, remaining: Number, invitedCount: Number,
      locale: String, redirectUrl: optionalText, lifecycle: String, decidedBy: optionalText, decisionReason: optionalText,
      createdBy: String, batchId: optionalText, createdAt: date, updatedAt: date, version: Number,
      reminderDays: { type: Number, default: undefined }, sendAt: { type: Date, default: undefined },
      revision: { type: Number, default: 0 }, pending: { type: [Schema.Types.Mixed], default: [] }, pendingCount: { type: Number, default: 0 },
    }, [
      [{ codeLookupKey: 1 }, { unique: true }],
      [newestFirst],
      [{ lifecycle: 1, createdAt: -1, _id: -1 }],
      [{ ownerId: 1, createdAt: -1, _id: -1 }],
      [{ pendingCount: 1 }],
      [{ expiresAt: 1 }],
    ]), 'invitations'),

    invitationContacts: connection.model<InvitationContactDoc>('InvitationContact', schema<InvitationContactDoc>(
      { _id: id, invitationId: String, position: Number, contactId: String },
      [[{ invitationId: 1, position: 1 }, { unique: true }], [{ contactId: 1, invitationId: 1 }]],
    ), 'invitationContacts'),

    redemptions: connection.model<RedemptionDoc>('Redemption', schema<RedemptionDoc>(
      { _id: id, invitationId: String, contactId: String, activityId: String, at: date }, [[{ invitationId: 1 }], [{ contactId: 1 }], [{ invitationId: 1, at: -1, _id: -1 }]],
    ), 'redemptions'),

    activities: connection.model<ActivityDoc>('RedemptionActivity', schema<ActivityDoc>({
      _id: id, invitationId: String, contactId: String, at: date, ip: optionalText,
      userAgent: optionalText, accountId: optionalText, webRoleIds: strings, workflow: optionalText,
      kind: { type: String, default: undefined }, detail: { type: Schema.Types.Mixed, default: undefined },
    }, [[{ invitationId: 1, at: -1, _id: -1 }], [{ contactId: 1 }], [{ at: 1 }]]), 'redemptionActivities'),

    audit: connection.model<AuditDoc>('AuditEvent', schema<AuditDoc>(
      { _id: id, at: date, actor: String, action: String, subjectId: String, detail: mixed },
      [[{ subjectId: 1, at: -1, _id: -1 }], [{ actor: 1, at: -1, _id: -1 }], [{ action: 1, at: -1, _id: -1 }], [{ at: -1, _id: -1 }]],
    ), 'auditEvents'),

    jobs: connection.model<JobDoc>('Job', schema<JobDoc>({
      _id: id, kind: String, payload: mixed, subjectId: optionalText, runAt: date, attempts: Number, state: String,
      lastError: optionalText, leaseOwner: optionalText, leaseUntil: optionalDate, createdAt: date, updatedAt: date,
      revision: { type: Number, default: 0 },
    }, [
      [{ state: 1, runAt: 1 }], [{ state: 1, leaseUntil: 1 }], [newestFirst],
      [{ kind: 1, createdAt: -1, _id: -1 }], [{ subjectId: 1, kind: 1, state: 1 }],
    ]), 'jobs'),

    markers: connection.model<MarkerDoc>('RevisionMarker', schema<MarkerDoc>({ _id: id, at: date }, [[{ at: 1 }]]), 'revisionMarkers'),

    rateSlots: connection.model<RateSlotDoc>('RateSlot', schema<RateSlotDoc>(
      { _id: id, nextAt: date, revision: { type: Number, default: 0 } },
    ), 'rateSlots'),

    templates: connection.model<TemplateDoc>('MailTemplate', schema<TemplateDoc>({
      _id: id, name: String, locale: String, subject: String, html: String, text: String, updatedBy: String, updatedAt: date,
    }, [[{ name: 1, locale: 1 }]]), 'mailTemplates'),

    workflows: connection.model<WorkflowDoc>('Workflow', schema<WorkflowDoc>(
      { _id: id, name: String, nameKey: String, url: String, secret: String, createdAt: date }, [[{ nameKey: 1 }, { unique: true }]],
    ), 'workflows'),

    branding: connection.model<BrandingDoc>('BrandingField', schema<BrandingDoc>(
      { _id: id, value: String, updatedBy: String, updatedAt: date },
    ), 'branding'),

    webhooks: connection.model<WebhookDoc>('Webhook', schema<WebhookDoc>(
      { _id: id, url: String, events: strings, secret: String, enabled: Boolean, createdBy: String, createdAt: date }, [[{ createdAt: 1, _id: 1 }]],
    ), 'webhooks'),

    webhookDeliveries: connection.model<WebhookDeliveryDoc>('WebhookDelivery', schema<WebhookDeliveryDoc>({
      _id: id, subscriptionId: String, eventId: String, eventType: String, event: String, status: String, attempts: Number,
      lastResponseCode: { type: Number, default: null }, lastError: optionalText, lastAttemptAt: optionalDate, createdAt: date, updatedAt: date,
    }, [[newestFirst], [{ subscriptionId: 1, createdAt: -1, _id: -1 }], [{ eventId: 1 }]]), 'webhookDeliveries'),

    devMail: connection.model<DevMailDoc>('DevMail', schema<DevMailDoc>(
      { _id: id, at: date, from: String, to: String, subject: String, html: String, text: String }, [[{ at: -1, _id: -1 }]],
    ), 'devMail'),

    contactIdentities: connection.model<ContactIdentityDoc>('ContactIdentity', schema<ContactIdentityDoc>(
      { _id: id, issuer: String, subject: String, contactId: String }, [[{ contactId: 1 }]],
    ), 'contactIdentities'),

    localAccounts: connection.model<LocalAccountDoc>('LocalAccount', schema<LocalAccountDoc>(
      { _id: id, email: String, passwordHash: String, createdAt: date, updatedAt: date, viaInvitationId: optionalText }, [[{ email: 1 }, { unique: true }]],
    ), 'localAccounts'),

    // No TTL index: FerretDB 1.x refuses `expireAfterSeconds`. Expired records are swept instead.
    ephemeral: connection.model<EphemeralDoc>('EphemeralRecord', schema<EphemeralDoc>(
      { _id: id, value: String, expiresAt: date, revision: Number }, [[{ expiresAt: 1 }]],
    ), 'ephemeral'),

    botState: connection.model<BotStateDoc>('BotState', schema<BotStateDoc>(
      { _id: id, key: String, value: String, eTag: String, updatedAt: date, revision: Number },
    ), 'botState'),

    apiKeys: connection.model<ApiKeyDoc>('ApiKey', schema<ApiKeyDoc>({
      _id: id, name: String, roles: strings, hash: String, prefix: String, createdAt: date, createdBy: String,
      revokedAt: optionalDate, lastUsedAt: optionalDate,
    }, [[{ hash: 1 }, { unique: true }], [newestFirst]]), 'apiKeys'),
  };
}

/** Creates every collection's indexes (a no-op for the ones that exist). */
export async function createIndexes(models: Models): Promise<void> {
  for (const model of Object.values(models) as unknown as Model<unknown>[]) await model.createIndexes();
}
