/** The lifecycle events an integrator can subscribe to, each emitted where the change happens. */
export const WEBHOOK_EVENT_TYPES = [
  'invitation.created',
  'invitation.approved',
  'invitation.rejected',
  'invitation.sent',
  'invitation.mail_failed',
  'invitation.redeemed',
  'invitation.redemption_reset',
  'invitation.expired',
  'invitation.revoked',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

/**
 * What a receiver gets, as JSON. `id` is the event's, the same on every retry and redelivery, so a
 * receiver can drop what it has seen. Never holds the invitation's code.
 */
export type WebhookEvent = {
  id: string;
  type: WebhookEventType;
  /** When the change happened (ISO 8601). */
  occurredAt: string;
  invitation: { id: string; name: string; type: 'single' | 'group'; status: string; expiresAt: string | null };
  /** The contacts the event is about (the mailed, redeeming or reset contact; a single invitation's invitee). */
  contacts: { id: string; email: string | null }[];
  /** Who caused it: a staff member's object id, `cli`, `system` (the worker, a sweep) or `contact:<id>` (a customer). */
  actor: string;
  /** What else the event says (a rejection's reason, why mail failed). */
  detail: Record<string, unknown>;
};

/** An integrator's subscription: deliveries of the events it wants, signed with its secret. */
export type WebhookSubscription = {
  id: string;
  url: string;
  /** The event types it wants; empty means every type. */
  events: WebhookEventType[];
  /** Key of the HMAC-SHA256 signature on each delivery; shown to the admin once, at creation. */
  secret: string;
  enabled: boolean;
  createdBy: string;
  createdAt: Date;
};

export function wantsEvent(subscription: Pick<WebhookSubscription, 'enabled' | 'events'>, type: WebhookEventType): boolean {
  return subscription.enabled && (subscription.events.length === 0 || subscription.events.includes(type));
}

export const DELIVERY_STATUSES = ['pending', 'retrying', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One event to one subscription, and how sending it went (the delivery log). */
export type WebhookDelivery = {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventType: WebhookEventType;
  event: WebhookEvent;
  status: DeliveryStatus;
  /** POSTs made, over every redelivery. */
  attempts: number;
  lastResponseCode: number | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

/** One attempt's outcome, as the delivery log keeps it. */
export type DeliveryAttempt = { status: DeliveryStatus; responseCode: number | null; error: string | null; at: Date };
