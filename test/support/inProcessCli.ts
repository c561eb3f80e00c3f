import { runCli } from '../../src/cli/program.ts';
import type { Services } from '../../src/services/index.ts';
import type { Store } from '../../src/store/port.ts';
import { createSqliteStore } from '../../src/store/sqlite/index.ts';
import { testServices } from './services.ts';

/** The admin CLI run in this process over `services`: its exit code and what it wrote (lines as written, and joined). */
export async function runCliIn(services: Services, args: readonly string[]): Promise<{ exitCode: number; stdout: string; stderr: string; lines: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const exitCode = await runCli(services, { out: (s) => out.push(s), err: (s) => err.push(s) }, [...args]);
  return { exitCode, stdout: out.join('\n'), stderr: err.join('\n'), lines: out };
}

/**
 * For a describe block: a fresh in-memory SQLite store and its services for each test (mocha
 * hooks), and `cli(...args)` running the admin CLI on them.
 */
export function cliOnFreshStore() {
  let current: { store: Store; t: ReturnType<typeof testServices> } | null = null;
  const now = () => {
    if (!current) throw new Error('cliOnFreshStore: used outside a test');
    return current;
  };
  beforeEach(() => {
    const store = createSqliteStore(':memory:');
    current = { store, t: testServices(store) };
  });
  afterEach(async () => {
    await current?.store.close();
    current = null;
  });
  return {
    get store() { return now().store; },
    get t() { return now().t; },
    cli: (...args: string[]) => runCliIn(now().t.services, args),
  };
}
