/** One minute of the soak: its load's figures and the service's resident memory sampled during it. */
export type SoakMinute = {
  minute: number;
  requests: number;
  ratePerSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
  statusCodes: Record<string, number>;
  /** Answers other than an accepted redemption (303), plus connection errors and timeouts. */
  errors: number;
  rssMiB: { samples: number; median: number; min: number; max: number };
};

export type SoakVerdict = {
  /** null: fewer than 3 minutes, too short to tell growth from warm-up. */
  leak: boolean | null;
  rssGrowthMiB: number;
  noiseBoundMiB: number;
  errors: number;
  passed: boolean;
  summary: string[];
};

/** The least growth that counts as more than noise, whatever minute 2 looked like. */
const NOISE_FLOOR_MIB = 20;

/**
 * Memory: the median resident memory of the last minute against minute 2's (minute 1 is warm-up:
 * code compiled, caches and pools filled). Growth beyond the noise bound, twice the spread of
 * minute 2's own samples (the garbage collector's saw-tooth) but at least 20 MiB, is a possible
 * leak. Errors: any answer but an accepted redemption fails the soak.
 */
export function soakVerdict(minutes: SoakMinute[]): SoakVerdict {
  const errors = minutes.reduce((sum, m) => sum + m.errors, 0);
  const second = minutes[1];
  const last = minutes.at(-1);
  const summary: string[] = [];
  let leak: boolean | null = null;
  let rssGrowthMiB = 0;
  let noiseBoundMiB = NOISE_FLOOR_MIB;
  if (minutes.length < 3 || !second || !last) {
    summary.push(`memory: ${minutes.length} minute(s), too short to judge memory (needs 3: minute 1 is warm-up)`);
  } else {
    rssGrowthMiB = round(last.rssMiB.median - second.rssMiB.median);
    noiseBoundMiB = round(Math.max(NOISE_FLOOR_MIB, 2 * (second.rssMiB.max - second.rssMiB.min)));
    leak = rssGrowthMiB > noiseBoundMiB;
    const change = `resident memory grew ${rssGrowthMiB} MiB from minute 2 to minute ${last.minute} (noise bound ${noiseBoundMiB} MiB)`;
    summary.push(leak ? `memory: possible leak: ${change}` : `memory: steady: ${change.replace(/grew -/, 'fell ')}`);
    const p99 = second.latencyMs.p99 === 0 ? 1 : round(last.latencyMs.p99 / second.latencyMs.p99);
    summary.push(`latency: p99 ${second.latencyMs.p99} ms in minute 2, ${last.latencyMs.p99} ms in minute ${last.minute} (${p99} ×)`);
  }
  summary.push(errors === 0 ? 'errors: none' : `errors: ${errors} errors (answers other than an accepted redemption, connection errors, timeouts)`);
  const passed = leak !== true && errors === 0;
  summary.push(passed ? 'verdict: PASSED' : 'verdict: FAILED');
  return { leak, rssGrowthMiB, noiseBoundMiB, errors, passed, summary };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
