import { PermanentJobError } from '../../domain/jobOutcomes.ts';
import type { DeliveryStatus } from '../../domain/webhook.ts';
import type { JobHandler } from '../worker.ts';
import { payloadString, type HandlerDeps } from './deps.ts';
import { answerFailure, postSigned } from './signedPost.ts';

/**
 * POSTs one event to one subscription, signed with its secret, and writes the outcome to the
 * delivery log. Retried as a workflow is (408, 429, 5xx, unreachable); another answer, or the last
 * attempt, is final. A subscription removed or disabled since gets nothing.
 */
export function webhookDeliveryHandler(deps: HandlerDeps): JobHandler {
  return async (job) => {
    const deliveries = deps.store.webhookDeliveries;
    const delivery = await deliveries.get(payloadString(job.payload, 'deliveryId'));
    if (!delivery) throw new PermanentJobError('The delivery is not in the log.');
    const subscription = await deps.store.webhooks.get(delivery.subscriptionId);
    if (!subscription?.enabled) {
      await deliveries.setStatus(delivery.id, 'failed', `The subscription was ${subscription ? 'disabled' : 'removed'}; nothing was sent.`, deps.clock());
      return;
    }
    const lastAttempt = deps.jobMaxAttempts !== undefined && job.attempts >= deps.jobMaxAttempts;
    const record = (status: DeliveryStatus, responseCode: number | null, error: string | null) =>
      deliveries.recordAttempt(delivery.id, { status, responseCode, error, at: deps.clock() });

    let answer;
    try {
      answer = await postSigned({
        url: subscription.url, secret: subscription.secret, body: JSON.stringify(delivery.event), event: delivery.eventType,
        deliveryId: delivery.id, timeoutMs: deps.webhookTimeoutMs,
      });
    } catch (error) {
      const reason = `the endpoint could not be reached: ${(error as Error).message}`;
      await record(lastAttempt ? 'failed' : 'retrying', null, reason);
      throw new Error(reason);
    }
    const failure = answerFailure(answer, deps.clock().getTime(), `the endpoint answered ${answer.status}`);
    await record(failure ? (failure instanceof PermanentJobError || lastAttempt ? 'failed' : 'retrying') : 'delivered', answer.status, failure?.message ?? null);
    if (failure) throw failure;
  };
}
