import type { DeliveryFilterInput, WebhookInput } from '../../../src/services/webhooks.ts';
import { API_BASE_PATH } from '../openapi/document.ts';
import type { ApiCall, ApiHandler } from '../router.ts';

const page = (call: ApiCall) => ({ limit: call.query.limit as number | undefined, after: call.query.after as string | undefined });

/** Webhook subscriptions and their delivery log, over the webhook use cases (Admin). */
export const webhookHandlers: Record<string, ApiHandler> = {
  async listWebhooks(call) {
    return { status: 200, body: { items: await call.services.webhooks.list(call.actor) } };
  },

  async createWebhook(call) {
    const { url, events } = call.body as WebhookInput;
    const created = await call.services.webhooks.add(call.actor, { url, events });
    return { status: 201, body: created, headers: { Location: `${API_BASE_PATH}/webhooks/${created.id}` } };
  },

  getWebhook: async (call) => ({ status: 200, body: await call.services.webhooks.get(call.actor, call.params.webhook!) }),

  async updateWebhook(call) {
    const { enabled } = call.body as { enabled: boolean };
    return { status: 200, body: await call.services.webhooks.setEnabled(call.actor, call.params.webhook!, enabled) };
  },

  async removeWebhook(call) {
    await call.services.webhooks.remove(call.actor, call.params.webhook!);
    return { status: 204 };
  },

  async listWebhookDeliveries(call) {
    const { webhook, event, status } = call.query as { webhook?: string; event?: string; status?: DeliveryFilterInput['status'] };
    const result = await call.services.webhooks.deliveries(call.actor, { subscriptionId: webhook, eventId: event, status }, page(call));
    return { status: 200, body: result };
  },

  redeliverWebhookDelivery: async (call) => ({ status: 200, body: await call.services.webhooks.redeliver(call.actor, call.params.delivery!) }),
};
