import { spawn } from 'node:child_process';
import { REPO_ROOT } from '../../testkit/repoRoot.ts';

/** Runs a TypeScript file of this repo in a new Node process; resolves with its output and exit code. */
export function runNode(script: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

export type RedeemWorkerResult = { succeeded: number; refused: Record<string, number> };

/** Splits the contacts over `processes` redeem workers that all start at the same moment. */
export async function redeemAcrossProcesses(
  target: { sqliteFile: string } | { mongodbUri: string }, code: string, contactIds: string[], processes: number,
): Promise<RedeemWorkerResult> {
  const startAt = Date.now() + 1500;
  const share = Math.ceil(contactIds.length / processes);
  const runs = await Promise.all(Array.from({ length: processes }, (_, i) =>
    runNode('test/support/redeemWorker.ts', [JSON.stringify({ ...target, code, contactIds: contactIds.slice(i * share, (i + 1) * share), startAt })])));
  const total: RedeemWorkerResult = { succeeded: 0, refused: {} };
  for (const run of runs) {
    if (run.code !== 0) throw new Error(`redeem worker failed (${run.code}): ${run.stderr}`);
    const result = JSON.parse(run.stdout) as RedeemWorkerResult;
    total.succeeded += result.succeeded;
    for (const [code, count] of Object.entries(result.refused)) total.refused[code] = (total.refused[code] ?? 0) + count;
  }
  return total;
}
