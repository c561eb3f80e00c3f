import type { Account } from '../domain/account.ts';
import type { RedemptionActivity } from '../domain/activity.ts';
import type { AuditEvent } from '../domain/audit.ts';
import type { Contact } from '../domain/contact.ts';
import type { Invitation, StatusCondition } from '../domain/invitation.ts';
import type { Job } from '../domain/job.ts';
import type { StaffMember } from '../domain/staff.ts';
import type { WebRole } from '../domain/webRole.ts';

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
  jobs: JobStore;
  /** Resolves when the store answers; rejects with the reason otherwise (used by /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
};

export type PageRequest = { after?: string | null; limit: number };
export type Page<T> = { items: T[]; next: string | null };

export type ContactStore = {
  /** Throws ConflictError when another contact has the same primary e-mail. */
  insert(contact: Contact): Promise<void>;
  get(id: string): Promise<Contact | null>;
  /** Many at once; missing ids are simply absent from the result. */
  getMany(ids: readonly string[]): Promise<Contact[]>;
  findByPrimaryEmail(email: string): Promise<Contact | null>;
  /** `search` matches the start of the first name, last name or primary e-mail, case-insensitively. */
  list(filter: { search?: string }, page: PageRequest): Promise<Page<Contact>>;
};

/** Accounts and web roles: a name that is unique (case-insensitively) and an id. */
export type NamedStore<T extends { id: string; name: string }> = {
  /** Throws ConflictError when the name is taken. */
  insert(record: T): Promise<void>;
  get(id: string): Promise<T | null>;
  findByName(name: string): Promise<T | null>;
  list(page: PageRequest): Promise<Page<T>>;
};

export type StaffStore = {
  /** Creates or replaces the member with this id. */
  upsert(member: StaffMember): Promise<void>;
  get(id: string): Promise<StaffMember | null>;
  list(page: PageRequest): Promise<Page<StaffMember>>;
  /** Returns false when there was no such member. */
  remove(id: string): Promise<boolean>;
};

export type InvitationFilter = {
  status?: StatusCondition;
  /** Only invitations that invite this contact. */
  invitedContactId?: string;
  ownerId?: string;
  /** Matches the start of the name, case-insensitively. */
  search?: string;
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

export type InvitationStore = {
  /**
   * Writes the invitation, its invited contacts and the audit event as one step. Throws
   * ConflictError if the code's lookup key is already used.
   */
  insert(invitation: Invitation, invitedContactIds: readonly string[], audit: AuditEvent): Promise<void>;
  get(id: string): Promise<Invitation | null>;
  findByCodeLookupKey(lookupKey: string): Promise<Invitation | null>;
  list(filter: InvitationFilter, page: PageRequest): Promise<Page<Invitation>>;
  /** Invited contacts in the order they were given. */
  invitedContactIds(invitationId: string, page: PageRequest): Promise<Page<string>>;
  isInvited(invitationId: string, contactId: string): Promise<boolean>;
  /**
   * Applies the patch only if the stored version still equals `expectedVersion` (then bumps it)
   * and records the audit event; throws ConcurrentChangeError otherwise. Returns the new state.
   */
  update(id: string, expectedVersion: number, patch: InvitationPatch, audit: AuditEvent): Promise<Invitation>;
  /**
   * Redeems atomically: checks `redemptionRefusal` against the current state and throws its error
   * (changing nothing), or takes one redemption, records the contact as redeemer, sets the
   * contact's parent account, adds the web roles, writes the activity and queues the jobs. Exact
   * under any concurrency, across processes. A step interrupted by a crash is completed or undone
   * before the store is next used.
   */
  redeem(request: RedemptionRequest): Promise<{ invitation: Invitation; contact: Contact }>;
};

export type ActivityStore = {
  listForInvitation(invitationId: string, page: PageRequest): Promise<Page<RedemptionActivity>>;
};

export type AuditStore = {
  append(event: AuditEvent): Promise<void>;
  listForSubject(subjectId: string, page: PageRequest): Promise<Page<AuditEvent>>;
};

export type JobStore = {
  enqueue(job: Job): Promise<void>;
  list(filter: { kind?: string; state?: Job['state'] }, page: PageRequest): Promise<Page<Job>>;
};
