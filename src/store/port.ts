import type { Account } from '../domain/account.ts';
import type { ApiKey } from '../domain/apiClient.ts';
import type { InvitationActivity, RedemptionActivity, RedemptionResetActivity } from '../domain/activity.ts';
import type { AuditEvent } from '../domain/audit.ts';
import type { BrandingField, StoredBranding } from '../domain/branding.ts';
import type { Contact, Identity, LinkedIdentity } from '../domain/contact.ts';
import type { Invitation, StatusCondition } from '../domain/invitation.ts';
import type { DevMail } from '../domain/devMail.ts';
import type { Job } from '../domain/job.ts';
import type { LocalAccount } from '../domain/localAccount.ts';
import type { CustomTemplate, TemplateName } from '../domain/mailTemplate.ts';
import type { RateSlotReservation } from '../domain/rateSlot.ts';
import type { StaffMember } from '../domain/staff.ts';
import type { WeekCount } from '../domain/stats.ts';
import type { WebRole } from '../domain/webRole.ts';
import type { Workflow } from '../domain/workflow.ts';
import type { DeliveryAttempt, DeliveryStatus, WebhookDelivery, WebhookSubscription } from '../domain/webhook.ts';

/**
 * The store port: everything the services need from persistence, and nothing about how. Every
 * adapter (SQLite, MongoDB) passes the same conformance suite in `test/store`.
 *
 * Shared semantics:
 * - "get"/"find" methods return `null` when nothing matches; they never throw for "not found".
 * - Writes that would break a uniqueness rule throw `ConflictError`.
 * - Conditional writes that lose a race throw `ConcurrentChangeError`.
 * - Pages are ordered newest first; `next` is an opaque cursor for the following page, or null.
 * - E-mail addresses and names arrive already normalised by the services.
 * - A write that takes an `audit` event records it with the change: SQLite in the change's
 *   transaction, MongoDB right after it (no multi-document transactions). A refused write, or a
 *   remove that finds nothing, records nothing.
 */
