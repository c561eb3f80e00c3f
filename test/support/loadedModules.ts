import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { REPO_ROOT } from '../../testkit/repoRoot.ts';
import type { RunningServer } from '../../testkit/serverProcess.ts';

/** What `startServer` needs to record what the process loads: its node options and its env. */
export function moduleRecording(file: string) {
  return { nodeOptions: ['--import', join(REPO_ROOT, 'test/support/moduleRecorder.ts')], env: { MODULE_RECORDER_FILE: file } };
}

/** The modules a recorded process has loaded so far, as the URLs of their files. */
export async function loadedModules(server: RunningServer, file: string): Promise<string[]> {
  rmSync(file, { force: true });
  server.child.kill('SIGUSR2');
  for (let i = 0; i < 250 && !existsSync(file); i++) await sleep(20);
  if (!existsSync(file)) throw new Error(`the process wrote no module list to ${file} within 5 s of SIGUSR2: ${server.output()}`);
  return readFileSync(file, 'utf8').split('\n');
}

/** The npm packages (`name` or `@scope/name`, the innermost where one is nested in another) those URLs come from. */
export function packagesOf(urls: string[]): Set<string> {
  return new Set(urls.flatMap((url) => {
    const match = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
    return match ? [match[1]!] : [];
  }));
}
