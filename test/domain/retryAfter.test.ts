import assert from 'node:assert/strict';
import { RetryLaterError } from '../../src/domain/jobOutcomes.ts';
import { throttledRetry } from '../../src/domain/retryAfter.ts';

describe('a throttled answer as a job retry', () => {
  const now = Date.parse('2025-03-01T12:00:00Z');

  it('waits as long as Retry-After says, in seconds or as a date, for 429 and 503', () => {
    const seconds = throttledRetry({ status: 429, retryAfter: '7' }, now, 'busy');
    assert.ok(seconds instanceof RetryLaterError);
    assert.equal(seconds.delayMs, 7000);
    assert.equal(seconds.message, 'busy');
    assert.equal(throttledRetry({ status: 503, retryAfter: 'Sat, 01 Mar 2025 12:01:30 GMT' }, now, 'busy')?.delayMs, 90_000);
  });

  it('waits 30 seconds when the server does not say, or says something unreadable', () => {
    for (const retryAfter of [null, undefined, 'soon']) assert.equal(throttledRetry({ status: 429, retryAfter }, now, 'busy')?.delayMs, 30_000);
  });

  it('is null for any other answer, or for a status outside those the caller names', () => {
    for (const status of [undefined, 200, 400, 500, 502]) assert.equal(throttledRetry({ status, retryAfter: '7' }, now, 'x'), null);
    assert.equal(throttledRetry({ status: 503, retryAfter: '7' }, now, 'x', [429]), null);
    assert.equal(throttledRetry({ status: 429, retryAfter: '7' }, now, 'x', [429])?.delayMs, 7000);
  });
});
