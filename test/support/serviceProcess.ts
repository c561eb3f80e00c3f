import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../testkit/ports.ts';
import { REPO_ROOT } from '../../testkit/repoRoot.ts';

/** `node bin/server.ts` in its own process on a free port, ready when `/readyz` answers. */
export async function startService(env: Record<string, string>) {
  const port = Number(env.PORT ?? (await freePort()));
  const child: ChildProcess = spawn(process.execPath, ['bin/server.ts'], { cwd: REPO_ROOT, env: { ...process.env, LOG_LEVEL: 'info', PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, ...env, PORT: String(port) } });
  let output = '';
  child.stdout!.on('data', (chunk) => { output += chunk; });
  child.stderr!.on('data', (chunk) => { output += chunk; });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    const ready = await fetch(`${url}/readyz`).catch(() => undefined);
    if (ready?.ok) break;
    if (child.exitCode !== null) throw new Error(`service exited (${child.exitCode}): ${output}`);
    await sleep(100);
  }
  return {
    url,
    port,
    child,
    exited,
    output: () => output,
    stop: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
