import { createHash } from 'node:crypto';
import type { Contact } from './contact.ts';
import { invitationStatus, type Invitation } from './invitation.ts';
import { newJob, type Job } from './job.ts';
import { JOB_KINDS } from './jobKinds.ts';
import type { WebhookEvent, WebhookEventType } from './webhook.ts';

export type EventFacts = {
  /** A new id, or `eventIdFor(key)` where the same happening may be seen more than once (sweeps, retried jobs). */
  id: string;
  at: Date;
  actor: string;
  contacts?: readonly Pick<Contact, 'id' | 'primaryEmail'>[];
  detail?: Record<string, unknown>;
};

/**
 * The event for a change of an invitation, as it is after the change (`invitation` already
 * changed: pass the state the write will leave). Holds no code, sealed or hashed.
 */
export function invitationEvent(type: WebhookEventType, invitation: Invitation, facts: EventFacts): WebhookEvent {
  return {
    id: facts.id,
    type,
    occurredAt: facts.at.toISOString(),
    invitation: {
      id: invitation.id, name: invitation.name, type: invitation.type, status: invitationStatus(invitation, facts.at),
      expiresAt: invitation.expiresAt?.toISOString() ?? null,
    },
    contacts: (facts.contacts ?? []).map((contact) => ({ id: contact.id, email: contact.primaryEmail })),
    actor: facts.actor,
    detail: facts.detail ?? {},
  };
}

/**
 * The job that hands an event to every subscription that wants it, queued in the same write as
 * the change (so a crash loses neither). One job per event id: queued twice, it runs once.
 */
export function webhookEventJob(event: WebhookEvent, now: Date): Job {
  return newJob({ id: `event:${event.id}`, kind: JOB_KINDS.webhookEvent, payload: { event } }, now);
}

/** Shorthand: the event's job, for a write's `jobs`. */
export function invitationEventJob(type: WebhookEventType, invitation: Invitation, facts: EventFacts): Job {
  return webhookEventJob(invitationEvent(type, invitation, facts), facts.at);
}

/** A stable id (UUID-shaped) for something that may be seen more than once: the same key, the same id. */
export function eventIdFor(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
