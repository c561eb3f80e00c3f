import type { LoadResult } from '../load.ts';
import type { StoreName } from './stores.ts';

export type ScenarioName = 'baseline' | 'redeem-page' | 'redeem' | 'bot-roundtrip' | 'bulk-invite' | 'cold-start'
  | 'redeem-page-floor' | 'redeem-floor' | 'echo-bot';

/**
 * One measured scenario. `ratioToBaseline` is always "ours divided by the baseline's" of the
 * measure named in `ratioOf` (throughput for load, time or memory for the others), so the reader
 * never has to guess which way round it is.
 */
export type ScenarioResult = {
  scenario: ScenarioName;
  store: StoreName | null;
  throughput: { value: number; unit: 'requests/s' | 'contacts/s' } | null;
  latencyMs: { p50: number; p99: number } | null;
  baseline: { name: string; value: number; unit: string };
  ratioOf: string;
  ratioToBaseline: number;
  /**
   * The yardstick of issue 16, measured in the same run: the least the same kind of work costs on
   * our stack (redeem-floor, echo-bot, cold-start-floor). `ratio` is ours divided by it, of `ratioOf`.
   */
  yardstick?: { name: string; value: number; unit: string; ratioOf: string; ratio: number };
  /** What was checked after the run (e.g. every redemption recorded). */
  checks: string[];
  details: Record<string, unknown>;
};

export type Target = { scenario: ScenarioName; store: StoreName | null; measure: string; target: string; measured: string; met: boolean };

export function ratio(ours: number, baseline: number): number {
  return baseline === 0 ? 0 : Math.round((ours / baseline) * 1000) / 1000;
}

/** A load scenario beside the bare Express baseline of the same run. */
export function loadScenario(scenario: ScenarioName, store: StoreName | null, load: LoadResult, baseline: LoadResult, checks: string[], details: Record<string, unknown> = {}): ScenarioResult {
  return {
    scenario,
    store,
    throughput: { value: load.requestsPerSecond, unit: 'requests/s' },
    latencyMs: { p50: load.latencyMs.p50, p99: load.latencyMs.p99 },
    baseline: { name: 'bare Express "hello" (same run)', value: baseline.requestsPerSecond, unit: 'requests/s' },
    ratioOf: 'throughput',
    ratioToBaseline: ratio(load.requestsPerSecond, baseline.requestsPerSecond),
    checks,
    details: { ...details, load },
  };
}

/** Fails loudly when a load run got anything but the expected answers. */
export function expectStatuses(name: string, load: LoadResult, expected: Record<string, number | 'all'>): string {
  const unexpected = Object.entries(load.statusCodes).filter(([code]) => !(code in expected));
  if (unexpected.length || load.errors || load.timeouts) {
    throw new Error(`${name}: unexpected answers ${JSON.stringify({ statusCodes: load.statusCodes, errors: load.errors, timeouts: load.timeouts })}`);
  }
  return `${name}: ${Object.entries(load.statusCodes).map(([code, count]) => `${count} × ${code}`).join(', ')}, no errors`;
}

/** Sets a load scenario's yardstick: another load of the same kind of work in the same run. */
export function measureAgainst(result: ScenarioResult, name: string, yardstick: LoadResult): void {
  result.yardstick = { name, value: yardstick.requestsPerSecond, unit: 'requests/s', ratioOf: 'throughput', ratio: ratio(result.throughput!.value, yardstick.requestsPerSecond) };
  result.details.p99RatioToYardstick = ratio(result.latencyMs!.p99, yardstick.latencyMs.p99);
}
