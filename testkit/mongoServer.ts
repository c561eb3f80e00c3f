import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { freePort, waitForPort } from './ports.ts';
import { findPostgres, POSTGRES_INSTALL_HINT, startPostgres, type PostgresServer } from './postgresServer.ts';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import mongoose from 'mongoose';

/**
 * A MongoDB server for tests: the one in MONGODB_URI (each call gets a fresh database on it), or
 * else a FerretDB started on a free port with a fresh data directory (each call its own server).
 * Without either, returns null after one loud line on stderr; under CI=true that is an error.
 *
 * `{ backend: 'pg' }` is always FerretDB on PostgreSQL, whatever MONGODB_URI says: a private
 * PostgreSQL cluster started for it (testkit/postgresServer.ts) under a FerretDB with
 * `--handler=postgresql`; stop() stops both and deletes their files. Its indexes are real
 * PostgreSQL indexes, where the SQLite backend scans a collection per query. Without PostgreSQL
 * (or FerretDB): null after a loud line, an error under CI=true.
 *
 * FerretDB 1.24.2 from a bare `go install …/cmd/ferretdb@v1.24.2` panics at start ("Invalid
 * build/version/version.txt"): the module lacks that generated file. Build it with the file:
 *   cp -r "$(go env GOMODCACHE)/github.com/!ferret!d!b/!ferret!d!b@v1.24.2" /tmp/ferretdb && cd /tmp/ferretdb
 *   chmod -R u+w . && echo v1.24.2 > build/version/version.txt && go build -o "$(go env GOPATH)/bin/ferretdb" ./cmd/ferretdb
 * (after `go mod download github.com/FerretDB/FerretDB@v1.24.2`).
 */
export type MongoServer = {
  uri: string;
  /** `external`: MONGODB_URI's server; `sqlite`, `pg`: a FerretDB started here on that backend. */
  backend: 'external' | 'sqlite' | 'pg';
  stop(): Promise<void>;
  /** The processes and directories this server started and made (none for an external one); stop() ends and removes them all. */
  footprint(): { processes: number[]; directories: string[] };
};

export type MongoServerOptions = { backend?: 'sqlite' | 'pg' };

const INSTALL_HINT = 'FerretDB v1.24.2, built as testkit/mongoServer.ts explains';

export async function startMongoServer(options: MongoServerOptions = {}): Promise<MongoServer | null> {
  if (options.backend === 'pg') return startFerretDbOnPostgres();
  const external = process.env.MONGODB_URI;
  if (external) {
    const uri = withDatabase(external, uniqueDatabaseName());
    return { uri, backend: 'external', stop: () => dropDatabase(uri), footprint: () => ({ processes: [], directories: [] }) };
  }
  const binary = findFerretDb();
  if (binary) return startFerretDb(binary, { name: 'sqlite' });
  return skipped(`MongoDB tests SKIPPED: no MONGODB_URI and no ferretdb binary on PATH or in $(go env GOPATH)/bin (${INSTALL_HINT})`);
}

async function startFerretDbOnPostgres(): Promise<MongoServer | null> {
  const binary = findFerretDb();
  const postgres = findPostgres();
  if (!binary || !postgres) {
    const missing = [binary ? null : `no ferretdb binary on PATH or in $(go env GOPATH)/bin (${INSTALL_HINT})`, postgres ? null : `no PostgreSQL initdb and postgres under /usr/lib/postgresql/*/bin or on PATH (${POSTGRES_INSTALL_HINT})`];
    return skipped(`FerretDB-on-PostgreSQL tests SKIPPED: ${missing.filter(Boolean).join('; ')}`);
  }
  const cluster = await startPostgres(postgres);
  try {
    return await startFerretDb(binary, { name: 'pg', cluster });
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

/** Null after one loud line; under CI=true, where these tests must run, an error. */
function skipped(message: string): null {
  if (process.env.CI === 'true') throw new Error(`${message.replace('SKIPPED', 'cannot run')}; CI requires them.`);
  process.stderr.write(`\n!!! ${message} !!!\n\n`);
  return null;
}

/** A database name no other test run uses (FerretDB allows letters, digits, `_` and `-`). */
export function uniqueDatabaseName(prefix = 'invite_desk_test'): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/** The same server and credentials, another database. */
export function withDatabase(uri: string, database: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/([^?]*))?(?:\?(.*))?$/.exec(uri);
  if (!match) throw new Error('MONGODB_URI is not a mongodb:// or mongodb+srv:// connection string');
  const [, server, original, query] = match;
  const params = new URLSearchParams(query ?? '');
  // Credentials are checked against the database in the URI unless authSource says otherwise.
  if (server!.includes('@') && !params.has('authSource')) params.set('authSource', original || 'admin');
  const rest = params.toString();
  return `${server}/${database}${rest ? `?${rest}` : ''}`;
}

export async function dropDatabase(uri: string): Promise<void> {
  const connection = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 5000 }).asPromise();
  try {
    await connection.dropDatabase();
  } finally {
    await connection.close();
  }
}

