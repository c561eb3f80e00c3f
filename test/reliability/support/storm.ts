import { spawn } from 'node:child_process';
import { REPO_ROOT } from '../../../testkit/repoRoot.ts';
import type { StoreTarget } from './databases.ts';

/** Redeem workers (stormWorker.ts): processes that redeem one code for many contacts at once. */
export type StormResult = { succeeded: number; refused: Record<string, number> };

const WORKER = 'test/reliability/support/stormWorker.ts';

type WorkerInput = { code: string; contactIds: string[]; concurrency: number; waitForGo?: boolean };

function startWorker(target: StoreTarget, input: WorkerInput) {
  const child = spawn(process.execPath, [WORKER], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.on('error', () => undefined);
  child.stdin.write(`${JSON.stringify({ ...target, ...input })}\n`);
  let stdout = '';
  let stderr = '';
  let onLine = () => {};
  const saw = (line: string) => new Promise<void>((resolve) => {
    const previous = onLine;
    onLine = () => { previous(); if (new RegExp(`^${line}$`, 'm').test(stdout)) resolve(); };
  });
  const ready = saw('ready');
  const started = saw('started');
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
    onLine();
  });
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  const result = (): StormResult | null => {
    const line = /^finished (.*)$/m.exec(stdout);
    return line ? (JSON.parse(line[1]!) as StormResult) : null;
  };
  return { child, ready, started, exited, result, go: () => child.stdin.end('go\n'), output: () => `${stdout}${stderr}` };
}

/**
 * Splits the contacts over `processes` workers that all start redeeming at the same moment (once
 * every one has its store open; `concurrency` redemptions at a time each) and adds up what they report.
 */
export async function redeemTogether(target: StoreTarget, code: string, contactIds: string[], processes: number, concurrency: number): Promise<StormResult> {
  const share = Math.ceil(contactIds.length / processes);
  const workers = Array.from({ length: processes }, (_, i) =>
    startWorker(target, { code, contactIds: contactIds.slice(i * share, (i + 1) * share), concurrency, waitForGo: true }));
  const allReady = await Promise.race([
    Promise.all(workers.map((worker) => worker.ready)).then(() => true),
    Promise.any(workers.map((worker) => worker.exited)).then(() => false),
  ]);
  if (!allReady) {
    for (const worker of workers) worker.child.kill('SIGKILL');
    throw new Error(`a redeem worker exited before it was ready: ${workers.map((worker) => worker.output()).join('\n')}`);
  }
  for (const worker of workers) worker.go();
  const total: StormResult = { succeeded: 0, refused: {} };
  for (const worker of workers) {
    const { code: exitCode } = await worker.exited;
    const result = worker.result();
    if (exitCode !== 0 || !result) throw new Error(`redeem worker failed (${exitCode}): ${worker.output()}`);
    total.succeeded += result.succeeded;
    for (const [refusal, count] of Object.entries(result.refused)) total.refused[refusal] = (total.refused[refusal] ?? 0) + count;
  }
  return total;
}

/**
 * Starts one worker on the contacts and SIGKILLs it `killAfterMs` after it reports that it has
 * started redeeming. `finished` tells whether it got through them all before the kill (its result
 * then comes along).
 */
export async function stormUntilKilled(target: StoreTarget, code: string, contactIds: string[], concurrency: number, killAfterMs: number): Promise<{ finished: boolean; result: StormResult | null }> {
  const worker = startWorker(target, { code, contactIds, concurrency });
  worker.child.stdin.end();
  const startedInTime = await Promise.race([
    worker.started.then(() => true),
    worker.exited.then(() => false),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), 60_000).unref()),
  ]);
  if (!startedInTime) {
    worker.child.kill('SIGKILL');
    await worker.exited;
    throw new Error(`redeem worker did not start: ${worker.output()}`);
  }
  const timer = setTimeout(() => worker.child.kill('SIGKILL'), killAfterMs);
  const { code: exitCode, signal } = await worker.exited;
  clearTimeout(timer);
  if (signal === 'SIGKILL') return { finished: false, result: null };
  const result = worker.result();
  if (exitCode !== 0 || !result) throw new Error(`redeem worker failed (${exitCode ?? signal}): ${worker.output()}`);
  return { finished: true, result };
}