export type Store = {
  readonly kind: 'sqlite' | 'mongodb';
  contacts: ContactStore;
  accounts: NamedStore<Account>;
  webRoles: NamedStore<WebRole>;
  staff: StaffStore;
  invitations: InvitationStore;
  activities: ActivityStore;
  audit: AuditStore;
  stats: StatsStore;
  jobs: JobStore;
  rateSlots: RateSlotStore;
  templates: TemplateStore;
  workflows: WorkflowStore;
  branding: BrandingStore;
  webhooks: WebhookStore;
  webhookDeliveries: WebhookDeliveryStore;
  devMail: DevMailStore;
  localAccounts: LocalAccountStore;
  ephemeral: EphemeralStore;
  botState: BotStateStore;
  apiKeys: ApiKeyStore;
  /** Resolves when the store answers; rejects with the reason otherwise (used by /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
};

export type PageRequest = { after?: string | null; limit: number };
export type Page<T> = { items: T[]; next: string | null };

export type ContactStore = {
  /**
   * Throws ConflictError when another contact has the same primary e-mail. A new contact has no
   * identities (`identities: []`); they are linked only through `addIdentity`, which keeps them unique.
   */
  insert(contact: Contact, audit?: AuditEvent): Promise<void>;
  /**
   * Inserts new contacts (each as `insert` would) in as few writes as the store allows; a contact
   * whose primary e-mail is already taken, by a stored contact or an earlier one in the list, is
   * skipped and its id returned. For imports: no look-up per contact. `auditOf` gives the audit
   * event of each contact written (none for the skipped).
   */
  insertMany(contacts: readonly Contact[], auditOf?: (contact: Contact) => AuditEvent): Promise<{ skippedIds: string[] }>;
  get(id: string): Promise<Contact | null>;
  /** Many at once; missing ids are simply absent from the result. */
  getMany(ids: readonly string[]): Promise<Contact[]>;
  findByPrimaryEmail(email: string): Promise<Contact | null>;
  /** The contacts whose primary e-mail is one of these, in one read (any order; unknown e-mails are absent). */
  findManyByPrimaryEmail(emails: readonly string[]): Promise<Contact[]>;
  /** `search` matches the start of the first name, last name or primary e-mail, case-insensitively. */
  list(filter: { search?: string }, page: PageRequest): Promise<Page<Contact>>;
  /**
   * Links a sign-in identity to the contact (nothing changes if it already is). Throws
   * ConflictError when the identity is linked to another contact, NotFoundError when the contact is unknown.
   */
  addIdentity(contactId: string, identity: LinkedIdentity): Promise<void>;
  findByIdentity(issuer: string, subject: string): Promise<Contact | null>;
  /** Unlinks the identity from the contact; false when it was not linked to this contact. */
  removeIdentity(contactId: string, identity: Identity): Promise<boolean>;
  /**
   * Atomically adds one to the contact's `sessionGeneration` and returns the new value: every
   * session and mailed link made under an older value is void. NotFoundError for an unknown contact.
   */
  endSessions(contactId: string): Promise<number>;
  /** Records that control of the primary e-mail was proven at `at`. NotFoundError for an unknown contact. */
  markEmailVerified(contactId: string, at: Date): Promise<void>;
  /**
   * Deletes the contact only if nothing refers to it yet: no local account, no identity, no web
   * role or account, not invited, never redeemed, no activity. Returns whether it was deleted. For
   * undoing a contact made for a registration whose redemption was refused.
   */
  removeIfUnused(contactId: string): Promise<boolean>;
  /**
   * Staff take a web role away (whoever gave it: staff or a redemption). False when the contact
   * did not hold it. NotFoundError for an unknown contact.
   */
  removeWebRole(contactId: string, webRoleId: string): Promise<boolean>;
  /** Staff take the parent account away; returns the account it was, or null when there was none. NotFoundError for an unknown contact. */
  removeParentAccount(contactId: string): Promise<string | null>;
  /**
   * Staff change the names and e-mail addresses given (others stay). A new primary e-mail is not
   * proven: `emailVerifiedAt` goes back to null. ConflictError when another contact has the new
   * primary e-mail; NotFoundError for an unknown contact. Returns the contact as written.
   */
  /** With `expectedTag`, writes only while the contact's `contactTag` is that (PreconditionFailedError otherwise), checked in the same step as the write. */
  updateDetails(contactId: string, patch: ContactDetails, expectedTag?: string): Promise<Contact>;
  /** Staff give a web role (held as given by staff: a reset does not take it). False when the contact held it already. NotFoundError for an unknown contact. */
  addWebRole(contactId: string, webRoleId: string): Promise<boolean>;
  /** Staff set the parent account (held as set by staff); returns the one it was, or null. NotFoundError for an unknown contact. */
  setParentAccount(contactId: string, accountId: string): Promise<string | null>;
};

/** What staff may change of a contact by hand: its names and e-mail addresses. */
export type ContactDetails = Partial<Pick<Contact, 'firstName' | 'lastName' | 'primaryEmail' | 'secondaryEmail' | 'alternateEmail'>>;

export type LocalAccountStore = {
  get(contactId: string): Promise<LocalAccount | null>;
  findByEmail(email: string): Promise<LocalAccount | null>;
  /** Creates the contact's account or replaces it. Throws ConflictError when another contact's account has the e-mail. */
  save(account: LocalAccount): Promise<void>;
  /**
   * Creates the contact's account only if it has none: of concurrent creators for one contact,
   * exactly one succeeds and the others get ConflictError (as does a taken e-mail).
   */
  create(account: LocalAccount): Promise<void>;
  /** Deletes the contact's account; false when it had none. */
  remove(contactId: string): Promise<boolean>;
};

/**
 * Small records that expire: sessions, single-use tokens, rate-limit counters. Shared by every
 * process on the store. Expired records are never returned.
 */
