import type { StoreName } from './stores.ts';

/** How long and how hard; `--quick` keeps the whole run under two minutes. */
export type BenchSettings = {
  quick: boolean;
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  /**
   * Signed-in customers ready to redeem; a run stops early if they are all used (the floor on a
   * quiet machine redeemed 52,000 in 15 s, more than the 40,000 there were). FerretDB redeems
   * a few per second on its SQLite backend (which scans a collection for every query), so a few
   * hundred do; on PostgreSQL it is faster.
   */
  redeemers: Record<StoreName, number>;
  /**
   * Contacts in the bulk-invite group. The scenario and its targets are 10,000; the quick run uses
   * fewer on FerretDB (its SQLite backend scans a collection for every query; on either backend
   * `$in` is evaluated document by document: see docs/performance.md).
   */
  bulkContacts: Record<StoreName, number>;
  coldStarts: number;
  /** Run the service under V8's CPU profiler and report where the redeem load's time went. */
  profile: boolean;
};

export function benchSettings(quick: boolean, profile = false): BenchSettings {
  return quick
    ? { quick, connections: 10, durationSeconds: 4, warmupSeconds: 1, redeemers: { sqlite: 10_000, ferretdb: 400, 'ferretdb-pg': 2_000 }, bulkContacts: { sqlite: 10_000, ferretdb: 2_000, 'ferretdb-pg': 2_000 }, coldStarts: 2, profile }
    : { quick, connections: 10, durationSeconds: 15, warmupSeconds: 3, redeemers: { sqlite: 100_000, ferretdb: 400, 'ferretdb-pg': 4_000 }, bulkContacts: { sqlite: 10_000, ferretdb: 10_000, 'ferretdb-pg': 10_000 }, coldStarts: 5, profile };
}

/** Who the bot benchmark speaks as. */
export const BENCH_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const BENCH_ADMIN = 'bbbbbbbb-0000-4000-8000-000000000001';
export const BENCH_CODE_SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
