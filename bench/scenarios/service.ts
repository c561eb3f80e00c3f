import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadResult } from '../load.ts';
import { runLoad, startMeasuredServer, type MeasuredServer } from '../support/processes.ts';
import { summariseProfile } from '../support/profile.ts';
import { expectStatuses, loadScenario, type ScenarioResult } from '../support/results.ts';
import { addContacts, addGroupInvitation, openBenchRuntime, writeSignedInSessions } from '../support/seeding.ts';
import { BENCH_ADMIN, BENCH_CODE_SECRET, BENCH_TENANT, type BenchSettings } from '../support/settings.ts';
import type { BenchStore } from '../support/stores.ts';

const MAX_REDEMPTIONS = 1_000_000;

/**
 * (b) redeem-page, (c) redeem and (d) bot-roundtrip on one store, against the real service
 * (`bin/server.ts`, with its job worker and bot on, as deployed) in its own process. With
 * `settings.profile` the service runs under V8's CPU profiler and each result carries where its
 * time went during its own load (the profile's samples of that load's time).
 */
export async function serviceScenarios(store: BenchStore, settings: BenchSettings, baseline: LoadResult): Promise<ScenarioResult[]> {
  const env = { ...store.env, CODE_SECRET: BENCH_CODE_SECRET };
  const seeded = await seed(env, store, settings);

  const connector = await startMeasuredServer('bench/targets/connector.ts', {}, { readyPath: '/count' });
  const profileDir = settings.profile ? mkdtempSync(join(tmpdir(), 'invite-desk-profile-')) : null;
  const service = await startMeasuredServer('bin/server.ts', { ...env, ADMIN_OBJECT_IDS: BENCH_ADMIN, ALLOWED_TENANTS: BENCH_TENANT, LOG_LEVEL: 'warn' }, {
    nodeOptions: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  });
  const common = { url: service.url, connections: settings.connections, durationSeconds: settings.durationSeconds };
  const results: ScenarioResult[] = [];
  /** When each load ran (its measured part, after any warm-up), to profile the loads apart. */
  const loadWindows = new Map<ScenarioResult, { start: number; end: number }>();
  const timed = async <T extends LoadResult>(run: () => Promise<T>) => {
    const started = performance.now();
    const load = await run();
    const ended = performance.now();
    return { load, window: { start: Math.max(started, ended - load.durationSeconds * 1000), end: ended } };
  };
  try {
    const page = await timed(() => runLoad({ ...common, kind: 'fixed', path: `/redeem?code=${seeded.code}`, warmupSeconds: settings.warmupSeconds }));
    const pageResult = loadScenario('redeem-page', store.name, page.load, baseline, [expectStatuses('redeem-page', page.load, { 200: 'all' })]);
    results.push(pageResult);
    loadWindows.set(pageResult, page.window);

    const bot = await timed(() => runLoad({ ...common, kind: 'bot', text: 'list', serviceUrl: connector.url, tenantId: BENCH_TENANT, adminObjectId: BENCH_ADMIN, warmupSeconds: settings.warmupSeconds }));
    const botResult = loadScenario('bot-roundtrip', store.name, bot.load, baseline, [expectStatuses('bot-roundtrip', bot.load, { 200: 'all' }), await checkReplies(connector, bot.load)], { command: 'list' });
    results.push(botResult);
    loadWindows.set(botResult, bot.window);

    const redeemStarted = performance.now();
    const redeem = await runLoad({ ...common, kind: 'redeem', sessionsFile: seeded.sessionsFile, codes: [seeded.code] });
    const redeemEnded = performance.now();
    const accepted = redeem.statusCodes['303'] ?? 0;
    const checks = [expectStatuses('redeem', redeem, { 303: 'all', 200: 'all' }), await checkRedemptions(env, seeded.invitationId, accepted, settings.connections)];
    const redeemResult = loadScenario('redeem', store.name, redeem, baseline, checks, {
      redeemersReady: seeded.redeemers, ranOutOfRedeemers: accepted >= seeded.redeemers, peakRssMiB: Math.round(service.peakRssMiB()),
    });
    results.push(redeemResult);
    loadWindows.set(redeemResult, { start: Math.max(redeemStarted, redeemEnded - redeem.durationSeconds * 1000), end: redeemEnded });
    await stopAll(service, connector);
    const stopped = performance.now();
    if (profileDir) {
      for (const [result, { start, end }] of loadWindows) result.details.profile = summariseProfile(profileDir, { beforeEndMs: { from: stopped - start, to: stopped - end } });
    }
  } finally {
    await stopAll(service, connector);
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  }
  return results;
}

async function seed(env: Record<string, string>, store: BenchStore, settings: BenchSettings) {
  const runtime = await openBenchRuntime(env);
  try {
    const redeemers = settings.redeemers[store.name];
    const contactIds = await addContacts(runtime, redeemers, 'redeemer');
    const { invitation, code } = await addGroupInvitation(runtime, contactIds.slice(0, 1), MAX_REDEMPTIONS);
    const sessionsFile = join(env.DATA_DIR!, 'sessions.tsv');
    await writeSignedInSessions(runtime, contactIds, sessionsFile);
    return { code, invitationId: invitation.id, sessionsFile, redeemers };
  } finally {
    await runtime.close();
  }
}

/** Every 200 from /api/messages must have sent a reply (the `list` card) through the connector. */
async function checkReplies(connector: MeasuredServer, load: LoadResult): Promise<string> {
  const { replies, cards } = await (await fetch(`${connector.url}/count`)).json() as { replies: number; cards: number };
  const answered = load.statusCodes['200'] ?? 0;
  // The warm-up's turns reply too, so the connector may have seen more than the measured turns.
  if (cards < answered) throw new Error(`bot-roundtrip: ${answered} turns answered but only ${cards} cards reached the connector`);
  return `bot-roundtrip: ${cards} card replies captured by the connector for ${answered} measured turns (${replies - cards} other replies)`;
}

/**
 * The store must hold every redemption the site accepted, plus at most the requests still in
 * flight when the load stopped (one per connection; their answers were not counted).
 */
async function checkRedemptions(env: Record<string, string>, invitationId: string, accepted: number, inFlight: number): Promise<string> {
  const runtime = await openBenchRuntime(env);
  try {
    const invitation = await runtime.store.invitations.get(invitationId);
    const recorded = MAX_REDEMPTIONS - invitation!.remaining;
    if (recorded < accepted || recorded > accepted + inFlight) {
      throw new Error(`redeem: the site accepted ${accepted} redemptions (and had at most ${inFlight} in flight at the end) but the store recorded ${recorded}`);
    }
    return `redeem: ${accepted} answered as accepted, ${recorded} recorded in the store (${recorded - accepted} were in flight when the load stopped)`;
  } finally {
    await runtime.close();
  }
}

async function stopAll(...servers: MeasuredServer[]): Promise<void> {
  await Promise.all(servers.map((server) => server.stop()));
}