export type EphemeralStore = {
  put(namespace: string, key: string, value: Record<string, unknown>, expiresAt: Date): Promise<void>;
  get(namespace: string, key: string, now: Date): Promise<Record<string, unknown> | null>;
  delete(namespace: string, key: string): Promise<void>;
  /** Returns the record and deletes it, atomically: of concurrent takers, only one gets it. */
  take(namespace: string, key: string, now: Date): Promise<Record<string, unknown> | null>;
  /**
   * Adds `by` to the counter of the key's current window (a window starts at the first hit after
   * the last one ended and lasts `windowMs`), atomically; returns the new count and the window's end.
   */
  hit(namespace: string, key: string, windowMs: number, now: Date, by?: number): Promise<{ count: number; resetAt: Date }>;
};

/**
 * The Teams bot's turn state (conversation and user scopes, dialog stacks) and conversation
 * references, kept here so that any process can serve any turn. A record is a JSON object under a
 * string key (botbuilder builds them, e.g. `msteams/conversations/<id>`, up to about 500
 * characters) with an eTag that changes on every write, for optimistic concurrency. Values are
 * kept as their JSON form (up to a few hundred KB): a Date comes back as its ISO string.
 */
export type BotStateStore = {
  /** The records of those keys that exist (missing keys are simply absent), each with its current eTag. */
  read(keys: readonly string[]): Promise<Record<string, { value: Record<string, unknown>; eTag: string }>>;
  /**
   * Creates or replaces the record and returns its new eTag. With `expectedETag` null or `'*'` it
   * writes over whatever is stored, or creates the record. Otherwise it writes only if the stored
   * eTag equals `expectedETag`, and throws ConcurrentChangeError (writing nothing) if it does not,
   * or if there is no record. Exact under concurrent writers in any number of processes: of the
   * writers that expect one eTag, at most one succeeds.
   */
  write(key: string, value: Record<string, unknown>, expectedETag: string | null): Promise<string>;
  /** Removes the records; keys that do not exist are ignored. */
  delete(keys: readonly string[]): Promise<void>;
};

/** Accounts and web roles: a name that is unique (case-insensitively) and an id. */
export type NamedStore<T extends { id: string; name: string }> = {
  /** Throws ConflictError when the name is taken. */
  insert(record: T, audit?: AuditEvent): Promise<void>;
  get(id: string): Promise<T | null>;
  /** The records of those ids that exist, in the order of `ids`, each once: one read. */
  getMany(ids: readonly string[]): Promise<T[]>;
  findByName(name: string): Promise<T | null>;
  list(page: PageRequest): Promise<Page<T>>;
  /** Gives the record a new name; null when there is no such record; ConflictError when another has the name. */
  rename(id: string, name: string): Promise<T | null>;
  /**
   * Deletes the record if nothing refers to it: no contact holds it (an account as parent, a web
   * role), no invitation gives it. `in-use` (nothing deleted) or `missing` otherwise.
   */
  removeIfUnused(id: string): Promise<'removed' | 'in-use' | 'missing'>;
};

export type StaffStore = {
  /** Creates or replaces the member with this id. */
  upsert(member: StaffMember, audit?: AuditEvent): Promise<void>;
  get(id: string): Promise<StaffMember | null>;
  list(page: PageRequest): Promise<Page<StaffMember>>;
  /** Returns false when there was no such member. */
  remove(id: string, audit?: AuditEvent): Promise<boolean>;
};

export type InvitationFilter = {
  status?: StatusCondition;
  /** Only invitations that invite this contact. */
  invitedContactId?: string;
  /** Only invitations that invite this contact or that it redeemed (even if the redemption was reset since). */
  contactId?: string;
  ownerId?: string;
  /** Only invitations this staff member owns or created. */
  staffId?: string;
  /** Matches the start of the name, case-insensitively. */
  search?: string;
  /** Only invitations that give this account. */
  accountId?: string;
  /** Only invitations created at or after `createdFrom` and before `createdBefore`. */
  createdFrom?: Date;
  createdBefore?: Date;
};

