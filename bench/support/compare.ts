/**
 * `--compare FILE`: every figure of this run beside the same figure of an earlier
 * bench/results/latest.json, with the change, so a regression shows in one command. Figures only
 * one of the two runs has are listed with a dash on the other side.
 */

type Report = { startedAt?: string; scenarios?: unknown[]; storeWork?: { stores?: unknown[] } };
type Figure = { label: string; value: number; unit: string };

export function compareReports(before: unknown, now: unknown): string {
  const old = new Map(figuresOf(before as Report).map((f) => [f.label, f]));
  const current = figuresOf(now as Report);
  const rows = [['figure', 'before', 'now', 'change']];
  const seen = new Set<string>();
  for (const figure of current) {
    seen.add(figure.label);
    const was = old.get(figure.label);
    rows.push([figure.label, was ? `${was.value} ${was.unit}` : '-', `${figure.value} ${figure.unit}`, was ? change(was.value, figure.value) : 'new']);
  }
  for (const [label, was] of old) if (!seen.has(label)) rows.push([label, `${was.value} ${was.unit}`, '-', 'not measured']);
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  const heading = `compared with the run of ${(before as Report).startedAt ?? 'an unknown time'}:`;
  return [heading, line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

function change(was: number, now: number): string {
  const by = Math.round((now - was) * 1000) / 1000;
  if (by === 0) return '=';
  const percent = was === 0 ? '' : ` (${by > 0 ? '+' : ''}${Math.round((by / was) * 1000) / 10} %)`;
  return `${by > 0 ? '+' : ''}${by}${percent}`;
}

/** The figures of one report, each under a label that names its scenario, store and measure. */
export function figuresOf(report: Report): Figure[] {
  const figures: Figure[] = [];
  const add = (label: string, value: unknown, unit: string) => {
    if (typeof value === 'number' && Number.isFinite(value)) figures.push({ label, value, unit });
  };
  for (const raw of report.scenarios ?? []) {
    const r = raw as {
      scenario: string; store: string | null; throughput?: { value: number; unit: string } | null; latencyMs?: { p50: number; p99: number } | null;
      ratioToBaseline?: number; yardstick?: { ratio: number }; details?: Record<string, unknown>;
    };
    const name = r.store ? `${r.scenario} (${r.store})` : r.scenario;
    add(`${name} throughput`, r.throughput?.value, r.throughput?.unit ?? '');
    add(`${name} p50`, r.latencyMs?.p50, 'ms');
    add(`${name} p99`, r.latencyMs?.p99, 'ms');
    if (r.scenario !== 'baseline') add(`${name} ratio to baseline`, r.ratioToBaseline, '×');
    add(`${name} ratio to yardstick`, r.yardstick?.ratio, '×');
    add(`${name} ready`, r.details?.readyMs, 'ms');
    add(`${name} idle memory`, r.details?.idleRssMiB, 'MiB');
    add(`${name} idle memory above floor`, r.details?.idleRssAboveFloorMiB, 'MiB');
    add(`${name} total`, r.details?.totalMs, 'ms');
  }
  for (const raw of report.storeWork?.stores ?? []) {
    const { store, units } = raw as { store: string; units: Record<string, { statements: number; transactions: number; commands: number }> };
    for (const [unit, work] of Object.entries(units)) {
      if (store === 'sqlite') {
        add(`store work (sqlite) ${unit} statements`, work.statements, '');
        add(`store work (sqlite) ${unit} transactions`, work.transactions, '');
      } else {
        add(`store work (${store}) ${unit} commands`, work.commands, '');
      }
    }
  }
  return figures;
}
