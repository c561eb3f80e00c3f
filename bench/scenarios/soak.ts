import { join } from 'node:path';
import type { LoadResult } from '../load.ts';
import { runLoad, startMeasuredServer, type MeasuredServer } from '../support/processes.ts';
import { addContacts, addGroupInvitation, openBenchRuntime, writeSignedInSessions } from '../support/seeding.ts';
import { BENCH_ADMIN, BENCH_CODE_SECRET, BENCH_TENANT } from '../support/settings.ts';
import { soakVerdict, type SoakMinute, type SoakVerdict } from '../support/soakVerdict.ts';
import { sqliteStores } from '../support/stores.ts';

export type SoakOptions = {
  minutes: number;
  /** Redemptions a second; without it, half of what a short unlimited redeem load reaches first. */
  ratePerSecond: number | null;
  connections: number;
  log(line: string): void;
};

export type SoakReport = {
  settings: { minutes: number; ratePerSecond: number; rateFrom: string; connections: number; customers: number; invitations: number; rssSampleSeconds: number };
  calibration: LoadResult | null;
  minutes: SoakMinute[];
  checks: string[];
  verdict: SoakVerdict;
};

const MAX_REDEMPTIONS = 1_000_000;
/** Signed-in customers; each redeems each invitation once, so customers × invitations redemptions are possible. */
const CUSTOMERS = 10_000;
const INVITATIONS = 40;
const CALIBRATION_SECONDS = 10;
const RSS_SAMPLE_SECONDS = 5;

/**
 * `npm run bench -- --soak`: the service (`bin/server.ts`, as deployed) on a fresh SQLite store,
 * redeeming at a steady rate for `minutes` minutes, one autocannon load per minute (each goes on
 * with the next customer and invitation; about half a second between two for the load process to
 * start). Per minute: the load's p50/p99/max and answers, and the service's resident memory
 * (/proc/PID/status VmRSS) sampled every 5 s. Then a verdict (bench/support/soakVerdict.ts).
 */
export async function soakScenario(options: SoakOptions): Promise<SoakReport> {
  const store = sqliteStores().fresh();
  const env: Record<string, string> = { ...store.env, CODE_SECRET: BENCH_CODE_SECRET };
  let service: MeasuredServer | null = null;
  try {
    options.log(`seeding ${CUSTOMERS} signed-in customers and ${INVITATIONS} group invitations`);
    const { codes, invitationIds, sessionsFile } = await seed(env);
    service = await startMeasuredServer('bin/server.ts', { ...env, ADMIN_OBJECT_IDS: BENCH_ADMIN, ALLOWED_TENANTS: BENCH_TENANT, LOG_LEVEL: 'warn' });
    const common = { url: service.url, connections: options.connections, kind: 'redeem' as const, sessionsFile, codes };
    let startAt = 0;
    // Requests in flight when a load stops took a pair too: skip past them.
    const used = (load: LoadResult) => { startAt += load.requests + options.connections; };

    let calibration: LoadResult | null = null;
    let ratePerSecond = options.ratePerSecond;
    let rateFrom = 'set by --soak-rate';
    if (ratePerSecond === null) {
      calibration = await runLoad({ ...common, durationSeconds: CALIBRATION_SECONDS, startAt });
      used(calibration);
      ratePerSecond = Math.max(1, Math.floor(calibration.requestsPerSecond / 2));
      rateFrom = `half of a ${CALIBRATION_SECONDS} s unlimited redeem load first (${calibration.requestsPerSecond}/s)`;
      options.log(`calibration: ${calibration.requestsPerSecond} redemptions/s unlimited; soaking at ${ratePerSecond}/s`);
    }
    const needed = startAt + (ratePerSecond * 60 + options.connections) * options.minutes;
    if (needed > CUSTOMERS * INVITATIONS) throw new Error(`a soak of ${options.minutes} minutes at ${ratePerSecond}/s needs ${needed} redemptions; the seeding allows ${CUSTOMERS * INVITATIONS}: lower --soak-rate`);

    const minutes: SoakMinute[] = [];
    for (let minute = 1; minute <= options.minutes; minute++) {
      const samples: number[] = [];
      const sample = () => samples.push(Math.round(service!.rssMiB() * 10) / 10);
      sample();
      const timer = setInterval(sample, RSS_SAMPLE_SECONDS * 1000);
      let load: LoadResult;
      try {
        load = await runLoad({ ...common, durationSeconds: 60, ratePerSecond, startAt });
      } finally {
        clearInterval(timer);
      }
      sample();
      used(load);
      minutes.push(soakMinute(minute, load, samples));
      const m = minutes.at(-1)!;
      options.log(`minute ${minute}: ${m.ratePerSecond}/s, p99 ${m.latencyMs.p99} ms, ${m.errors} errors, RSS ${m.rssMiB.median} MiB (${m.rssMiB.min}–${m.rssMiB.max})`);
    }
    await service.stop();
    service = null;
    const accepted = minutes.reduce((sum, m) => sum + (m.statusCodes['303'] ?? 0), 0) + (calibration?.statusCodes['303'] ?? 0);
    const checks = [await checkRedemptions(env, invitationIds, accepted, options.connections * (options.minutes + 1))];
    return {
      settings: { minutes: options.minutes, ratePerSecond, rateFrom, connections: options.connections, customers: CUSTOMERS, invitations: INVITATIONS, rssSampleSeconds: RSS_SAMPLE_SECONDS },
      calibration, minutes, checks, verdict: soakVerdict(minutes),
    };
  } finally {
    await service?.stop();
    store.remove();
  }
}

