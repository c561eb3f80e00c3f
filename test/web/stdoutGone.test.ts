import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../testkit/ports.ts';
import { REPO_ROOT } from '../../testkit/repoRoot.ts';
import { tempDir } from '../support/tempDir.ts';

/**
 * `npm start | head -c 1`, or a log viewer that quits: the service's stdout is a pipe whose reader
 * goes away. The next log line meets a broken pipe; SIGTERM must still stop the service.
 */
describe('the service process when its stdout reader is gone', function () {
  this.timeout(40_000);

  // A site-only process stops in a few ticks, before the broken pipe is even reported: the last
  // log lines are still buffered when it exits (the case that hung). The default process (bot and
  // job worker on, as `npm start` runs) must stop too.
  for (const [what, parts] of [['site only', { BOT_ENABLED: 'false', JOBS_ENABLED: 'false' }], ['as npm start runs it', {}]] as const) {
    it(`stops within 10 s of SIGTERM after the reading end of its stdout pipe is closed (${what})`, async () => {
      const dir = tempDir();
      const port = await freePort();
      const child = spawn(process.execPath, ['bin/server.ts'], {
        cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, PORT: String(port), DATA_DIR: dir.path, PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, LOG_LEVEL: 'info', ...parts },
      });
      let stderr = '';
      child.stderr.on('data', (chunk) => { stderr += chunk; });
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
      try {
        // The first line says the service is listening; read a byte of it, like `head -c 1`, and go.
        await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
        child.stdout.destroy();
        await sleep(200);
        child.kill('SIGTERM');
        const outcome = await Promise.race([exited, sleep(10_000).then(() => 'still running' as const)]);
        assert.notEqual(outcome, 'still running', `the service did not stop within 10 s of SIGTERM; stderr: ${stderr}`);
        assert.equal(child.signalCode, null, 'it exits by itself, not by the signal');
      } finally {
        child.kill('SIGKILL');
        await exited;
        dir.remove();
      }
    });
  }
});
