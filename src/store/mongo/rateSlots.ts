import { ConcurrentChangeError } from '../../domain/errors.ts';
import { nextRateSlot } from '../../domain/rateSlot.ts';
import type { RateSlotStore } from '../port.ts';
import { backOff, casWrite } from './cas.ts';
import type { Models, RateSlotDoc } from './models.ts';
import { isDuplicateKey } from './writes.ts';

const RATE_SLOT_ATTEMPTS = 50;

/** A reservation writes the key's next free time by compare-and-swap (the first by a unique insert); a lost race reads again. */
export function mongoRateSlots(models: Models): RateSlotStore {
  const { rateSlots, markers } = models;
  return {
    async reserve(key, intervalMs, now, maxWaitMs) {
      for (let attempt = 0; attempt < RATE_SLOT_ATTEMPTS; attempt++) {
        const stored = await rateSlots.findById(key).lean<RateSlotDoc>();
        const slot = nextRateSlot(stored?.nextAt ?? null, now, intervalMs, maxWaitMs);
        if (!slot.ok) return slot;
        const nextAt = slot.nextFreeAt;
        try {
          const reserved = stored ? await casWrite(markers, rateSlots, stored, { nextAt }) : await rateSlots.create({ _id: key, nextAt, revision: 0 });
          if (reserved) return { ok: true, at: slot.at };
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
        }
        await backOff(attempt);
      }
      throw new ConcurrentChangeError(`The rate slot ${key}`);
    },
  };
}
