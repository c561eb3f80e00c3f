import type { StoreWorkCounts } from '../scenarios/storeWork.ts';
import type { ProfileSummary } from './profile.ts';
import type { ScenarioResult, Target } from './results.ts';

/** The run as a table on stdout, then the targets. */
export function printTable(report: {
  machine: Record<string, unknown>; scenarios: ScenarioResult[]; targets: Target[]; skipped: string[];
  storeWork?: { floor: Record<string, { statements: number; transactions: number }>; stores: StoreWorkCounts[] };
}): void {
  const rows = [['scenario', 'store', 'throughput', 'p50 ms', 'p99 ms', 'ratio to baseline', 'baseline', 'ratio to yardstick']];
  for (const r of report.scenarios) {
    rows.push([
      r.scenario, r.store ?? '-',
      r.throughput ? `${r.throughput.value} ${r.throughput.unit}` : describeOther(r),
      r.latencyMs ? String(r.latencyMs.p50) : '-', r.latencyMs ? String(r.latencyMs.p99) : '-',
      `${r.ratioToBaseline} (${r.ratioOf})`, `${r.baseline.value} ${r.baseline.unit}`,
      r.yardstick ? `${r.yardstick.ratio} (${r.yardstick.ratioOf} to ${r.yardstick.name.split(' ')[0]} ${r.yardstick.value} ${r.yardstick.unit})` : '-',
    ]);
  }
  const m = report.machine;
  const out = [`machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}`, '', ...columns(rows), ''];
  if (report.storeWork?.stores.length) out.push(...storeWorkTable(report.storeWork.stores, report.storeWork.floor), '');
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

function columns(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)];
}

/** Store work per unit: statements (transactions) on SQLite, commands (by name) on MongoDB. */
function storeWorkTable(stores: StoreWorkCounts[], floor: Record<string, { statements: number; transactions: number }>): string[] {
  const units = [['redemption', 'redemption'], ['redeemPage', 'redeem page'], ['botTurn', 'bot turn'], ['bulkInvite1000', 'bulk invite, 1,000'], ['bulkInvite2000', 'bulk invite, 2,000']] as const;
  const rows = [['store work per unit', ...stores.map((s) => s.store)]];
  for (const [unit, label] of units) {
    rows.push([label, ...stores.map(({ store, units: counted }) => {
      const work = counted[unit];
      return store === 'sqlite' ? `${work.statements} statements, ${work.transactions} transactions` : `${work.commands} commands (${Object.entries(work.byCommand).map(([name, n]) => `${n} ${name}`).join(', ')})`;
    })]);
  }
  return [...columns(rows), `redeem floor: ${floor.redemption!.statements} statements in ${floor.redemption!.transactions} transaction per redemption, ${floor.page!.statements} per page`];
}