export type InvitationPatch = Partial<Pick<Invitation, 'lifecycle' | 'expiresAt' | 'decidedBy' | 'decisionReason' | 'updatedAt'>>;

export type RedemptionRequest = {
  invitationId: string;
  contactId: string;
  activity: RedemptionActivity;
  /** Jobs to queue in the same step as the redemption (the workflow, notices). */
  jobs: Job[];
  now: Date;
};

/**
 * Gives one contact's redemption of one invitation back. `activity` says who, when and why; the
 * store works out what the redemption gave that the contact holds from nowhere else (see
 * `InvitationStore.resetRedemption`) and writes the full record.
 */
export type RedemptionResetRequest = {
  invitationId: string;
  contactId: string;
  activity: Pick<RedemptionResetActivity, 'id' | 'at' | 'actor' | 'reason'>;
  audit: AuditEvent;
  /** Jobs to queue in the same step (the inviter's notice, the mail with a new code). */
  jobs: Job[];
  /** A new code, replacing the old one in the same step (the old code stops working). */
  newCode: { lookupKey: string; sealed: string } | null;
  now: Date;
};

export type RedemptionReset = { invitation: Invitation; contact: Contact; activity: RedemptionResetActivity };

/** A redemption that stands (was not reset): which invitation, when, and its activity. */
export type StandingRedemption = { invitationId: string; contactId: string; activityId: string; at: Date };

/** One invitation to write, with what `insert` writes beside it. */
export type NewInvitation = { invitation: Invitation; invitedContactIds: readonly string[]; audit: AuditEvent; jobs: readonly Job[] };

export type InvitationStore = {
  /**
   * Writes the invitation, its invited contacts, the audit event and the jobs it causes (its
   * mail) as one step. Throws ConflictError if the code's lookup key is already used.
   */
  insert(invitation: Invitation, invitedContactIds: readonly string[], audit: AuditEvent, jobs?: readonly Job[]): Promise<void>;
  /**
   * Writes many invitations, each as `insert` would, in as few writes as the store allows (for
   * inviting many contacts at once): SQLite all or nothing in one transaction; MongoDB in a few
   * commands per call, each invitation whole (a crash finishes it on recovery). ConflictError for a
   * used lookup key (on MongoDB the others of the call may have been written).
   */
  insertMany(entries: readonly NewInvitation[]): Promise<void>;
  get(id: string): Promise<Invitation | null>;
  findByCodeLookupKey(lookupKey: string): Promise<Invitation | null>;
  list(filter: InvitationFilter, page: PageRequest): Promise<Page<Invitation>>;
  /** Invited contacts in the order they were given. */
  invitedContactIds(invitationId: string, page: PageRequest): Promise<Page<string>>;
  /** The first contact each of these invitations invites (by invitation id; none for one that invites nobody), in one look-up. */
  firstInvitedContactIds(invitationIds: readonly string[]): Promise<Map<string, string>>;
  isInvited(invitationId: string, contactId: string): Promise<boolean>;
  /**
   * Applies the patch only if the stored version still equals `expectedVersion` (then bumps it),
   * records the audit event and queues the jobs; throws ConcurrentChangeError otherwise (and
   * queues nothing). Returns the new state.
   */
  update(id: string, expectedVersion: number, patch: InvitationPatch, audit: AuditEvent, jobs?: readonly Job[]): Promise<Invitation>;
  /**
   * Redeems atomically: checks `redemptionRefusal` against the current state and throws its error
   * (changing nothing), or takes one redemption, records the contact as redeemer, sets the
   * contact's parent account, adds the web roles, writes the activity and queues the jobs. Exact
   * under any concurrency, across processes. A step interrupted by a crash is completed or undone
   * before the store is next used.
   */
  redeem(request: RedemptionRequest): Promise<{ invitation: Invitation; contact: Contact }>;
  /**
   * Undoes a redemption atomically, or throws NotRedeemedError (changing nothing) when the contact
   * has no standing redemption of the invitation. In one step: the redemption goes back to the
   * invitation (remaining + 1, version + 1; the contact may redeem it again), the contact loses
   * the invitation's parent account and web roles unless it also holds them from staff or from
   * another standing redemption (a lost account falls back to the one staff set, else to the one
   * of the latest other standing redemption, else none), the identities and the local account
   * bound through this invitation (`viaInvitationId`) are removed, `sessionGeneration` moves on,
   * the reset activity, the audit event and the jobs are written and the code is replaced when a
   * new one is given. Exact under concurrency across processes (of concurrent resets of one
   * redemption one succeeds; the others get NotRedeemedError); a step interrupted by a crash is
   * completed before the store is next used.
   */
  resetRedemption(request: RedemptionResetRequest): Promise<RedemptionReset>;
  /** The contact's standing redemptions, newest first. */
  redemptionsOf(contactId: string): Promise<StandingRedemption[]>;
  /** The invitation's standing redemptions (who redeemed it and it was not reset), newest first, in cursor pages. */
  redeemers(invitationId: string, page: PageRequest): Promise<Page<StandingRedemption>>;
};

