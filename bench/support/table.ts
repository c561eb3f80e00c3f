import type { ProfileSummary } from './profile.ts';
import type { ScenarioResult, Target } from './results.ts';

/** The run as a table on stdout, then the targets. */
export function printTable(report: { machine: Record<string, unknown>; scenarios: ScenarioResult[]; targets: Target[]; skipped: string[] }): void {
  const rows = [['scenario', 'store', 'throughput', 'p50 ms', 'p99 ms', 'ratio to baseline', 'baseline']];
  for (const r of report.scenarios) {
    rows.push([
      r.scenario, r.store ?? '-',
      r.throughput ? `${r.throughput.value} ${r.throughput.unit}` : describeOther(r),
      r.latencyMs ? String(r.latencyMs.p50) : '-', r.latencyMs ? String(r.latencyMs.p99) : '-',
      `${r.ratioToBaseline} (${r.ratioOf})`, `${r.baseline.value} ${r.baseline.unit}`,
    ]);
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ');
  const m = report.machine;
  const out = [`machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}`, '', line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line), ''];
  for (const t of report.targets) out.push(`${t.met ? 'MET   ' : 'MISSED'} ${t.scenario}${t.store ? ` (${t.store})` : ''}: ${t.measure} ${t.target}, measured ${t.measured}`);
  for (const s of report.skipped) out.push(`SKIPPED ${s}`);
  for (const r of report.scenarios) {
    const profile = (r.details.startupProfile ?? r.details.profile) as ProfileSummary | undefined;
    if (!profile) continue;
    const top = profile.byPackage.slice(0, 6).map((p) => `${p.name} ${p.ms} ms`).join(', ');
    out.push(`profile of ${r.scenario}${r.store ? ` (${r.store})` : ''}, ${profile.windowMs} ms of CPU samples: ${top}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

function describeOther(r: ScenarioResult): string {
  if (r.scenario === 'cold-start') return `ready ${r.details.readyMs} ms, idle ${r.details.idleRssMiB} MiB, peak ${r.details.peakRssUnderLoadMiB} MiB (site only: ${(r.details.siteOnly as { readyMs: number }).readyMs} ms, ${(r.details.siteOnly as { idleRssMiB: number }).idleRssMiB} MiB)`;
  return '-';
}
