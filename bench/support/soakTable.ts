import type { SoakReport } from '../scenarios/soak.ts';

/** The soak as a table on stdout, a row per minute, then its verdict. */
export function printSoak(report: SoakReport & { machine: Record<string, unknown> }): void {
  const m = report.machine;
  const rows = [['minute', 'requests', 'rate', 'p50 ms', 'p99 ms', 'max ms', 'errors', 'RSS median MiB', 'RSS min–max MiB']];
  for (const minute of report.minutes) {
    rows.push([
      String(minute.minute), String(minute.requests), `${minute.ratePerSecond}/s`, String(minute.latencyMs.p50), String(minute.latencyMs.p99), String(minute.latencyMs.max),
      String(minute.errors), String(minute.rssMiB.median), `${minute.rssMiB.min}–${minute.rssMiB.max}`,
    ]);
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  const { settings } = report;
  process.stdout.write(`${[
    `machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}`,
    `soak: redeem on SQLite at ${settings.ratePerSecond}/s (${settings.rateFrom}), ${settings.connections} connections, ${settings.minutes} minutes; RSS sampled every ${settings.rssSampleSeconds} s`,
    '',
    line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line),
    '',
    ...report.checks,
    ...report.verdict.summary,
  ].join('\n')}\n`);
}