export type ActivityStore = {
  /** Redemptions and their resets, newest first. */
  listForInvitation(invitationId: string, page: PageRequest): Promise<Page<InvitationActivity>>;
};

/**
 * Which audit events: all conditions must hold. `action` is exact, or a prefix when it ends in
 * `*` (`contact.*`); `since` is inclusive, `until` exclusive.
 */
export type AuditFilter = { actor?: string; subjectId?: string; action?: string; since?: Date; until?: Date };

export type AuditStore = {
  append(event: AuditEvent): Promise<void>;
  /** Appends many events in as few writes as the store allows (for imports). */
  appendMany(events: readonly AuditEvent[]): Promise<void>;
  listForSubject(subjectId: string, page: PageRequest): Promise<Page<AuditEvent>>;
  /** The events that match, newest first, in cursor pages. */
  list(filter: AuditFilter, page: PageRequest): Promise<Page<AuditEvent>>;
  /**
   * Every event that matches, oldest first, read `batchSize` (default 500) at a time: at most one
   * batch is held at once, whatever the range, so an export of any size streams. Events appended
   * while it runs may or may not be included.
   */
  stream(filter: AuditFilter, batchSize?: number): AsyncIterable<AuditEvent>;
};

/** A time range: `since` inclusive, `until` exclusive. */
export type TimeRange = { since: Date; until: Date };

/**
 * The figures of the stats card, each counted in one query, exactly (no sampling, no estimate);
 * only MongoDB's median takes two (FerretDB 1.x has no `$lookup`).
 * An invitation counts as sent when it was created and is not a draft, waiting for approval or
 * rejected; weeks are numbered as `weekNumber` does (Monday 00:00 UTC).
 */
export type StatsStore = {
  /** Invitations sent, by the week they were created in. */
  sentPerWeek(range: TimeRange): Promise<WeekCount[]>;
  /** Redemptions (each contact's, even if reset later), by the week they happened in. */
  redeemedPerWeek(range: TimeRange): Promise<WeekCount[]>;
  /** Sent invitations that expired unredeemed (or not used up) by `now`, by the week they expired in. */
  expiredPerWeek(range: TimeRange, now: Date): Promise<WeekCount[]>;
  /** Revocations (audit events `invitation.revoked`), by the week they happened in. */
  revokedPerWeek(range: TimeRange): Promise<WeekCount[]>;
  /** Of the invitations sent in the range, how many, and how many of them were redeemed at least once. */
  redemptionRate(range: TimeRange): Promise<{ sent: number; redeemed: number }>;
  /** The median of (redemption time - invitation creation) over the redemptions in the range, in ms; null for none. */
  medianTimeToRedeem(range: TimeRange): Promise<number | null>;
  /** Who created the most sent invitations in the range (`createdBy`), most first, ties by actor. */
  topInviters(range: TimeRange, limit: number): Promise<{ actor: string; count: number }[]>;
};

