import { nextRateSlot } from '../../domain/rateSlot.ts';
import type { RateSlotStore } from '../port.ts';
import type { Database } from './database.ts';

export function sqliteRateSlots(db: Database): RateSlotStore {
  return {
    async reserve(key, intervalMs, now, maxWaitMs) {
      return db.transaction(() => {
        const row = db.one<{ next_at: number }>('SELECT next_at FROM rate_slots WHERE key = ?', key);
        const slot = nextRateSlot(row ? new Date(row.next_at) : null, now, intervalMs, maxWaitMs);
        if (!slot.ok) return slot;
        db.run('INSERT INTO rate_slots (key, next_at) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET next_at = excluded.next_at', key, slot.nextFreeAt.getTime());
        return { ok: true as const, at: slot.at };
      });
    },
  };
}
