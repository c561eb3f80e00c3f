import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runLoad, startMeasuredServer } from '../support/processes.ts';
import { summariseProfile, type ProfileSummary } from '../support/profile.ts';
import { ratio, type ScenarioResult } from '../support/results.ts';
import { addContacts, addGroupInvitation, openBenchRuntime } from '../support/seeding.ts';
import { BENCH_CODE_SECRET, type BenchSettings } from '../support/settings.ts';
import { sqliteStores } from '../support/stores.ts';

const IDLE_MS = 1_500;

type Start = { readyMs: number; idleRssMiB: number };

/**
 * (f) cold-start: a new `node bin/server.ts` process (SQLite, dev mailbox, bot and jobs on) until
 * `/readyz` answers, then its resident memory after idling, then its peak under the redeem-page
 * load; beside the bare Express "hello" and the cold-start floor (bench/targets/coldStartFloor.ts)
 * started the same way. Every start after the first finds
 * Node's compile cache warm, as a restarted service would; the first of the run may not. Also
 * measured: a site-only process (BOT_ENABLED=false), and one start under V8's CPU profiler to show
 * where the start-up time goes.
 */
export async function coldStartScenario(settings: BenchSettings): Promise<ScenarioResult> {
  const store = sqliteStores().fresh();
  try {
    const env = { ...store.env, CODE_SECRET: BENCH_CODE_SECRET, LOG_LEVEL: 'warn' };
    const runtime = await openBenchRuntime(env);
    const { code } = await addGroupInvitation(runtime, await addContacts(runtime, 1, 'cold'), 1_000);
    await runtime.close();

    const service: Start[] = [];
    const siteOnly: Start[] = [];
    const bare: Start[] = [];
    const floor: Start[] = [];
    let peakUnderLoadMiB = 0;
    let bareUnderLoadMiB = 0;
    for (let run = 0; run < settings.coldStarts; run++) {
      service.push(await measureStart('bin/server.ts', env));
      siteOnly.push(await measureStart('bin/server.ts', { ...env, BOT_ENABLED: 'false' }));
      bare.push(await measureStart('bench/targets/hello.ts', {}));
      floor.push(await measureStart('bench/targets/coldStartFloor.ts', {}));
    }
    const startupProfile = await profileStart(env);
    {
      const server = await startMeasuredServer('bin/server.ts', env);
      await runLoad({ kind: 'fixed', url: server.url, path: `/redeem?code=${code}`, connections: settings.connections, durationSeconds: settings.durationSeconds });
      peakUnderLoadMiB = server.peakRssMiB();
      await server.stop();
      const hello = await startMeasuredServer('bench/targets/hello.ts', {});
      await runLoad({ kind: 'fixed', url: hello.url, path: '/', connections: settings.connections, durationSeconds: settings.durationSeconds });
      bareUnderLoadMiB = hello.peakRssMiB();
      await hello.stop();
    }
    const readyMs = median(service.map((s) => s.readyMs));
    const bareReadyMs = median(bare.map((s) => s.readyMs));
    const idleRssMiB = median(service.map((s) => s.idleRssMiB));
    const floorReadyMs = median(floor.map((s) => s.readyMs));
    const floorIdleRssMiB = median(floor.map((s) => s.idleRssMiB));
    return {
      scenario: 'cold-start',
      store: 'sqlite',
      throughput: null,
      latencyMs: null,
      baseline: { name: 'bare Express "hello" started the same way', value: bareReadyMs, unit: 'ms to ready' },
      ratioOf: 'time to ready',
      ratioToBaseline: ratio(readyMs, bareReadyMs),
      yardstick: { name: 'cold-start-floor (same run)', value: floorReadyMs, unit: 'ms to ready', ratioOf: 'time to ready', ratio: ratio(readyMs, floorReadyMs) },
      checks: [`cold-start: ${settings.coldStarts} starts each`],
      details: {
        readyMs, idleRssMiB: round(idleRssMiB), peakRssUnderLoadMiB: round(peakUnderLoadMiB),
        baselineReadyMs: bareReadyMs, baselineIdleRssMiB: round(median(bare.map((s) => s.idleRssMiB))), baselinePeakRssUnderLoadMiB: round(bareUnderLoadMiB),
        idleRssRatioToBaseline: ratio(idleRssMiB, median(bare.map((s) => s.idleRssMiB))),
        floor: { readyMs: floorReadyMs, idleRssMiB: round(floorIdleRssMiB), starts: floor },
        idleRssAboveFloorMiB: round(idleRssMiB - floorIdleRssMiB),
        siteOnly: { readyMs: median(siteOnly.map((s) => s.readyMs)), idleRssMiB: round(median(siteOnly.map((s) => s.idleRssMiB))) },
        starts: service, siteOnlyStarts: siteOnly, baselineStarts: bare, idleAfterReadyMs: IDLE_MS,
        startupProfile,
      },
    };
  } finally {
    store.remove();
  }
}

async function measureStart(script: string, env: Record<string, string>): Promise<Start> {
  const server = await startMeasuredServer(script, env);
  await sleep(IDLE_MS);
  const start = { readyMs: server.readyMs, idleRssMiB: round(server.rssMiB()) };
  await server.stop();
  return start;
}

/** One more start of the default service, under the CPU profiler, until ready. */
async function profileStart(env: Record<string, string>): Promise<ProfileSummary> {
  const dir = mkdtempSync(join(tmpdir(), 'invite-desk-profile-'));
  try {
    const server = await startMeasuredServer('bin/server.ts', env, { nodeOptions: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
    await server.stop();
    return summariseProfile(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