export type JobFilter = { kind?: string; state?: Job['state']; subjectId?: string };

/**
 * The durable outbox. A job is claimed with a lease; every state change after the claim names the
 * lease owner and returns false (changing nothing) when the lease was lost to another worker.
 */
export type JobStore = {
  /** Queues the job; a job whose id is already stored is left as it is (returns false). */
  enqueue(job: Job): Promise<boolean>;
  /** Queues many in one step, skipping ids already stored; returns how many were new. */
  enqueueMany(jobs: readonly Job[]): Promise<number>;
  get(id: string): Promise<Job | null>;
  /**
   * Takes the due job with the earliest `runAt`: queued with `runAt <= now`, or running with an
   * expired lease (its worker died). Marks it running for `owner` until `now + leaseMs` and counts
   * the attempt. Atomic: no two workers, in any process, hold the same job at once.
   */
  claim(owner: string, now: Date, leaseMs: number): Promise<Job | null>;
  /**
   * Takes up to `limit` due jobs as `claim` takes one, earliest `runAt` first (returned in that
   * order), each marked running for `owner` until `now + leaseMs` with its attempt counted. One
   * read and one write a batch (SQLite: one statement; MongoDB: a read, the jobs' revision markers
   * in one insert, one update). Atomic per job: no two workers, in any process, hold the same job
   * at once; when workers claim together, each gets a share of the due jobs.
   */
  claimBatch(owner: string, now: Date, leaseMs: number, limit: number): Promise<Job[]>;
  complete(id: string, owner: string, now: Date): Promise<boolean>;
  /**
   * Marks done, in one write, those of the jobs whose lease `owner` still holds (as `complete`
   * does each); returns their ids, in the order given. The others (taken by another worker once
   * their lease ran out, or not running) are left as they are.
   */
  completeMany(ids: readonly string[], owner: string, now: Date): Promise<string[]>;
  /**
   * Gives back jobs `owner` claimed and will not run (its worker stops): queued again, as due as
   * before, the claim's attempt uncounted; only those whose lease `owner` still holds. Returns
   * their ids, in the order given.
   */
  releaseMany(ids: readonly string[], owner: string, now: Date): Promise<string[]>;
  /** Back to queued, to run at `runAt`, with the attempt count and error given. */
  reschedule(id: string, owner: string, change: { runAt: Date; attempts: number; lastError: string | null; now: Date }): Promise<boolean>;
  deadLetter(id: string, owner: string, reason: string, now: Date): Promise<boolean>;
  /** A dead job back to queued, attempts reset, to run now. False when the job is not dead. */
  revive(id: string, now: Date): Promise<boolean>;
  list(filter: JobFilter, page: PageRequest): Promise<Page<Job>>;
  /** How many jobs are in each state (all jobs, or those of one subject). */
  countByState(filter: { subjectId?: string; kind?: string }): Promise<Record<Job['state'], number>>;
};

/**
 * Spacing of actions that share a limit across processes (mail per sender mailbox): one action per
 * `intervalMs` per key.
 */
export type RateSlotStore = {
  /**
   * Reserves the key's next free slot if it comes within `maxWaitMs` of `now` and returns its time
   * (the caller waits until then); otherwise reserves nothing and says when the next slot comes
   * (the arithmetic of `nextRateSlot`). Atomic across processes: no two callers get the same slot.
   */
  reserve(key: string, intervalMs: number, now: Date, maxWaitMs: number): Promise<RateSlotReservation>;
};

