import { setImmediate as nextTurn } from 'node:timers/promises';
import { createMongoStore, type MongoStore } from '../src/store/mongo/index.ts';
import type { Store } from '../src/store/port.ts';
import { createSqliteStore } from '../src/store/sqlite/index.ts';

/**
 * The work a piece of code made a store do: on SQLite, prepared statements run and transactions
 * begun; on MongoDB, commands sent (by the driver's command monitoring), by command name. These
 * counts do not move with the machine, so tests assert them and the bench reports them.
 */
export type StoreWork = {
  /** SQLite statements (0 on MongoDB). */
  statements: number;
  /** SQLite transactions (0 on MongoDB). */
  transactions: number;
  /** MongoDB commands in all (0 on SQLite). */
  commands: number;
  /** MongoDB commands by name (`find`, `update`, `insert`…), sorted by name. */
  byCommand: Record<string, number>;
};

/** A store that counts its work; `count` runs a piece of work and returns what it cost. */
export type CountingStore<S extends Store = Store> = {
  store: S;
  count(work: () => Promise<unknown>): Promise<StoreWork>;
};

/** How long the store must stay idle before a piece of work counts as done (work a response leaves behind, such as giving back a rate-limit place, included). */
const QUIET_MS = 30;

type Tally = { statements: number; transactions: number; byCommand: Map<string, number>; inFlight: number; seen: number };

export function countingSqliteStore(file: string): CountingStore {
  const tally = newTally();
  const store = createSqliteStore(file, {
    observer: {
      statement: () => { tally.statements++; tally.seen++; },
      transaction: () => { tally.transactions++; tally.seen++; },
    },
  });
  return { store, count: (work) => counted(tally, work) };
}

export async function countingMongoStore(uri: string): Promise<CountingStore<MongoStore>> {
  const tally = newTally();
  const store = await createMongoStore(uri, {
    commands: {
      started: (name) => { tally.byCommand.set(name, (tally.byCommand.get(name) ?? 0) + 1); tally.inFlight++; tally.seen++; },
      ended: () => { tally.inFlight--; tally.seen++; },
    },
  });
  return { store, count: (work) => counted(tally, work) };
}

/** Two pieces of work counted apart, as one. */
export function addWork(a: StoreWork, b: StoreWork): StoreWork {
  const byCommand: Record<string, number> = {};
  for (const name of [...new Set([...Object.keys(a.byCommand), ...Object.keys(b.byCommand)])].sort()) byCommand[name] = (a.byCommand[name] ?? 0) + (b.byCommand[name] ?? 0);
  return { statements: a.statements + b.statements, transactions: a.transactions + b.transactions, commands: a.commands + b.commands, byCommand };
}

function newTally(): Tally {
  return { statements: 0, transactions: 0, byCommand: new Map(), inFlight: 0, seen: 0 };
}

async function counted(tally: Tally, work: () => Promise<unknown>): Promise<StoreWork> {
  await settled(tally);
  const before = snapshot(tally);
  await work();
  await settled(tally);
  const after = snapshot(tally);
  const byCommand: Record<string, number> = {};
  for (const name of Object.keys(after.byCommand).sort()) {
    const count = after.byCommand[name]! - (before.byCommand[name] ?? 0);
    if (count) byCommand[name] = count;
  }
  return {
    statements: after.statements - before.statements,
    transactions: after.transactions - before.transactions,
    commands: Object.values(byCommand).reduce((sum, count) => sum + count, 0),
    byCommand,
  };
}

/** Waits until no command is in flight and nothing new has reached the store for QUIET_MS. */
async function settled(tally: Tally): Promise<void> {
  for (;;) {
    const seen = tally.seen;
    await nextTurn();
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    if (tally.inFlight === 0 && tally.seen === seen) return;
  }
}

function snapshot(tally: Tally) {
  return { statements: tally.statements, transactions: tally.transactions, byCommand: Object.fromEntries(tally.byCommand) };
}
