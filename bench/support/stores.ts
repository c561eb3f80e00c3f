import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMongoServer, uniqueDatabaseName, withDatabase, type MongoServer } from '../../testkit/mongoServer.ts';

export type StoreName = 'sqlite' | 'ferretdb';

/** Where a scenario keeps its data: a fresh SQLite data directory, or a fresh database on FerretDB. */
export type BenchStore = { name: StoreName; env: Record<string, string>; remove(): void };

export type StoreFactory = { name: StoreName; fresh(): BenchStore; stop(): Promise<void> };

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

/** FerretDB started for the run (or MONGODB_URI's server); null when neither is there. */
export async function ferretDbStores(): Promise<StoreFactory | null> {
  const server: MongoServer | null = await startMongoServer();
  if (!server) return null;
  return {
    name: 'ferretdb',
    fresh() {
      const dir = mkdtempSync(join(tmpdir(), 'invite-desk-bench-'));
      return {
        name: 'ferretdb',
        env: { DATA_DIR: dir, MONGODB_URI: withDatabase(server.uri, uniqueDatabaseName('invite_desk_bench')) },
        remove: () => rmSync(dir, { recursive: true, force: true }),
      };
    },
    stop: () => server.stop(),
  };
}
