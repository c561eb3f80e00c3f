import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './ports.ts';
import { REPO_ROOT } from './repoRoot.ts';

export type ServerOptions = {
  /** Answers 2xx once the server is ready. */
  readyPath?: string;
  /** Go before the script, e.g. `--cpu-prof`. */
  nodeOptions?: string[];
  /** How long to wait for readiness before the process is killed and the start fails. */
  timeoutMs?: number;
  /** The pause between two readiness polls (a short one measures the start time more precisely). */
  pollMs?: number;
  /** Keep only the last so many characters of output (a server under long load may log a lot). */
  outputLimit?: number;
  /** Where the script is (and the process runs): this repository unless said (e.g. a production install of it). */
  cwd?: string;
};

export type RunningServer = {
  url: string;
  port: number;
  pid: number;
  child: ChildProcess;
  /** Resolves with the exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  /** From spawn to the first successful answer on the ready path. */
  readyMs: number;
  /** What it wrote on stdout and stderr so far. */
  output(): string;
  /** Sends `signal` (SIGKILL after 10 s if it has not exited) and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
};

/** After this long, a stop that was asked politely becomes SIGKILL (the service allows itself 9 s). */
const STOP_GRACE_MS = 10_000;

/**
 * Starts `node <script>` of this repo (or of `options.cwd`) in its own process and waits until `readyPath` answers 2xx.
 * It listens on `env.PORT`, or a free port when that is unset, and gets PUBLIC_BASE_URL to match
 * unless `env` sets one.
 */
export async function startServer(script: string, env: Record<string, string>, options: ServerOptions = {}): Promise<RunningServer> {
  const { readyPath = '/readyz', nodeOptions = [], timeoutMs = 60_000, pollMs = 100, outputLimit = Infinity, cwd = REPO_ROOT } = options;
  const port = Number(env.PORT ?? (await freePort()));
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeOptions, script], {
    cwd,
    env: { ...process.env, PUBLIC_BASE_URL: url, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => { output = (output + chunk.toString()).slice(-outputLimit); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const readyMs = await pollUntilReady(`${url}${readyPath}`, started, timeoutMs, pollMs, () => {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${script} exited (${child.exitCode ?? child.signalCode}): ${output}`);
  });
  if (readyMs === null) {
    child.kill('SIGKILL');
    throw new Error(`${script} was not ready within ${timeoutMs} ms: ${output}`);
  }
  return {
    url,
    port,
    pid: child.pid!,
    child,
    exited,
    readyMs,
    output: () => output,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** Milliseconds since `started` when `readyUrl` first answered 2xx, or null after `timeoutMs`. */
async function pollUntilReady(readyUrl: string, started: number, timeoutMs: number, pollMs: number, checkAlive: () => void): Promise<number | null> {
  while (performance.now() - started < timeoutMs) {
    const answer = await fetch(readyUrl).catch(() => null);
    if (answer?.ok) return Math.round(performance.now() - started);
    checkAlive();
    await sleep(pollMs);
  }
  return null;
}
