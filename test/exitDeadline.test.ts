import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { REPO_ROOT } from '../testkit/repoRoot.ts';

function run(script: string) {
  const started = Date.now();
  const child = spawn(process.execPath, ['--input-type=module', '--eval', `const { exitDeadline } = await import('./src/exitDeadline.ts'); ${script}`], { cwd: REPO_ROOT, stdio: 'ignore' });
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>((resolve) => child.on('exit', (code, signal) => {
    clearTimeout(timer);
    resolve({ code, signal, ms: Date.now() - started });
  }));
}

describe('the exit deadline', function () {
  this.timeout(20_000);

  it('ends a process whose main thread never yields again', async () => {
    const { signal, ms } = await run('await exitDeadline(300); for (;;);');
    assert.equal(signal, 'SIGKILL');
    assert.ok(ms < 5_000, `took ${ms} ms`);
  });

  it('can be called off, and does not keep a process alive', async () => {
    assert.equal((await run('const off = await exitDeadline(200); off(); setTimeout(() => process.exit(3), 600);')).code, 3);
    const idle = await run('await exitDeadline(5_000);');
    assert.deepEqual([idle.code, idle.ms < 4_000], [0, true]);
  });
});
