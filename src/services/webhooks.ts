import { z } from 'zod';
import { ConflictError, NotFoundError } from '../domain/errors.ts';
import { DELIVERY_STATUSES, WEBHOOK_EVENT_TYPES, type WebhookDelivery, type WebhookSubscription } from '../domain/webhook.ts';
import { deliveryJob } from '../domain/webhookDelivery.ts';
import { webhookUrlProblem } from '../domain/webhookUrl.ts';
import type { Page } from '../store/port.ts';
import { newWebhookSecret } from '../workflows/signature.ts';
import type { Actor, ServiceContext } from './context.ts';
import { pageInput, parseInput, type PageInput } from './input.ts';
import { assertMay } from './permissions.ts';

export type WebhookView = Omit<WebhookSubscription, 'secret'>;

const subscriptionInput = (allowLocal: boolean) => z.object({
  url: z.string().trim().max(2000, 'is at most 2000 characters').superRefine((url, issues) => {
    const problem = webhookUrlProblem(url, { allowLocal });
    if (problem) issues.addIssue({ code: 'custom', message: problem });
  }),
  /** The event types wanted; empty or absent for every type. */
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES, { message: `must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}` })).max(WEBHOOK_EVENT_TYPES.length).default([]),
});
export type WebhookInput = z.input<ReturnType<typeof subscriptionInput>>;

const deliveryFilter = z.object({
  subscriptionId: z.string().trim().min(1).max(100).optional(),
  eventId: z.string().trim().min(1).max(100).optional(),
  status: z.enum(DELIVERY_STATUSES, { message: `must be one of ${DELIVERY_STATUSES.join(', ')}` }).optional(),
});
export type DeliveryFilterInput = z.input<typeof deliveryFilter>;

const hideSecret = ({ secret: _secret, ...subscription }: WebhookSubscription): WebhookView => subscription;

/**
 * Webhook subscriptions (events out), for admins: the one home of their rules, whatever the edge
 * (CLI, bot, REST API). The secret is shown once, when the subscription is added; URLs are checked
 * as workflow URLs are, stricter (https only; a local or private host only where WEBHOOK_ALLOW_LOCAL_URLS).
 */
export function webhookService(ctx: ServiceContext) {
  const { store } = ctx;
  const may = (actor: Actor) => assertMay(ctx, actor, 'admin', 'managing webhooks');
  const audit = (actor: Actor, action: string, id: string, detail: Record<string, unknown> = {}) =>
    store.audit.append({ id: ctx.newId(), at: ctx.clock(), actor, action, subjectId: `webhook:${id}`, detail });
  const subscription = async (id: string) => {
    const found = await store.webhooks.get(id.trim());
    if (!found) throw new NotFoundError('Webhook', id.trim().slice(0, 100));
    return found;
  };

  return {
    async add(actor: Actor, input: WebhookInput): Promise<WebhookSubscription> {
      await may(actor);
      const data = parseInput(subscriptionInput(ctx.webhookPolicy?.allowLocalUrls ?? false), input);
      const created: WebhookSubscription = {
        id: ctx.newId(), url: data.url, events: [...new Set(data.events)], secret: newWebhookSecret(), enabled: true, createdBy: actor, createdAt: ctx.clock(),
      };
      await store.webhooks.insert(created);
      await audit(actor, 'webhook.added', created.id, { url: created.url, events: created.events });
      return created;
    },

    async list(actor: Actor): Promise<WebhookView[]> {
      await may(actor);
      return (await store.webhooks.list()).map(hideSecret);
    },

    async get(actor: Actor, id: string): Promise<WebhookView> {
      await may(actor);
      return hideSecret(await subscription(id));
    },

    /** Removes the subscription; deliveries not made yet are not made. Its log stays. */
    async remove(actor: Actor, id: string): Promise<void> {
      await may(actor);
      const found = await subscription(id);
      if (!(await store.webhooks.remove(found.id))) throw new NotFoundError('Webhook', found.id);
      await audit(actor, 'webhook.removed', found.id, { url: found.url });
    },

    /** A disabled subscription gets nothing (events meanwhile are not kept for it) until enabled again. */
    async setEnabled(actor: Actor, id: string, enabled: boolean): Promise<WebhookView> {
      await may(actor);
      const found = await subscription(id);
      await store.webhooks.setEnabled(found.id, enabled);
      await audit(actor, enabled ? 'webhook.enabled' : 'webhook.disabled', found.id);
      return hideSecret({ ...found, enabled });
    },

    /** The delivery log, newest first. */
    async deliveries(actor: Actor, filter: DeliveryFilterInput = {}, page: PageInput = {}): Promise<Page<WebhookDelivery>> {
      await may(actor);
      return store.webhookDeliveries.list(parseInput(deliveryFilter, filter), parseInput(pageInput, page));
    },

    /** Sends a delivery again, with the same event (and event id), however it went before. */
    async redeliver(actor: Actor, deliveryId: string): Promise<WebhookDelivery> {
      await may(actor);
      const delivery = await store.webhookDeliveries.get(deliveryId.trim());
      if (!delivery) throw new NotFoundError('Delivery', deliveryId.trim().slice(0, 100));
      const target = await store.webhooks.get(delivery.subscriptionId);
      if (!target?.enabled) throw new ConflictError(`Its webhook was ${target ? 'disabled: enable it first' : 'removed'}.`);
      const now = ctx.clock();
      await store.webhookDeliveries.setStatus(delivery.id, 'pending', null, now);
      await store.jobs.enqueue(deliveryJob(delivery.id, now, ctx.newId()));
      await audit(actor, 'webhook.redelivered', target.id, { deliveryId: delivery.id, eventId: delivery.eventId });
      return { ...delivery, status: 'pending', lastError: null, updatedAt: now };
    },
  };
}
