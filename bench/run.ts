/**
 * `npm run bench [-- --quick] [--only redeem,bulk-invite] [--stores sqlite] [--profile]`: measures the
 * scenarios of docs/performance.md beside a bare baseline in the same run, writes
 * bench/results/latest.json and prints a table. Load comes from autocannon in its own process.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { baselineScenario } from './scenarios/baseline.ts';
import { bulkInviteScenario } from './scenarios/bulkInvite.ts';
import { coldStartScenario } from './scenarios/coldStart.ts';
import { serviceScenarios } from './scenarios/service.ts';
import { machine } from './support/machine.ts';
import { REPO_ROOT } from '../testkit/repoRoot.ts';
import type { ScenarioName, ScenarioResult } from './support/results.ts';
import { benchSettings } from './support/settings.ts';
import { ferretDbStores, sqliteStores, type StoreFactory, type StoreName } from './support/stores.ts';
import { printTable } from './support/table.ts';
import { checkTargets } from './support/targets.ts';

const SCENARIOS: ScenarioName[] = ['baseline', 'redeem-page', 'redeem', 'bot-roundtrip', 'bulk-invite', 'cold-start'];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    only: { type: 'string' },
    stores: { type: 'string', default: 'sqlite,ferretdb' },
    out: { type: 'string', default: join(REPO_ROOT, 'bench/results/latest.json') },
  },
});
const only = values.only ? values.only.split(',').map((name) => name.trim()) : SCENARIOS;
const unknown = only.filter((name) => !SCENARIOS.includes(name as ScenarioName));
if (unknown.length) throw new Error(`unknown scenario ${unknown.join(', ')}; the scenarios are ${SCENARIOS.join(', ')}`);
const wanted = (name: ScenarioName) => only.includes(name);
const storeNames = values.stores.split(',').map((name) => name.trim()) as StoreName[];
if (storeNames.some((name) => name !== 'sqlite' && name !== 'ferretdb')) throw new Error('--stores takes sqlite, ferretdb or both');

const settings = benchSettings(values.quick, values.profile);
const startedAt = new Date();
const started = performance.now();
const results: ScenarioResult[] = [];
const skipped: string[] = [];
const log = (line: string) => process.stderr.write(`bench [${((performance.now() - started) / 1000).toFixed(1)} s]: ${line}\n`);

log(`${values.quick ? 'quick' : 'full'} run: ${only.join(', ')} on ${storeNames.join(', ')}`);
const baseline = await baselineScenario(settings);
results.push(baseline.result);
log(`baseline ${baseline.load.requestsPerSecond} requests/s`);

for (const name of storeNames) {
  const factory: StoreFactory | null = name === 'sqlite' ? sqliteStores() : await ferretDbStores();
  if (!factory) {
    skipped.push(`${name}: no FerretDB binary and no MONGODB_URI (see testkit/mongoServer.ts)`);
    continue;
  }
  try {
    if (wanted('redeem-page') || wanted('redeem') || wanted('bot-roundtrip')) {
      const store = factory.fresh();
      try {
        const measured = await serviceScenarios(store, settings, baseline.load);
        results.push(...measured.filter((result) => wanted(result.scenario)));
        for (const result of measured) log(`${result.scenario} on ${name}: ${result.throughput?.value} ${result.throughput?.unit}, p99 ${result.latencyMs?.p99} ms`);
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
  targets: checkTargets(results),
  skipped,
};
mkdirSync(join(values.out, '..'), { recursive: true });
writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
printTable(report);
log(`wrote ${values.out} in ${report.wallSeconds} s`);
