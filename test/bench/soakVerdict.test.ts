import assert from 'node:assert/strict';
import { soakVerdict, type SoakMinute } from '../../bench/support/soakVerdict.ts';

const minute = (n: number, rss: number[], extra: Partial<SoakMinute> = {}): SoakMinute => ({
  minute: n, requests: 6_000, ratePerSecond: 100, latencyMs: { p50: 5, p99: 20, max: 40 }, statusCodes: { 303: 6_000 }, errors: 0,
  rssMiB: { samples: rss.length, median: [...rss].sort((a, b) => a - b)[rss.length >> 1]!, min: Math.min(...rss), max: Math.max(...rss) }, ...extra,
});

describe('soak verdict', () => {
  it('passes steady memory that only moves within the noise of minute 2', () => {
    const verdict = soakVerdict([minute(1, [180, 200]), minute(2, [240, 250, 262]), minute(3, [245, 258]), minute(4, [248, 254, 266])]);
    assert.equal(verdict.leak, false);
    assert.equal(verdict.passed, true);
    assert.equal(verdict.rssGrowthMiB, 4);
    assert.equal(verdict.noiseBoundMiB, 44); // twice minute 2's spread (22 MiB): more than the 20 MiB floor
  });

  it('calls growth from minute 2 to the last beyond the bound a possible leak', () => {
    const verdict = soakVerdict([minute(1, [180]), minute(2, [240, 241, 242]), minute(3, [262]), minute(4, [289, 290, 291])]);
    assert.equal(verdict.leak, true);
    assert.equal(verdict.passed, false);
    assert.equal(verdict.rssGrowthMiB, 49);
    assert.equal(verdict.noiseBoundMiB, 20);
    assert.match(verdict.summary.join('\n'), /possible leak: resident memory grew 49 MiB from minute 2 to minute 4 \(noise bound 20 MiB\)/);
  });

  it('fails on any answer that is not an accepted redemption, and says how many', () => {
    const verdict = soakVerdict([minute(1, [200]), minute(2, [240]), minute(3, [240], { statusCodes: { 303: 5_990, 500: 7 }, errors: 3 + 7 })]);
    assert.equal(verdict.leak, false);
    assert.equal(verdict.errors, 10);
    assert.equal(verdict.passed, false);
    assert.match(verdict.summary.join('\n'), /10 errors/);
  });

  it('does not judge memory on fewer than 3 minutes', () => {
    const verdict = soakVerdict([minute(1, [200]), minute(2, [300])]);
    assert.equal(verdict.leak, null);
    assert.equal(verdict.passed, true);
    assert.match(verdict.summary.join('\n'), /too short to judge memory/);
  });
});
