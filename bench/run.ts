/**
 * `npm run bench [-- --quick] [--only redeem,bulk-invite] [--stores sqlite,ferretdb,ferretdb-pg] [--profile] [--compare FILE]`:
 * measures the scenarios of docs/performance.md beside a bare baseline and their yardsticks
 * (redeem-floor, echo-bot, cold-start-floor) in the same run, counts the store work per unit,
 * writes bench/results/latest.json and prints a table (with `--compare`, each figure beside the
 * same figure of an earlier latest.json). Load comes from autocannon in its own process.
 *
 * `npm run bench -- --soak [--soak-minutes 10] [--soak-rate N]`: only the soak (bench/scenarios/soak.ts),
 * written to bench/results/soak.json; exits with 1 when its verdict fails.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { baselineScenario } from './scenarios/baseline.ts';
import { bulkInviteScenario } from './scenarios/bulkInvite.ts';
import { echoBotScenario } from './scenarios/echoBot.ts';
import { FLOOR_WORK, redeemFloorScenario, type Floor } from './scenarios/redeemFloor.ts';
import { storeWorkScenario, type StoreWorkCounts } from './scenarios/storeWork.ts';
import { coldStartScenario } from './scenarios/coldStart.ts';
import { serviceScenarios } from './scenarios/service.ts';
import { soakScenario } from './scenarios/soak.ts';
import { printSoak } from './support/soakTable.ts';
import { machine } from './support/machine.ts';
import { REPO_ROOT } from '../testkit/repoRoot.ts';
import { measureAgainst, type ScenarioName, type ScenarioResult } from './support/results.ts';
import { compareReports } from './support/compare.ts';
import { benchSettings } from './support/settings.ts';
import { parseStoreNames, storesNamed } from './support/stores.ts';
import { printTable } from './support/table.ts';
import { checkTargets } from './support/targets.ts';

const SCENARIOS: ScenarioName[] = ['baseline', 'redeem-page', 'redeem', 'bot-roundtrip', 'bulk-invite', 'cold-start'];
/** What `--only` takes: the scenarios (a scenario brings its yardstick along) and the store-work counts. */
const SELECTABLE = [...SCENARIOS, 'store-work'];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    only: { type: 'string' },
    stores: { type: 'string' },
    out: { type: 'string' },
    compare: { type: 'string' },
    soak: { type: 'boolean', default: false },
    'soak-minutes': { type: 'string', default: '10' },
    'soak-rate': { type: 'string' },
  },
});
const out = values.out ?? join(REPO_ROOT, values.soak ? 'bench/results/soak.json' : 'bench/results/latest.json');
const only = values.only ? values.only.split(',').map((name) => name.trim()) : SELECTABLE;
const unknown = only.filter((name) => !SELECTABLE.includes(name));
if (unknown.length) throw new Error(`unknown scenario ${unknown.join(', ')}; the scenarios are ${SELECTABLE.join(', ')}`);
const wanted = (name: ScenarioName | 'store-work') => only.includes(name);
const previous = values.compare ? JSON.parse(readFileSync(values.compare, 'utf8')) as unknown : null;
const storeNames = parseStoreNames(values.stores);

const startedAt = new Date();
const started = performance.now();
const log = (line: string) => process.stderr.write(`bench [${((performance.now() - started) / 1000).toFixed(1)} s]: ${line}\n`);

if (values.soak) await soak();
else await measureScenarios();

