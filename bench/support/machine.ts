import { execFileSync } from 'node:child_process';
import { cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { findPostgres } from '../../testkit/postgresServer.ts';

/** What the figures were measured on. */
export function machine() {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${process.platform} ${release()}`,
    node: process.version,
    ferretdb: ferretDbVersion(),
    postgresql: postgresVersion(),
  };
}

function ferretDbVersion(): string | null {
  try {
    return execFileSync('ferretdb', ['--version'], { encoding: 'utf8', timeout: 5_000 }).match(/version:\s*(\S+)/)?.[1] ?? null;
  } catch {
    return null;
  }
}

function postgresVersion(): string | null {
  const bin = findPostgres();
  if (!bin) return null;
  try {
    return execFileSync(join(bin, 'postgres'), ['--version'], { encoding: 'utf8', timeout: 5_000 }).match(/(\d+\.\d+)/)?.[1] ?? null;
  } catch {
    return null;
  }
}
