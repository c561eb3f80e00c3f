import assert from 'node:assert/strict';
import { parseExpiry } from '../../src/domain/expiry.ts';

describe('expiry as staff type it', () => {
  const now = new Date('2026-06-01T12:00:00Z');
  it('reads durations from now', () => {
    assert.deepEqual(parseExpiry('7d', now), new Date('2026-06-08T12:00:00Z'));
    assert.deepEqual(parseExpiry('12h', now), new Date('2026-06-02T00:00:00Z'));
    assert.deepEqual(parseExpiry('2W', now), new Date('2026-06-15T12:00:00Z'));
    assert.deepEqual(parseExpiry('90m', now), new Date('2026-06-01T13:30:00Z'));
  });
  it('reads a bare date as the end of that day and a date-time with its zone', () => {
    assert.deepEqual(parseExpiry('2026-12-31', now), new Date('2026-12-31T23:59:59.999Z'));
    assert.deepEqual(parseExpiry('2026-12-31T17:00+01:00', now), new Date('2026-12-31T16:00:00Z'));
  });
  it('reads never as no expiry and refuses anything else', () => {
    assert.equal(parseExpiry('never', now), null);
    for (const bad of ['tomorrow', '7', '2026-13-45', '2026-12-31T17:00', '-3d', '']) assert.equal(parseExpiry(bad, now), undefined, bad);
  });
});