async function soak() {
  const minutes = positiveInteger(values['soak-minutes'], '--soak-minutes');
  const ratePerSecond = values['soak-rate'] === undefined ? null : positiveInteger(values['soak-rate'], '--soak-rate');
  log(`soak: ${minutes} minutes of redemptions on SQLite at ${ratePerSecond ?? 'half the unlimited rate'}${ratePerSecond ? '/s' : ''}`);
  const result = await soakScenario({ minutes, ratePerSecond, connections: 10, log });
  const report = {
    command: `npm run bench -- --soak --soak-minutes ${minutes}${ratePerSecond ? ` --soak-rate ${ratePerSecond}` : ''}`,
    startedAt: startedAt.toISOString(),
    wallSeconds: Math.round((performance.now() - started) / 100) / 10,
    machine: machine(),
    ...result,
  };
  mkdirSync(join(out, '..'), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  printSoak(report);
  log(`wrote ${out} in ${report.wallSeconds} s`);
  if (!result.verdict.passed) process.exitCode = 1;
}

function positiveInteger(text: string, option: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${option} takes a whole number of at least 1, not ${JSON.stringify(text)}`);
  return value;
}

async function measureScenarios() {
  const settings = benchSettings(values.quick, values.profile);
  const results: ScenarioResult[] = [];
  const skipped: string[] = [];

  log(`${values.quick ? 'quick' : 'full'} run: ${only.join(', ')} on ${storeNames.join(', ')}`);
  const baseline = await baselineScenario(settings);
  results.push(baseline.result);
  log(`baseline ${baseline.load.requestsPerSecond} requests/s`);
  let floor: Floor | null = null;
  if (wanted('redeem-page') || wanted('redeem')) {
    floor = await redeemFloorScenario(settings, baseline.load);
    results.push(...floor.results);
    log(`redeem floor: page ${floor.page.requestsPerSecond} requests/s, redeem ${floor.redeem.requestsPerSecond} redemptions/s (p99 ${floor.redeem.latencyMs.p99} ms)`);
  }
  let echo: Awaited<ReturnType<typeof echoBotScenario>> | null = null;
  if (wanted('bot-roundtrip')) {
    echo = await echoBotScenario(settings, baseline.load);
    results.push(echo.result);
    log(`echo-bot ${echo.load.requestsPerSecond} turns/s (p99 ${echo.load.latencyMs.p99} ms)`);
  }
  const storeWork: StoreWorkCounts[] = [];

  for (const name of storeNames) {
    const stores = await storesNamed(name);
    if ('missing' in stores) {
      skipped.push(`${name}: ${stores.missing}`);
      continue;
    }
    const { factory } = stores;
    try {
      if (wanted('redeem-page') || wanted('redeem') || wanted('bot-roundtrip')) {
        const store = factory.fresh();
        try {
          const measured = await serviceScenarios(store, settings, baseline.load);
          for (const result of measured) {
            if (floor && result.scenario === 'redeem') measureAgainst(result, 'redeem-floor (same run)', floor.redeem);
            if (floor && result.scenario === 'redeem-page') measureAgainst(result, 'redeem-page-floor (same run)', floor.page);
            if (echo && result.scenario === 'bot-roundtrip') measureAgainst(result, 'echo-bot (same run)', echo.load);
          }
          results.push(...measured.filter((result) => wanted(result.scenario)));
          for (const result of measured) log(`${result.scenario} on ${name}: ${result.throughput?.value} ${result.throughput?.unit}, p99 ${result.latencyMs?.p99} ms`);
        } finally {
          store.remove();
        }
      }
      if (wanted('store-work')) {
        const store = factory.fresh();
        try {
          storeWork.push(await storeWorkScenario(store));
          log(`store work on ${name}: ${JSON.stringify(storeWork.at(-1)!.units.redemption)} per redemption`);
        } finally {
          store.remove();
        }
      }
      if (wanted('bulk-invite')) {
        const store = factory.fresh();
        try {
          const result = await bulkInviteScenario(store, settings.bulkContacts[name]);
          results.push(result);
          log(`bulk-invite on ${name}: ${result.details.contacts} contacts in ${result.details.totalMs} ms`);
        } finally {
          store.remove();
        }
      }
    } finally {
      await factory.stop();
    }
  }

  if (wanted('cold-start')) {
    const result = await coldStartScenario(settings);
    results.push(result);
    log(`cold-start: ready in ${result.details.readyMs} ms, ${result.details.idleRssMiB} MiB idle`);
  }

  const report = {
    command: `npm run bench${values.quick ? ' -- --quick' : ''}`,
    startedAt: startedAt.toISOString(),
    wallSeconds: Math.round((performance.now() - started) / 100) / 10,
    machine: machine(),
    settings,
    scenarios: results,
    storeWork: { floor: FLOOR_WORK, stores: storeWork },
    targets: checkTargets(results, storeWork),
    skipped,
  };
  mkdirSync(join(out, '..'), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  printTable(report);
  if (previous) process.stdout.write(`\n${compareReports(previous, report)}\n`);
  log(`wrote ${out} in ${report.wallSeconds} s`);
}
