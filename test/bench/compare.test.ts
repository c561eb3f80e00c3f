import assert from 'node:assert/strict';
import { compareReports } from '../../bench/support/compare.ts';

const run = (startedAt: string, redeemPerSecond: number, statements: number) => ({
  startedAt,
  scenarios: [{ scenario: 'redeem', store: 'sqlite', throughput: { value: redeemPerSecond, unit: 'requests/s' }, latencyMs: { p50: 10, p99: 40 }, ratioToBaseline: 0.1, yardstick: { ratio: 0.5 }, details: {} }],
  storeWork: { stores: [{ store: 'sqlite', units: { redemption: { statements, transactions: 1, commands: 0 } } }] },
});

describe('bench --compare', () => {
  it('puts each figure beside the earlier run, with the change', () => {
    const lines = compareReports(run('2026-12-01T00:00:00Z', 400, 20), run('2026-12-02T00:00:00Z', 500, 22)).split('\n');
    assert.match(lines[0]!, /2026-12-01T00:00:00Z/);
    assert.match(lines.find((l) => l.startsWith('redeem (sqlite) throughput'))!, /400 requests\/s\s+500 requests\/s\s+\+100 \(\+25 %\)$/);
    assert.match(lines.find((l) => l.startsWith('redeem (sqlite) p99'))!, /40 ms\s+40 ms\s+=$/);
    assert.match(lines.find((l) => l.startsWith('store work (sqlite) redemption statements'))!, /20\s+22\s+\+2 \(\+10 %\)$/);
  });

  it('says which figures only one of the runs has', () => {
    const before = run('2026-12-01T00:00:00Z', 400, 20);
    const now = { ...run('2026-12-02T00:00:00Z', 500, 20), storeWork: { stores: [] } };
    const lines = compareReports(before, now).split('\n');
    assert.match(lines.find((l) => l.startsWith('store work (sqlite) redemption statements'))!, /20\s+-\s+not measured$/);
    assert.match(compareReports({ scenarios: [] }, now), /redeem \(sqlite\) throughput\s+-\s+500 requests\/s\s+new/);
  });
});