function findFerretDb(): string | null {
  const candidates = (process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, 'ferretdb'));
  try {
    const gopath = execFileSync('go', ['env', 'GOPATH'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    for (const dir of gopath.split(delimiter).filter(Boolean)) candidates.push(join(dir, 'bin', 'ferretdb'));
  } catch {
    // no Go toolchain: fall back to its default GOPATH
  }
  candidates.push(join(homedir(), 'go', 'bin', 'ferretdb'));
  return candidates.find(isExecutable) ?? null;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

type Backend = { name: 'sqlite' } | { name: 'pg'; cluster: PostgresServer };

async function startFerretDb(binary: string, backend: Backend): Promise<MongoServer> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'invite-desk-ferretdb-'));
    mkdirSync(join(dir, 'data'));
    const storage = backend.name === 'pg'
      ? ['--handler=postgresql', `--postgresql-url=${backend.cluster.url}`]
      : ['--handler=sqlite', `--sqlite-url=file:${join(dir, 'data')}/`];
    const child = spawn(binary, [
      ...storage, `--listen-addr=127.0.0.1:${port}`,
      `--state-dir=${dir}`, '--debug-addr=-', '--telemetry=disable', '--log-level=error',
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => { output = (output + chunk.toString()).slice(-2000); };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // Should the test process end without stop(), take the server and its files along.
    const killOnExit = () => {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    };
    process.once('exit', killOnExit);

    const stopFerretDb = async () => {
      process.off('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    };
    const stop = async () => {
      await stopFerretDb();
      if (backend.name === 'pg') await backend.cluster.stop();
    };
    const footprint = () => backend.name === 'pg'
      ? { processes: [child.pid!, backend.cluster.pid], directories: [dir, backend.cluster.dir] }
      : { processes: [child.pid!], directories: [dir] };

    const ready = await waitForPort(port, 20_000, () => child.exitCode !== null || child.signalCode !== null);
    if (ready) return { uri: `mongodb://127.0.0.1:${port}/${uniqueDatabaseName()}`, backend: backend.name, stop, footprint };
    await stopFerretDb();
    if (/address already in use/i.test(output) && attempt < 3) continue;
    const hint = output.includes('version.txt') ? ` (a bare \`go install\` build: ${INSTALL_HINT})` : '';
    throw new Error(`ferretdb (${binary}) did not start on port ${port}${hint}: ${output.trim().split('\n').slice(0, 3).join(' | ') || `exit code ${child.exitCode}`}`);
  }
}

/** A TCP relay to the database that a test can cut, hang and restore, to play server outages. */
export async function outageProxy(host: string, port: number) {
  const sockets = new Set<Socket>();
  let listener: Server | null = null;
  let listenPort = 0;
  let hung = false;
  const up = () => new Promise<void>((resolve, reject) => {
    listener = createServer((client) => {
      const upstream = connect(port, host);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('error', () => socket.destroy());
        socket.on('close', () => { sockets.delete(socket); client.destroy(); upstream.destroy(); });
      }
      client.pipe(upstream).pipe(client);
      if (hung) { client.pause(); upstream.pause(); }
    });
    listener.once('error', reject);
    listener.listen(listenPort, '127.0.0.1', () => {
      listenPort = (listener!.address() as { port: number }).port;
      resolve();
    });
  });
  const down = () => new Promise<void>((resolve) => {
    for (const socket of sockets) socket.destroy();
    if (!listener) return resolve();
    listener.close(() => resolve());
    listener = null;
  });
  await up();
  return {
    port: listenPort,
    up,
    down,
    /** Connections stay open but nothing goes through: a server that stopped answering. */
    hang() { hung = true; for (const socket of sockets) socket.pause(); },
    unhang() { hung = false; for (const socket of sockets) socket.resume(); },
  };
}
