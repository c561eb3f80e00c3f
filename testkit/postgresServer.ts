import { execFile, execFileSync, spawn } from 'node:child_process';
import { accessSync, chownSync, constants, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './ports.ts';

/**
 * A throw-away PostgreSQL cluster for FerretDB's PostgreSQL backend: `initdb` into a fresh
 * temporary directory, `postgres` on a free port of 127.0.0.1 (its socket in that directory too),
 * trust authentication for the `postgres` role; stop() shuts it down and deletes the directory,
 * so nothing is left behind and the machine's own clusters are never touched. PostgreSQL refuses
 * to run as root, so under root both run as the `postgres` user that Debian's package creates.
 */
export type PostgresServer = { url: string; pid: number; dir: string; stop(): Promise<void> };

export const POSTGRES_INSTALL_HINT = 'PostgreSQL (Debian: apt-get install postgresql)';

const run = promisify(execFile);

/** The directory holding `initdb` and `postgres`: the newest /usr/lib/postgresql/<version>/bin (Debian), else one on PATH. */
export function findPostgres(): string | null {
  const debian = '/usr/lib/postgresql';
  let versions: string[] = [];
  try {
    versions = readdirSync(debian).filter((name) => /^\d+(\.\d+)?$/.test(name)).sort((a, b) => Number(b) - Number(a));
  } catch {
    // not Debian's layout
  }
  const candidates = [...versions.map((version) => join(debian, version, 'bin')), ...(process.env.PATH ?? '').split(delimiter).filter(Boolean)];
  return candidates.find((dir) => isExecutable(join(dir, 'initdb')) && isExecutable(join(dir, 'postgres'))) ?? null;
}

export async function startPostgres(binDir: string): Promise<PostgresServer> {
  const owner = clusterOwner();
  for (let attempt = 1; ; attempt++) {
    const dir = mkdtempSync(join(tmpdir(), 'invite-desk-postgres-'));
    if (owner) chownSync(dir, owner.uid, owner.gid);
    const as = { cwd: dir, ...(owner ?? {}) };
    const data = join(dir, 'data');
    try {
      await run(join(binDir, 'initdb'), ['-D', data, '--auth=trust', '--username=postgres', '--encoding=UTF8', '--locale=C', '--no-sync'], { ...as, timeout: 60_000 });
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`initdb (${binDir}) failed: ${(error as { stderr?: string }).stderr?.trim().split('\n').slice(0, 3).join(' | ') || String(error)}`);
    }

    const port = await freePort();
    const child = spawn(join(binDir, 'postgres'), ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1'], { ...as, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => { output = (output + chunk.toString()).slice(-4000); };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const running = () => child.exitCode === null && child.signalCode === null;
    // Should the process end without stop(): an immediate shutdown, and the files go once it is down.
    const killOnExit = () => {
      child.kill('SIGQUIT');
      const deadline = Date.now() + 3000;
      while (isAlive(child.pid!) && Date.now() < deadline) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
      rmSync(dir, { recursive: true, force: true });
    };
    process.once('exit', killOnExit);
    const stop = async () => {
      process.off('exit', killOnExit);
      if (running()) {
        // SIGINT is PostgreSQL's fast shutdown (ends the sessions); SIGQUIT its immediate one.
        child.kill('SIGINT');
        const timer = setTimeout(() => child.kill('SIGQUIT'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    };

    if (await waitUntilReady(data, 30_000, running)) {
      return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, pid: child.pid!, dir, stop };
    }
    await stop();
    if (/already in use/i.test(output) && attempt < 3) continue;
    throw new Error(`postgres (${binDir}) did not start on port ${port}: ${output.trim().split('\n').slice(-3).join(' | ') || `exit code ${child.exitCode}`}`);
  }
}

/**
 * PostgreSQL listens before it accepts sessions ("the database system is starting up"); like
 * `pg_ctl`, wait for the status line of postmaster.pid to say `ready`.
 */
async function waitUntilReady(data: string, timeoutMs: number, running: () => boolean): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && running()) {
    try {
      if (readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[7]?.trim() === 'ready') return true;
    } catch {
      // not written yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Under root, the `postgres` user (PostgreSQL will not run as root); otherwise null: run as ourselves. */
function clusterOwner(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error('PostgreSQL refuses to run as root, and there is no `postgres` user to run it as (Debian\'s postgresql package creates one)');
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
