import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { REPO_ROOT } from '../../testkit/repoRoot.ts';
import { startServer, type RunningServer, type ServerOptions } from '../../testkit/serverProcess.ts';
import type { LoadPlan, LoadResult } from '../load.ts';

export type MeasuredServer = RunningServer & {
  /** Resident memory now, in MiB (Linux /proc). */
  rssMiB(): number;
  /** The highest resident memory since the process started, in MiB. */
  peakRssMiB(): number;
};

/**
 * Starts `node <script>` of this repo on a free port like the tests do, polling for readiness
 * every 5 ms so `readyMs` is a start time worth reporting, and keeping only the tail of what it logs under load.
 */
export async function startMeasuredServer(script: string, env: Record<string, string>, options: ServerOptions = {}): Promise<MeasuredServer> {
  const server = await startServer(script, env, { pollMs: 5, outputLimit: 8000, ...options });
  return {
    ...server,
    rssMiB: () => statusKiB(server.pid, 'VmRSS') / 1024,
    peakRssMiB: () => statusKiB(server.pid, 'VmHWM') / 1024,
  };
}

function statusKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]);
}

/** Runs one autocannon load in its own process (bench/load.ts) and returns what it measured. */
export function runLoad(plan: LoadPlan): Promise<LoadResult> {
  return runJsonProcess<LoadResult>('bench/load.ts', [JSON.stringify(plan)]);
}

/** Runs a script of this repo that prints one JSON value on stdout as its last line. */
export function runJsonProcess<T>(script: string, args: string[], env: Record<string, string> = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr = (stderr + chunk).slice(-8000); });
    child.on('error', reject);
    child.on('close', (code) => {
      const last = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`${script} failed (exit ${code}): ${stderr || stdout}`));
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${script} printed no JSON result: ${stdout.slice(-2000)} ${stderr}`));
      }
    });
  });
}
