import { runJsonProcess } from '../support/processes.ts';
import { ratio, type ScenarioResult } from '../support/results.ts';
import { BENCH_CODE_SECRET } from '../support/settings.ts';
import type { BenchStore } from '../support/stores.ts';

type BulkInviteRun = { contacts: number; createdMs: number; totalMs: number; baselineMs: number; mailJobs: Record<string, number> };

/** (e) bulk-invite: see bulkInviteRun.ts. */
export async function bulkInviteScenario(store: BenchStore, contacts: number): Promise<ScenarioResult> {
  const run = await runJsonProcess<BulkInviteRun>('bench/scenarios/bulkInviteRun.ts', [], { ...store.env, CODE_SECRET: BENCH_CODE_SECRET, BULK_CONTACTS: String(contacts) });
  const perSecond = (ms: number) => Math.round(run.contacts / (ms / 1000));
  return {
    scenario: 'bulk-invite',
    store: store.name,
    throughput: { value: perSecond(run.totalMs), unit: 'contacts/s' },
    latencyMs: null,
    baseline: { name: `queueing ${run.contacts} bare jobs in one call on the same store`, value: perSecond(run.baselineMs), unit: 'contacts/s' },
    ratioOf: 'throughput',
    ratioToBaseline: ratio(perSecond(run.totalMs), perSecond(run.baselineMs)),
    checks: [`bulk-invite: ${JSON.stringify(run.mailJobs)} mail jobs for ${run.contacts} contacts`],
    details: { ...run },
  };
}
