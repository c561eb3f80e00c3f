import type { LoadResult } from '../load.ts';
import { runLoad, startMeasuredServer } from '../support/processes.ts';
import type { BenchSettings } from '../support/settings.ts';
import { expectStatuses, type ScenarioResult } from '../support/results.ts';

/** (a) baseline: a bare Express "hello" under the same load as every scenario. */
export async function baselineScenario(settings: BenchSettings): Promise<{ load: LoadResult; result: ScenarioResult }> {
  const hello = await startMeasuredServer('bench/targets/hello.ts', {});
  try {
    const load = await runLoad({ kind: 'fixed', url: hello.url, path: '/', connections: settings.connections, durationSeconds: settings.durationSeconds, warmupSeconds: settings.warmupSeconds });
    const check = expectStatuses('baseline', load, { 200: 'all' });
    return {
      load,
      result: {
        scenario: 'baseline', store: null,
        throughput: { value: load.requestsPerSecond, unit: 'requests/s' },
        latencyMs: { p50: load.latencyMs.p50, p99: load.latencyMs.p99 },
        baseline: { name: 'itself', value: load.requestsPerSecond, unit: 'requests/s' },
        ratioOf: 'throughput', ratioToBaseline: 1, checks: [check], details: { load },
      },
    };
  } finally {
    await hello.stop();
  }
}
