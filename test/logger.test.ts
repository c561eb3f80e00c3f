import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { REPO_ROOT } from '../testkit/repoRoot.ts';

/**
 * A process that logs to a pipe whose reader has gone (`npm start | head -c 1`) and then exits
 * with log lines still on their way: the exit must not wait for the broken pipe.
 */
const SCRIPT = `
  const { createLogger } = await import('./src/logger.ts');
  const logger = createLogger({ logLevel: 'info' });
  logger.info('first');
  process.stdin.once('data', () => { logger.info('one'); logger.info('two'); logger.info('three'); process.exit(0); });
`;

describe('the logger', function () {
  this.timeout(20_000);

  it('lets the process exit at once when the reader of its stdout pipe has gone', async () => {
    const child = spawn(process.execPath, ['--input-type=module', '--eval', SCRIPT], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      child.stdout.destroy();
      await sleep(200);
      child.stdin.write('go\n');
      const outcome = await Promise.race([exited, sleep(5_000).then(() => 'still running' as const)]);
      assert.equal(outcome, 0, `expected a clean exit; stderr: ${stderr}`);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
