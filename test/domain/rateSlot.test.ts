import assert from 'node:assert/strict';
import { nextRateSlot } from '../../src/domain/rateSlot.ts';

describe('rate slot arithmetic', () => {
  const now = new Date('2026-06-01T12:00:00Z');
  const at = (ms: number) => new Date(now.getTime() + ms);

  it('gives a key never used the slot now, and frees the next one an interval later', () => {
    assert.deepEqual(nextRateSlot(null, now, 2000, 0), { ok: true, at: now, nextFreeAt: at(2000) });
  });

  it('gives a key whose next slot has passed the slot now', () => {
    assert.deepEqual(nextRateSlot(at(-5000), now, 2000, 0), { ok: true, at: now, nextFreeAt: at(2000) });
  });

  it('gives a later slot when it comes within the wait allowed, the boundary included', () => {
    assert.deepEqual(nextRateSlot(at(3000), now, 2000, 5000), { ok: true, at: at(3000), nextFreeAt: at(5000) });
    assert.deepEqual(nextRateSlot(at(5000), now, 2000, 5000), { ok: true, at: at(5000), nextFreeAt: at(7000) });
  });

  it('takes nothing when the next slot is further off than the wait allowed, and says when it comes', () => {
    assert.deepEqual(nextRateSlot(at(5001), now, 2000, 5000), { ok: false, nextAt: at(5001) });
  });
});
