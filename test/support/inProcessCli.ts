import { runCli } from '../../src/cli/program.ts';
import type { Services } from '../../src/services/index.ts';

/** The admin CLI run in this process over `services`: its exit code and what it wrote (lines as written, and joined). */
export async function runCliIn(services: Services, args: readonly string[]): Promise<{ exitCode: number; stdout: string; stderr: string; lines: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const exitCode = await runCli(services, { out: (s) => out.push(s), err: (s) => err.push(s) }, [...args]);
  return { exitCode, stdout: out.join('\n'), stderr: err.join('\n'), lines: out };
}
