import { execFileSync } from 'node:child_process';
import { cpus, release, totalmem } from 'node:os';

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
  };
}

function ferretDbVersion(): string | null {
  try {
    return execFileSync('ferretdb', ['--version'], { encoding: 'utf8', timeout: 5_000 }).match(/version:\s*(\S+)/)?.[1] ?? null;
  } catch {
    return null;
  }
}
