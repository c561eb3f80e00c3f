import { newJob, type Job } from './job.ts';
import { JOB_KINDS } from './jobKinds.ts';
import type { WebhookDelivery, WebhookEvent, WebhookSubscription } from './webhook.ts';
import { eventIdFor } from './webhookEvent.ts';

/** The delivery of one event to one subscription; its id is the same however often the fan-out runs. */
export function newDelivery(event: WebhookEvent, subscription: Pick<WebhookSubscription, 'id'>, now: Date): WebhookDelivery {
  return {
    id: eventIdFor(`delivery:${event.id}:${subscription.id}`), subscriptionId: subscription.id, eventId: event.id, eventType: event.type, event,
    status: 'pending', attempts: 0, lastResponseCode: null, lastError: null, lastAttemptAt: null, createdAt: now, updatedAt: now,
  };
}

/** The job that POSTs a delivery: `round` 0 for the first sending, a new round for each redelivery. */
export function deliveryJob(deliveryId: string, now: Date, round: string | null = null): Job {
  return newJob({ id: round ? `webhook:${deliveryId}:${round}` : `webhook:${deliveryId}`, kind: JOB_KINDS.webhookDelivery, payload: { deliveryId } }, now);
}
