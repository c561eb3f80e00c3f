import { randomUUID } from 'node:crypto';
import type { AuditEvent } from '../../src/domain/audit.ts';
import type { Contact } from '../../src/domain/contact.ts';
import type { Invitation } from '../../src/domain/invitation.ts';
import { newJob, type Job } from '../../src/domain/job.ts';
import type { Store } from '../../src/store/port.ts';

/** Builders of stored records for the conformance suite, which talks to the port directly. */
export const NOW = new Date('2026-06-01T12:00:00Z');
export const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);
export const HOUR = 3_600_000;

export type MakeStore = () => Promise<{ store: Store; cleanup(): Promise<void> }>;

/** Gives each test a fresh store and cleans it up after. */
export function useStore(makeStore: MakeStore): { readonly store: Store } {
  const holder: { store?: Store; cleanup?: () => Promise<void> } = {};
  beforeEach(async () => {
    const made = await makeStore();
    holder.store = made.store;
    holder.cleanup = made.cleanup;
  });
  afterEach(async () => {
    await holder.cleanup?.();
  });
  return { get store() { return holder.store!; } };
}

export function contact(overrides: Partial<Contact> = {}): Contact {
  const id = randomUUID();
  return {
    id, firstName: 'Ada', lastName: 'Lovelace', primaryEmail: `${id}@example.com`, secondaryEmail: null, alternateEmail: null,
    parentAccountId: null, webRoleIds: [], identities: [], createdAt: NOW, sessionGeneration: 0, emailVerifiedAt: null, ...overrides,
  };
}

export function invitation(overrides: Partial<Invitation> = {}): Invitation {
  const id = randomUUID();
  const max = overrides.maxRedemptions ?? 1;
  return {
    id, name: 'Invitation', type: max > 1 ? 'group' : 'single', ownerId: null,
    codeLookupKey: `key-${id}`, codeSealed: `sealed-${id}`, expiresAt: null, inviterContactId: null,
    assignToAccountId: null, workflow: null, webRoleIds: [], maxRedemptions: max, remaining: max, invitedCount: 1,
    locale: 'en', redirectUrl: null, lifecycle: 'sent', decidedBy: null, decisionReason: null, createdBy: 'cli',
    createdAt: NOW, updatedAt: NOW, version: 1, ...overrides,
  };
}

export function audit(subjectId: string, overrides: Partial<AuditEvent> = {}): AuditEvent {
  return { id: randomUUID(), at: NOW, actor: 'cli', action: 'test', subjectId, detail: {}, ...overrides };
}

export function job(overrides: Partial<Job> = {}): Job {
  return { ...newJob({ id: randomUUID(), kind: 'workflow', payload: { n: 1 } }, NOW), ...overrides };
}

export function activity(invitationId: string, contactId: string, when = NOW) {
  return { id: randomUUID(), invitationId, contactId, at: when, ip: '203.0.113.9', userAgent: 'test', accountId: null, webRoleIds: [], workflow: null };
}

/** Inserts an invitation for freshly inserted contacts; returns both. */
export async function storedInvitation(store: Store, overrides: Partial<Invitation> = {}, invitedCount = 1) {
  const invited: Contact[] = [];
  for (let i = 0; i < invitedCount; i++) {
    const c = contact();
    await store.contacts.insert(c);
    invited.push(c);
  }
  const record = invitation({ invitedCount, ...overrides });
  await store.invitations.insert(record, invited.map((c) => c.id), audit(record.id, { action: 'invitation.created' }));
  return { invitation: record, invited };
}

/** What a refused write must leave as it was: the invitation, the contact, the activities, jobs and audit trail. */
export async function snapshot(store: Store, invitationId: string, contactId: string) {
  return {
    invitation: await store.invitations.get(invitationId),
    contact: await store.contacts.get(contactId),
    activities: (await store.activities.listForInvitation(invitationId, { limit: 100 })).items,
    jobs: (await store.jobs.list({}, { limit: 100 })).items,
    audit: (await store.audit.listForSubject(invitationId, { limit: 100 })).items,
  };
}
