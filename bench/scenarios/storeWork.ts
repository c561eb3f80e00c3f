import type { StoreWork } from '../../testkit/storeWork.ts';
import { runJsonProcess } from '../support/processes.ts';
import type { BenchStore, StoreName } from '../support/stores.ts';

export type UnitOfWork = 'redemption' | 'redeemPage' | 'botTurn' | 'bulkInvite1000' | 'bulkInvite2000';

/** The counts of one store: SQLite statements and transactions, or MongoDB commands, per unit. */
export type StoreWorkCounts = { store: StoreName; units: Record<UnitOfWork, StoreWork> };

/** Counts the store work per unit on one store (bench/scenarios/storeWorkRun.ts). */
export function storeWorkScenario(store: BenchStore): Promise<StoreWorkCounts> {
  return runJsonProcess<Record<UnitOfWork, StoreWork>>('bench/scenarios/storeWorkRun.ts', [], store.env).then((units) => ({ store: store.name, units }));
}
