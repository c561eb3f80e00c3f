import type { DeliveryStatus, WebhookDelivery, WebhookEventType, WebhookSubscription } from '../../domain/webhook.ts';
import type { WebhookDeliveryStore, WebhookStore } from '../port.ts';
import type { Database } from './database.ts';
import { listPage, type Query } from './paging.ts';

type SubscriptionRow = { id: string; url: string; events: string; secret: string; enabled: number; created_by: string; created_at: number };
type DeliveryRow = {
  id: string; subscription_id: string; event_id: string; event_type: string; event: string; status: DeliveryStatus; attempts: number;
  last_response_code: number | null; last_error: string | null; last_attempt_at: number | null; created_at: number; updated_at: number;
};

const toSubscription = (row: SubscriptionRow): WebhookSubscription => ({
  id: row.id, url: row.url, events: JSON.parse(row.events), secret: row.secret, enabled: row.enabled === 1,
  createdBy: row.created_by, createdAt: new Date(row.created_at),
});

const toDelivery = (row: DeliveryRow): WebhookDelivery => ({
  id: row.id, subscriptionId: row.subscription_id, eventId: row.event_id, eventType: row.event_type as WebhookEventType, event: JSON.parse(row.event),
  status: row.status, attempts: row.attempts, lastResponseCode: row.last_response_code, lastError: row.last_error,
  lastAttemptAt: row.last_attempt_at === null ? null : new Date(row.last_attempt_at), createdAt: new Date(row.created_at), updatedAt: new Date(row.updated_at),
});

export function sqliteWebhooks(db: Database): WebhookStore {
  return {
    async insert(s) {
      db.run('INSERT INTO webhooks (id, url, events, secret, enabled, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        s.id, s.url, JSON.stringify(s.events), s.secret, s.enabled ? 1 : 0, s.createdBy, s.createdAt.getTime());
    },
    async get(id) {
      const row = db.one<SubscriptionRow>('SELECT * FROM webhooks WHERE id = ?', id);
      return row ? toSubscription(row) : null;
    },
    async list() {
      return db.all<SubscriptionRow>('SELECT * FROM webhooks ORDER BY created_at, id').map(toSubscription);
    },
    async setEnabled(id, enabled) {
      return db.run('UPDATE webhooks SET enabled = ? WHERE id = ?', enabled ? 1 : 0, id).changes > 0;
    },
    async remove(id) {
      return db.run('DELETE FROM webhooks WHERE id = ?', id).changes > 0;
    },
  };
}

export function sqliteWebhookDeliveries(db: Database): WebhookDeliveryStore {
  return {
    async insertMany(deliveries) {
      return db.transaction(() => deliveries.reduce((added, d) => added + db.run(
        `INSERT OR IGNORE INTO webhook_deliveries (id, subscription_id, event_id, event_type, event, status, attempts, last_response_code, last_error,
           last_attempt_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        d.id, d.subscriptionId, d.eventId, d.eventType, JSON.stringify(d.event), d.status, d.attempts, d.lastResponseCode, d.lastError,
        d.lastAttemptAt?.getTime() ?? null, d.createdAt.getTime(), d.updatedAt.getTime(),
      ).changes, 0));
    },
    async get(id) {
      const row = db.one<DeliveryRow>('SELECT * FROM webhook_deliveries WHERE id = ?', id);
      return row ? toDelivery(row) : null;
    },
    async recordAttempt(id, attempt) {
      return db.run(
        `UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1, last_response_code = ?, last_error = ?, last_attempt_at = ?, updated_at = ?
         WHERE id = ?`,
        attempt.status, attempt.responseCode, attempt.error, attempt.at.getTime(), attempt.at.getTime(), id,
      ).changes > 0;
    },
    async setStatus(id, status, error, now) {
      return db.run('UPDATE webhook_deliveries SET status = ?, last_error = ?, updated_at = ? WHERE id = ?', status, error, now.getTime(), id).changes > 0;
    },
    async list(filter, page) {
      const query: Query = { select: 'SELECT * FROM webhook_deliveries', where: [], params: [] };
      if (filter.subscriptionId) { query.where.push('subscription_id = ?'); query.params.push(filter.subscriptionId); }
      if (filter.eventId) { query.where.push('event_id = ?'); query.params.push(filter.eventId); }
      if (filter.status) { query.where.push('status = ?'); query.params.push(filter.status); }
      return listPage(db, query, page, toDelivery, (d) => d.createdAt);
    },
  };
}