function soakMinute(minute: number, load: LoadResult, rss: number[]): SoakMinute {
  const sorted = [...rss].sort((a, b) => a - b);
  const unexpected = Object.entries(load.statusCodes).filter(([code]) => code !== '303').reduce((sum, [, count]) => sum + count, 0);
  return {
    minute,
    requests: load.requests,
    ratePerSecond: load.requestsPerSecond,
    latencyMs: { p50: load.latencyMs.p50, p99: load.latencyMs.p99, max: load.latencyMs.max },
    statusCodes: load.statusCodes,
    errors: unexpected + load.errors + load.timeouts,
    rssMiB: { samples: sorted.length, median: sorted[sorted.length >> 1]!, min: sorted[0]!, max: sorted.at(-1)! },
  };
}

async function seed(env: Record<string, string>) {
  const runtime = await openBenchRuntime(env);
  try {
    const contactIds = await addContacts(runtime, CUSTOMERS, 'soak');
    const codes: string[] = [];
    const invitationIds: string[] = [];
    for (let i = 0; i < INVITATIONS; i++) {
      const { invitation, code } = await addGroupInvitation(runtime, contactIds.slice(i, i + 1), MAX_REDEMPTIONS);
      codes.push(code);
      invitationIds.push(invitation.id);
    }
    const sessionsFile = join(env.DATA_DIR!, 'sessions.tsv');
    await writeSignedInSessions(runtime, contactIds, sessionsFile);
    return { codes, invitationIds, sessionsFile };
  } finally {
    await runtime.close();
  }
}

/** Every redemption the site accepted is in the store, plus at most those in flight when a load stopped. */
async function checkRedemptions(env: Record<string, string>, invitationIds: string[], accepted: number, inFlight: number): Promise<string> {
  const runtime = await openBenchRuntime(env);
  try {
    let recorded = 0;
    for (const id of invitationIds) recorded += MAX_REDEMPTIONS - (await runtime.store.invitations.get(id))!.remaining;
    if (recorded < accepted || recorded > accepted + inFlight) {
      throw new Error(`soak: the site accepted ${accepted} redemptions (at most ${inFlight} more in flight) but the store recorded ${recorded}`);
    }
    return `soak: ${accepted} answered as accepted, ${recorded} recorded in the store`;
  } finally {
    await runtime.close();
  }
}
