import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../testkit/ports.ts';
import { REPO_ROOT } from '../../testkit/repoRoot.ts';
import type { LoadPlan, LoadResult } from '../load.ts';

export type RunningServer = {
  url: string;
  pid: number;
  /** From spawn to the first successful answer on the ready path. */
  readyMs: number;
  /** Resident memory now, in MiB (Linux /proc). */
  rssMiB(): number;
  /** The highest resident memory since the process started, in MiB. */
  peakRssMiB(): number;
  output(): string;
  stop(): Promise<void>;
};

/**
 * Starts `node <script>` of this repo on a free port and waits until `readyPath` answers 2xx.
 * `nodeOptions` go before the script (e.g. `--cpu-prof`).
 */
export async function startServer(script: string, env: Record<string, string>, options: { readyPath?: string; nodeOptions?: string[]; timeoutMs?: number } = {}): Promise<RunningServer> {
  const { readyPath = '/readyz', nodeOptions = [], timeoutMs = 60_000 } = options;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [...nodeOptions, script], {
    cwd: REPO_ROOT,
    env: { ...process.env, PUBLIC_BASE_URL: url, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => { output = (output + chunk.toString()).slice(-8000); };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let readyMs = -1;
  while (performance.now() - started < timeoutMs) {
    const answer = await fetch(`${url}${readyPath}`).catch(() => null);
    if (answer?.ok) {
      readyMs = Math.round(performance.now() - started);
      break;
    }
    if (child.exitCode !== null) throw new Error(`${script} exited (${child.exitCode}): ${output}`);
    await sleep(5);
  }
  if (readyMs < 0) {
    child.kill('SIGKILL');
    throw new Error(`${script} was not ready within ${timeoutMs} ms: ${output}`);
  }
  return {
    url,
    pid: child.pid!,
    readyMs,
    rssMiB: () => statusKiB(child.pid!, 'VmRSS') / 1024,
    peakRssMiB: () => statusKiB(child.pid!, 'VmHWM') / 1024,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
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
