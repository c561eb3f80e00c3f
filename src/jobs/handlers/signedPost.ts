import { PermanentJobError } from '../../domain/jobOutcomes.ts';
import { throttledRetry } from '../../domain/retryAfter.ts';
import { SIGNATURE_HEADER, signBody } from '../../workflows/signature.ts';

export type SignedDelivery = {
  url: string;
  secret: string;
  /** The exact JSON text sent and signed. */
  body: string;
  event: string;
  deliveryId: string;
  timeoutMs: number;
};

export type DeliveryAnswer = { status: number; retryAfter: string | null };

/**
 * POSTs a webhook body signed with the secret (`X-InviteDesk-Signature`, see signature.ts), with
 * the event and delivery ids as headers. Redirects are not followed. Throws when the endpoint
 * cannot be reached (network failure, timeout).
 */
export async function postSigned(delivery: SignedDelivery): Promise<DeliveryAnswer> {
  const response = await fetch(delivery.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'InviteDesk-Webhook/1',
      'x-invitedesk-event': delivery.event,
      'x-invitedesk-delivery': delivery.deliveryId,
      [SIGNATURE_HEADER.toLowerCase()]: signBody(delivery.secret, delivery.body),
    },
    body: delivery.body,
    redirect: 'manual',
    signal: AbortSignal.timeout(delivery.timeoutMs),
  });
  await response.body?.cancel();
  return { status: response.status, retryAfter: response.headers.get('retry-after') };
}

/**
 * What an answer means for the job: null for 2xx (done); a retry after Retry-After for 429/503; a
 * retry with back-off for 408 and 5xx; a dead letter for any other answer, which cannot change.
 */
export function answerFailure(answer: DeliveryAnswer, now: number, reason: string): Error | null {
  if (answer.status >= 200 && answer.status < 300) return null;
  const throttled = throttledRetry(answer, now, reason);
  if (throttled) return throttled;
  if (answer.status === 408 || answer.status >= 500) return new Error(reason);
  return new PermanentJobError(reason);
}
