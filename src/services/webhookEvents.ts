import { statusCondition } from '../domain/invitation.ts';
import type { Job } from '../domain/job.ts';
import { JOB_KINDS } from '../domain/jobKinds.ts';
import { eventIdFor, invitationEventJob } from '../domain/webhookEvent.ts';
import type { Store } from '../store/port.ts';
import { EXPIRED_NOTICE_LOOKBACK_MS } from './notices/expiredUnused.ts';

/**
 * The `invitation.expired` events of invitations that expired since `since` (by default the
 * sweep's look-back) and were still waiting to be redeemed. The id comes from the invitation and
 * its expiry, so any number of sweeps, in any number of processes, emit each once; an invitation
 * extended and expired again emits again.
 */
export async function expiredEvents(store: Pick<Store, 'invitations'>, now: Date, since = new Date(now.getTime() - EXPIRED_NOTICE_LOOKBACK_MS)): Promise<Job[]> {
  const events: Job[] = [];
  let after: string | null = null;
  do {
    const page = await store.invitations.list({ status: statusCondition('expired', now) }, { limit: 200, after });
    for (const invitation of page.items) {
      const { expiresAt } = invitation;
      if (!expiresAt || expiresAt.getTime() <= since.getTime()) continue;
      events.push(invitationEventJob('invitation.expired', invitation, { id: eventIdFor(`expired:${invitation.id}:${expiresAt.getTime()}`), at: expiresAt, actor: 'system' }));
    }
    after = page.next;
  } while (after);
  return events;
}

/** Queues the expiry events due now; returns how many were new. For `startExpirySweep`. */
export async function queueExpiredEvents(store: Pick<Store, 'invitations' | 'jobs'>, now: Date): Promise<number> {
  return store.jobs.enqueueMany(await expiredEvents(store, now));
}

/**
 * What a dead letter means for webhooks: an invitation mail that failed for good is an
 * `invitation.mail_failed` event (once per dead letter); a delivery that gave up is `failed` in
 * the delivery log. For the worker's `onDeadLetter`.
 */
export async function webhookDeadLetter(store: Pick<Store, 'invitations' | 'contacts' | 'jobs' | 'webhookDeliveries'>, job: Job, reason: string, now: Date): Promise<void> {
  if (job.kind === JOB_KINDS.webhookDelivery && typeof job.payload.deliveryId === 'string') {
    const delivery = await store.webhookDeliveries.get(job.payload.deliveryId);
    if (delivery && delivery.status !== 'failed') await store.webhookDeliveries.setStatus(delivery.id, 'failed', reason, now);
    return;
  }
  if (job.kind !== JOB_KINDS.invitationMail || typeof job.payload.invitationId !== 'string') return;
  const invitation = await store.invitations.get(job.payload.invitationId);
  if (!invitation) return;
  const contact = typeof job.payload.contactId === 'string' ? await store.contacts.get(job.payload.contactId) : null;
  await store.jobs.enqueue(invitationEventJob('invitation.mail_failed', invitation, {
    id: eventIdFor(`mail-failed:${job.id}@${job.updatedAt.getTime()}`), at: now, actor: 'system', contacts: contact ? [contact] : [],
    detail: { reason: reason.slice(0, 300), attempts: job.attempts },
  }));
}
