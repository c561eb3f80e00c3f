import { setTimeout as sleep } from 'node:timers/promises';
import { runLoad, startServer } from '../support/processes.ts';
import { ratio, type ScenarioResult } from '../support/results.ts';
import { addContacts, addGroupInvitation, openBenchRuntime } from '../support/seeding.ts';
import { BENCH_CODE_SECRET, type BenchSettings } from '../support/settings.ts';
import { sqliteStores } from '../support/stores.ts';

const IDLE_MS = 2_000;

type Start = { readyMs: number; idleRssMiB: number };

/**
 * (f) cold-start: a new `node src/main.ts` process (SQLite, dev mailbox, bot and jobs on) until
 * `/readyz` answers, then its resident memory after idling, then its peak under the redeem-page
 * load; beside the bare Express "hello" started the same way. Every start after the first finds
 * Node's compile cache warm, as a restarted service would; the first of the run may not.
 */
export async function coldStartScenario(settings: BenchSettings): Promise<ScenarioResult> {
  const store = sqliteStores().fresh();
  try {
    const env = { ...store.env, CODE_SECRET: BENCH_CODE_SECRET, LOG_LEVEL: 'warn' };
    const runtime = await openBenchRuntime(env);
    const { code } = await addGroupInvitation(runtime, await addContacts(runtime, 1, 'cold'), 1_000);
    await runtime.close();

    const service: Start[] = [];
    const bare: Start[] = [];
    let peakUnderLoadMiB = 0;
    let bareUnderLoadMiB = 0;
    for (let run = 0; run < settings.coldStarts; run++) {
      service.push(await measureStart('src/main.ts', env));
      bare.push(await measureStart('bench/targets/hello.ts', {}));
    }
    {
      const server = await startServer('src/main.ts', env);
      await runLoad({ kind: 'fixed', url: server.url, path: `/redeem?code=${code}`, connections: settings.connections, durationSeconds: settings.durationSeconds });
      peakUnderLoadMiB = server.peakRssMiB();
      await server.stop();
      const hello = await startServer('bench/targets/hello.ts', {});
      await runLoad({ kind: 'fixed', url: hello.url, path: '/', connections: settings.connections, durationSeconds: settings.durationSeconds });
      bareUnderLoadMiB = hello.peakRssMiB();
      await hello.stop();
    }
    const readyMs = median(service.map((s) => s.readyMs));
    const bareReadyMs = median(bare.map((s) => s.readyMs));
    const idleRssMiB = median(service.map((s) => s.idleRssMiB));
    return {
      scenario: 'cold-start',
      store: 'sqlite',
      throughput: null,
      latencyMs: null,
      baseline: { name: 'bare Express "hello" started the same way', value: bareReadyMs, unit: 'ms to ready' },
      ratioOf: 'time to ready',
      ratioToBaseline: ratio(readyMs, bareReadyMs),
      checks: [`cold-start: ${settings.coldStarts} starts each`],
      details: {
        readyMs, idleRssMiB: round(idleRssMiB), peakRssUnderLoadMiB: round(peakUnderLoadMiB),
        baselineReadyMs: bareReadyMs, baselineIdleRssMiB: round(median(bare.map((s) => s.idleRssMiB))), baselinePeakRssUnderLoadMiB: round(bareUnderLoadMiB),
        idleRssRatioToBaseline: ratio(idleRssMiB, median(bare.map((s) => s.idleRssMiB))),
        starts: service, baselineStarts: bare, idleAfterReadyMs: IDLE_MS,
      },
    };
  } finally {
    store.remove();
  }
}

async function measureStart(script: string, env: Record<string, string>): Promise<Start> {
  const server = await startServer(script, env);
  await sleep(IDLE_MS);
  const start = { readyMs: server.readyMs, idleRssMiB: round(server.rssMiB()) };
  await server.stop();
  return start;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
