import { PermanentJobError } from '../../domain/jobOutcomes.ts';
import { isWebhookEventType, wantsEvent, type WebhookEvent } from '../../domain/webhook.ts';
import { deliveryJob, newDelivery } from '../../domain/webhookDelivery.ts';
import type { JobHandler } from '../worker.ts';
import type { HandlerDeps } from './deps.ts';

/**
 * Hands an event to every subscription that wants it and existed when it happened: one delivery
 * record and one delivery job each. A re-run (after a crash) adds nothing twice.
 */
export function webhookEventHandler(deps: Pick<HandlerDeps, 'store' | 'clock'>): JobHandler {
  return async (job) => {
    const event = job.payload.event as WebhookEvent | undefined;
    if (!event || typeof event.id !== 'string' || !isWebhookEventType(String(event.type))) throw new PermanentJobError('The job holds no event.');
    const happened = Date.parse(event.occurredAt);
    const subscriptions = (await deps.store.webhooks.list()).filter((s) => wantsEvent(s, event.type) && s.createdAt.getTime() <= happened);
    if (!subscriptions.length) return;
    const now = deps.clock();
    const deliveries = subscriptions.map((subscription) => newDelivery(event, subscription, now));
    await deps.store.webhookDeliveries.insertMany(deliveries);
    await deps.store.jobs.enqueueMany(deliveries.map((delivery) => deliveryJob(delivery.id, now)));
  };
}
