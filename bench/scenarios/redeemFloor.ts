import { join } from 'node:path';
import type { LoadResult } from '../load.ts';
import { runLoad, startMeasuredServer } from '../support/processes.ts';
import { expectStatuses, loadScenario, type ScenarioResult } from '../support/results.ts';
import { addContacts, addGroupInvitation, openBenchRuntime, writeSignedInSessions } from '../support/seeding.ts';
import { BENCH_CODE_SECRET, type BenchSettings } from '../support/settings.ts';
import { sqliteStores } from '../support/stores.ts';

/** What bench/targets/redeemFloor.ts makes the store do, by construction (its prepared statements). */
export const FLOOR_WORK = {
  /** The session, the code, then claim, redeemer, activity, account, two roles and one job in one transaction. */
  redemption: { statements: 9, transactions: 1 },
  /** The code, and the names of what it gives. */
  page: { statements: 2, transactions: 0 },
};

export type Floor = { page: LoadResult; redeem: LoadResult; results: ScenarioResult[] };

/**
 * `redeem-page-floor` and `redeem-floor`: the same loads as `redeem-page` and `redeem`, against the
 * redeem floor (bench/targets/redeemFloor.ts) on a SQLite store seeded the same way.
 */
export async function redeemFloorScenario(settings: BenchSettings, baseline: LoadResult): Promise<Floor> {
  const store = sqliteStores().fresh();
  try {
    const env: Record<string, string> = { ...store.env, CODE_SECRET: BENCH_CODE_SECRET };
    const runtime = await openBenchRuntime(env);
    let code: string;
    const sessionsFile = join(env.DATA_DIR!, 'sessions.tsv');
    const sessionSecret = runtime.sessionSecret;
    try {
      const contactIds = await addContacts(runtime, settings.redeemers.sqlite, 'floor');
      code = (await addGroupInvitation(runtime, contactIds.slice(0, 1), 1_000_000)).code;
      await writeSignedInSessions(runtime, contactIds, sessionsFile);
    } finally {
      await runtime.close();
    }
    const floor = await startMeasuredServer('bench/targets/redeemFloor.ts', { ...env, SESSION_SECRET: sessionSecret });
    try {
      const common = { url: floor.url, connections: settings.connections, durationSeconds: settings.durationSeconds };
      const page = await runLoad({ ...common, kind: 'fixed', path: `/redeem?code=${code}`, warmupSeconds: settings.warmupSeconds });
      const redeem = await runLoad({ ...common, kind: 'redeem', sessionsFile, codes: [code] });
      const { redeemed } = await (await fetch(`${floor.url}/count`)).json() as { redeemed: number };
      const accepted = redeem.statusCodes['303'] ?? 0;
      if (redeemed < accepted) throw new Error(`redeem-floor: ${accepted} answered as accepted but only ${redeemed} made`);
      return {
        page,
        redeem,
        results: [
          loadScenario('redeem-page-floor', 'sqlite', page, baseline, [expectStatuses('redeem-page-floor', page, { 200: 'all' })], { work: FLOOR_WORK.page }),
          loadScenario('redeem-floor', 'sqlite', redeem, baseline, [expectStatuses('redeem-floor', redeem, { 303: 'all', 200: 'all' }), `redeem-floor: ${accepted} accepted, ${redeemed} made`], { work: FLOOR_WORK.redemption }),
        ],
      };
    } finally {
      await floor.stop();
    }
  } finally {
    store.remove();
  }
}
