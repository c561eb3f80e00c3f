/**
 * Spacing of actions that share a limit (mail per sender mailbox): one slot per `intervalMs` per
 * key. A reservation gets a slot to wait for, or, when the next free one is too far off, when it comes.
 */
export type RateSlotReservation = { ok: true; at: Date } | { ok: false; nextAt: Date };

/** A reservation as decided, with what the key's next free slot becomes when one is taken. */
export type RateSlotDecision = { ok: true; at: Date; nextFreeAt: Date } | { ok: false; nextAt: Date };

/**
 * The arithmetic of a reservation, for a store to apply atomically. Given when the key's next slot
 * is free (null when the key was never used), a caller at `now` gets the later of that and `now`
 * if it comes within `maxWaitMs`, and the key is next free `intervalMs` after it (`nextFreeAt`, for
 * the store to keep); otherwise nothing is taken and nothing changes.
 */
export function nextRateSlot(freeAt: Date | null, now: Date, intervalMs: number, maxWaitMs: number): RateSlotDecision {
  const slot = Math.max(now.getTime(), freeAt?.getTime() ?? 0);
  if (slot - now.getTime() > maxWaitMs) return { ok: false, nextAt: new Date(slot) };
  return { ok: true, at: new Date(slot), nextFreeAt: new Date(slot + intervalMs) };
}