export type TemplateStore = {
  get(name: TemplateName, locale: string): Promise<CustomTemplate | null>;
  /** Creates or replaces the template for its name and locale. */
  put(template: CustomTemplate, audit?: AuditEvent): Promise<void>;
  /** Returns false when there was no custom template. */
  remove(name: TemplateName, locale: string, audit?: AuditEvent): Promise<boolean>;
  list(): Promise<CustomTemplate[]>;
};

/** A change to the stored branding: fields to store (values already checked) and fields to clear, by whom and when. */
export type BrandingChange = { set: Partial<Record<BrandingField, string>>; clear: readonly BrandingField[]; by: string; at: Date };

/** The organisation's look as admins stored it over the environment's (one small record). */
export type BrandingStore = {
  /** Every stored field; `{}` when none is. One read. */
  get(): Promise<StoredBranding>;
  /**
   * Stores `set`'s fields and clears `clear`'s in one write, leaving the other fields as they are
   * (two admins changing different fields at once both keep theirs). Clearing a field that is not
   * stored is no error. A field is never in both.
   */
  change(change: BrandingChange, audit?: AuditEvent): Promise<void>;
};

export type WorkflowStore = {
  /** Throws ConflictError when the name is taken (case-insensitive). */
  insert(workflow: Workflow, audit?: AuditEvent): Promise<void>;
  findByName(name: string): Promise<Workflow | null>;
  list(): Promise<Workflow[]>;
  remove(name: string, audit?: AuditEvent): Promise<boolean>;
};

/** Webhook subscriptions (few: an admin adds them by hand). */
export type WebhookStore = {
  insert(subscription: WebhookSubscription): Promise<void>;
  get(id: string): Promise<WebhookSubscription | null>;
  /** Oldest first. */
  list(): Promise<WebhookSubscription[]>;
  /** False when there is no such subscription. */
  setEnabled(id: string, enabled: boolean): Promise<boolean>;
  /** False when there was no such subscription. Its deliveries stay in the log. */
  remove(id: string): Promise<boolean>;
};

export type DeliveryFilter = { subscriptionId?: string; eventId?: string; status?: DeliveryStatus };

/** The delivery log: one record per event and subscription, updated by each attempt. */
export type WebhookDeliveryStore = {
  /** Adds the deliveries, skipping ids already stored (a re-run fan-out adds nothing); returns how many were new. */
  insertMany(deliveries: readonly WebhookDelivery[]): Promise<number>;
  get(id: string): Promise<WebhookDelivery | null>;
  /** Records one attempt: counts it and sets the status, the response code, the error and its time. False for an unknown id. */
  recordAttempt(id: string, attempt: DeliveryAttempt): Promise<boolean>;
  /** Sets the status without an attempt: `pending` for a redelivery, `failed` when its subscription is gone (attempts are kept). False for an unknown id. */
  setStatus(id: string, status: DeliveryStatus, error: string | null, now: Date): Promise<boolean>;
  /** Newest first. */
  list(filter: DeliveryFilter, page: PageRequest): Promise<Page<WebhookDelivery>>;
};

export type DevMailStore = {
  append(mail: DevMail): Promise<void>;
  /** Newest first. */
  list(page: PageRequest): Promise<Page<DevMail>>;
};

/** API keys, kept as their hash (see domain/apiClient.ts). */
export type ApiKeyStore = {
  /** Throws ConflictError when the id or the hash is already stored. */
  insert(key: ApiKey): Promise<void>;
  get(id: string): Promise<ApiKey | null>;
  findByHash(hash: string): Promise<ApiKey | null>;
  /** Newest first, revoked keys included. */
  list(page: PageRequest): Promise<Page<ApiKey>>;
  /** Marks the key revoked at `at`; false when there is no such key or it was revoked already. */
  revoke(id: string, at: Date): Promise<boolean>;
  /** Records that the key was used at `at` (a later time only: an earlier one changes nothing). */
  markUsed(id: string, at: Date): Promise<void>;
};
