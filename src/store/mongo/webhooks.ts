import type { WebhookDelivery, WebhookSubscription } from '../../domain/webhook.ts';
import type { WebhookDeliveryStore, WebhookStore } from '../port.ts';
import { isKey } from './keys.ts';
import type { Models, WebhookDeliveryDoc, WebhookDoc } from './models.ts';
import { listPage } from './paging.ts';
import { insertManySkippingDuplicates } from './writes.ts';

/* Subscriptions change by plain single-document updates; a delivery is changed only by the worker holding its job's lease (or a redelivery). */

const toSubscription = (doc: WebhookDoc): WebhookSubscription => ({
  id: doc._id, url: doc.url, events: doc.events, secret: doc.secret, enabled: doc.enabled, createdBy: doc.createdBy, createdAt: doc.createdAt,
});

const toDelivery = (doc: WebhookDeliveryDoc): WebhookDelivery => ({
  id: doc._id, subscriptionId: doc.subscriptionId, eventId: doc.eventId, eventType: doc.eventType, event: JSON.parse(doc.event),
  status: doc.status, attempts: doc.attempts, lastResponseCode: doc.lastResponseCode ?? null, lastError: doc.lastError ?? null,
  lastAttemptAt: doc.lastAttemptAt ?? null, createdAt: doc.createdAt, updatedAt: doc.updatedAt,
});

const deliveryDoc = ({ id, event, ...rest }: WebhookDelivery): WebhookDeliveryDoc => ({ _id: id, ...rest, event: JSON.stringify(event) });

export function mongoWebhooks(models: Models): WebhookStore {
  const { webhooks } = models;
  return {
    async insert({ id, ...rest }) {
      await webhooks.create({ _id: id, ...rest, events: [...rest.events] });
    },
    async get(id) {
      if (!isKey(id)) return null;
      const doc = await webhooks.findById(id).lean<WebhookDoc>();
      return doc ? toSubscription(doc) : null;
    },
    async list() {
      return (await webhooks.find().sort({ createdAt: 1, _id: 1 }).lean<WebhookDoc[]>()).map(toSubscription);
    },
    async setEnabled(id, enabled) {
      if (!isKey(id)) return false;
      return (await webhooks.updateOne({ _id: id }, { $set: { enabled } })).matchedCount > 0;
    },
    async remove(id) {
      if (!isKey(id)) return false;
      return (await webhooks.deleteOne({ _id: id })).deletedCount > 0;
    },
  };
}

export function mongoWebhookDeliveries(models: Models): WebhookDeliveryStore {
  const { webhookDeliveries } = models;
  return {
    async insertMany(deliveries) {
      return (await insertManySkippingDuplicates(webhookDeliveries.collection, deliveries.map(deliveryDoc))).inserted;
    },
    async get(id) {
      if (!isKey(id)) return null;
      const doc = await webhookDeliveries.findById(id).lean<WebhookDeliveryDoc>();
      return doc ? toDelivery(doc) : null;
    },
    async recordAttempt(id, attempt) {
      if (!isKey(id)) return false;
      const result = await webhookDeliveries.updateOne({ _id: id }, {
        $set: { status: attempt.status, lastResponseCode: attempt.responseCode, lastError: attempt.error, lastAttemptAt: attempt.at, updatedAt: attempt.at },
        $inc: { attempts: 1 },
      });
      return result.matchedCount > 0;
    },
    async setStatus(id, status, error, now) {
      if (!isKey(id)) return false;
      return (await webhookDeliveries.updateOne({ _id: id }, { $set: { status, lastError: error, updatedAt: now } })).matchedCount > 0;
    },
    async list(filter, page) {
      const query: Record<string, unknown> = {};
      if (isKey(filter.subscriptionId)) query.subscriptionId = filter.subscriptionId;
      if (isKey(filter.eventId)) query.eventId = filter.eventId;
      if (isKey(filter.status)) query.status = filter.status;
      return listPage(webhookDeliveries, query, page, toDelivery);
    },
  };
}
