import { setTimeout as sleep } from 'node:timers/promises';
import { DeferJobError } from '../domain/jobOutcomes.ts';
import type { Store } from '../store/port.ts';
import type { Mailer } from './mailer.ts';

/**
 * Spaces the mail of each sender mailbox to `perMinute`, across every process sharing the store,
 * so Exchange's sending limits are never reached. A mail whose slot is near waits for it; one whose
 * slot is further off is deferred (its job runs again later), not failed.
 */
export function pacedMailer(inner: Mailer, store: Store, perMinute: number, options: { clock?: () => Date; maxWaitMs?: number; random?: () => number } = {}): Mailer {
  const intervalMs = Math.ceil(60_000 / perMinute);
  const clock = options.clock ?? (() => new Date());
  const maxWaitMs = options.maxWaitMs ?? Math.max(intervalMs, 20_000);
  const random = options.random ?? Math.random;
  return {
    kind: inner.kind,
    async send(mail) {
      const now = clock();
      const slot = await store.rateSlots.reserve(`mail:${mail.from.toLowerCase()}`, intervalMs, now, maxWaitMs);
      if (!slot.ok) {
        const spread = Math.max(maxWaitMs, slot.nextAt.getTime() - now.getTime());
        throw new DeferJobError(new Date(slot.nextAt.getTime() - maxWaitMs / 2 + Math.floor(random() * spread)), `mailbox ${mail.from} is paced to ${perMinute} a minute`);
      }
      const wait = slot.at.getTime() - now.getTime();
      if (wait > 0) await sleep(wait);
      await inner.send(mail);
    },
  };
}
