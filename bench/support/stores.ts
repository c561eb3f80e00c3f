import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMongoServer, uniqueDatabaseName, withDatabase, type MongoServer } from '../../testkit/mongoServer.ts';

/** SQLite (the embedded store), FerretDB on its SQLite backend (or MONGODB_URI's server), FerretDB on PostgreSQL. */
export const STORE_NAMES = ['sqlite', 'ferretdb', 'ferretdb-pg'] as const;
export type StoreName = typeof STORE_NAMES[number];

/** Where a scenario keeps its data: a fresh SQLite data directory, or a fresh database on FerretDB. */
export type BenchStore = { name: StoreName; env: Record<string, string>; remove(): void };

export type StoreFactory = { name: StoreName; fresh(): BenchStore; stop(): Promise<void> };

/** `--stores a,b`: the stores named, in that order; all of them without the option. */
export function parseStoreNames(option: string | undefined): StoreName[] {
  if (option === undefined) return [...STORE_NAMES];
  const names = option.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !(STORE_NAMES as readonly string[]).includes(name));
  if (unknown.length || names.length === 0) throw new Error(`unknown store ${unknown.join(', ') || '(none)'}; --stores takes ${STORE_NAMES.join(', ')}`);
  return names as StoreName[];
}

/** The stores of one name for a run; null, with why, when what it needs is not installed. */
export async function storesNamed(name: StoreName): Promise<{ factory: StoreFactory } | { missing: string }> {
  if (name === 'sqlite') return { factory: sqliteStores() };
  const server = await startMongoServer(name === 'ferretdb-pg' ? { backend: 'pg' } : {});
  if (!server) {
    return { missing: name === 'ferretdb-pg' ? 'no FerretDB binary or no PostgreSQL (see testkit/mongoServer.ts)' : 'no FerretDB binary and no MONGODB_URI (see testkit/mongoServer.ts)' };
  }
  return { factory: mongoStores(name, server) };
}

export function sqliteStores(): StoreFactory {
  return {
    name: 'sqlite',
    fresh() {
      const dir = mkdtempSync(join(tmpdir(), 'invite-desk-bench-'));
      return { name: 'sqlite', env: { DATA_DIR: dir }, remove: () => rmSync(dir, { recursive: true, force: true }) };
    },
    stop: async () => {},
  };
}

/** A fresh database per scenario on a FerretDB started for the run (or MONGODB_URI's server). */
function mongoStores(name: StoreName, server: MongoServer): StoreFactory {
  return {
    name,
    fresh() {
      const dir = mkdtempSync(join(tmpdir(), 'invite-desk-bench-'));
      return {
        name,
        env: { DATA_DIR: dir, MONGODB_URI: withDatabase(server.uri, uniqueDatabaseName('invite_desk_bench')) },
        remove: () => rmSync(dir, { recursive: true, force: true }),
      };
    },
    stop: () => server.stop(),
  };
}
