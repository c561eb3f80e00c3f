import { FLOOR_WORK } from '../scenarios/redeemFloor.ts';
import type { StoreWorkCounts } from '../scenarios/storeWork.ts';
import type { ScenarioResult, Target } from './results.ts';

/** The targets of issue 16 (yardsticks in the same run, exact store work), each reported as measured, met or not. */
export function checkTargets(results: ScenarioResult[], storeWork: StoreWorkCounts[] = []): Target[] {
  const targets: Target[] = [];
  const find = (scenario: string, store: string | null) => results.find((r) => r.scenario === scenario && r.store === store);

  const redeem = find('redeem', 'sqlite');
  if (redeem?.yardstick && redeem.latencyMs) {
    targets.push({
      scenario: 'redeem', store: 'sqlite', measure: 'redemptions/s to redeem-floor, and p99', target: '≥ 0.5 × with p99 < 50 ms',
      measured: `${redeem.yardstick.ratio} × (${redeem.throughput!.value}/s to ${redeem.yardstick.value}/s), p99 ${redeem.latencyMs.p99} ms`,
      met: redeem.yardstick.ratio >= 0.5 && redeem.latencyMs.p99 < 50,
    });
  }
  const page = find('redeem-page', 'sqlite');
  if (page?.yardstick) {
    targets.push({ scenario: 'redeem-page', store: 'sqlite', measure: 'pages/s to the floor\'s page', target: '≥ 0.5 ×', measured: `${page.yardstick.ratio} ×`, met: page.yardstick.ratio >= 0.5 });
  }
  for (const bot of results.filter((r) => r.scenario === 'bot-roundtrip' && r.yardstick)) {
    const slower = bot.yardstick!.ratio === 0 ? Infinity : Math.round((1 / bot.yardstick!.ratio) * 100) / 100;
    const p99 = bot.details.p99RatioToYardstick as number;
    targets.push({ scenario: 'bot-roundtrip', store: bot.store, measure: 'echo-bot to ours, in turns/s and p99', target: '≤ 1.3 × each', measured: `${slower} × in turns/s, ${p99} × in p99`, met: slower <= 1.3 && p99 <= 1.3 });
  }
  // FerretDB on SQLite has no target: its backend scans a collection per query; it stays as context.
  for (const [store, limitMs] of [['sqlite', 3_000], ['ferretdb-pg', 15_000]] as const) {
    const bulk = find('bulk-invite', store);
    if (bulk && bulk.details.contacts === 10_000) {
      const totalMs = bulk.details.totalMs as number;
      targets.push({ scenario: 'bulk-invite', store, measure: '10,000 contacts invited and queued', target: `< ${limitMs / 1000} s`, measured: `${(totalMs / 1000).toFixed(2)} s`, met: totalMs < limitMs });
    }
  }
  const cold = find('cold-start', 'sqlite');
  if (cold?.yardstick) {
    const above = cold.details.idleRssAboveFloorMiB as number;
    targets.push({ scenario: 'cold-start', store: 'sqlite', measure: 'ready, to cold-start-floor', target: '≤ 1.3 ×', measured: `${cold.yardstick.ratio} × (${cold.details.readyMs} ms to ${cold.yardstick.value} ms)`, met: cold.yardstick.ratio <= 1.3 });
    targets.push({ scenario: 'cold-start', store: 'sqlite', measure: 'idle memory above cold-start-floor', target: '≤ 40 MiB', measured: `${above} MiB`, met: above <= 40 });
  }
  for (const { store, units } of storeWork) {
    if (store === 'sqlite') {
      const limit = FLOOR_WORK.redemption.statements + 3;
      targets.push({ scenario: 'redeem', store, measure: 'SQLite statements per redemption', target: `≤ the floor's + 3 (${limit})`, measured: String(units.redemption.statements), met: units.redemption.statements <= limit });
      continue;
    }
    for (const [unit, scenario, limit] of [['redemption', 'redeem', 6], ['redeemPage', 'redeem-page', 3], ['botTurn', 'bot-roundtrip', 4]] as const) {
      targets.push({ scenario, store, measure: `MongoDB commands per ${unit === 'redemption' ? 'redemption' : unit === 'redeemPage' ? 'redeem page' : 'bot turn'}`, target: `≤ ${limit}`, measured: String(units[unit].commands), met: units[unit].commands <= limit });
    }
    const perThousand = units.bulkInvite2000.commands - units.bulkInvite1000.commands;
    targets.push({ scenario: 'bulk-invite', store, measure: 'MongoDB commands per 1,000 contacts more', target: 'O(1): a few (≤ 10), not one per contact', measured: `${perThousand} (${units.bulkInvite1000.commands} for 1,000)`, met: perThousand <= 10 });
  }
  return targets;
}
