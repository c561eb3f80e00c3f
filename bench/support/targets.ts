import type { ScenarioResult, Target } from './results.ts';

/** The targets of issue #7, each reported as measured, met or not. */
export function checkTargets(results: ScenarioResult[]): Target[] {
  const targets: Target[] = [];
  const find = (scenario: string, store: string | null) => results.find((r) => r.scenario === scenario && r.store === store);

  const redeem = find('redeem', 'sqlite');
  if (redeem?.throughput && redeem.latencyMs) {
    targets.push({
      scenario: 'redeem', store: 'sqlite', measure: 'redemptions/s and p99', target: '≥ 1000/s with p99 < 50 ms',
      measured: `${redeem.throughput.value}/s, p99 ${redeem.latencyMs.p99} ms`,
      met: redeem.throughput.value >= 1000 && redeem.latencyMs.p99 < 50,
    });
  }
  for (const [store, limitMs] of [['sqlite', 3_000], ['ferretdb', 15_000]] as const) {
    const bulk = find('bulk-invite', store);
    if (bulk && bulk.details.contacts === 10_000) {
      const totalMs = bulk.details.totalMs as number;
      targets.push({ scenario: 'bulk-invite', store, measure: '10,000 contacts invited and queued', target: `< ${limitMs / 1000} s`, measured: `${(totalMs / 1000).toFixed(2)} s`, met: totalMs < limitMs });
    }
  }
  const cold = find('cold-start', 'sqlite');
  if (cold) {
    const readyMs = cold.details.readyMs as number;
    const idle = cold.details.idleRssMiB as number;
    targets.push({ scenario: 'cold-start', store: 'sqlite', measure: 'ready', target: '< 1.5 s', measured: `${(readyMs / 1000).toFixed(2)} s`, met: readyMs < 1_500 });
    targets.push({ scenario: 'cold-start', store: 'sqlite', measure: 'resident memory idle', target: '< 150 MB', measured: `${Math.round(idle * 1.048576)} MB (${idle} MiB)`, met: idle * 1.048576 < 150 });
  }
  return targets;
}
