import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../testkit/ports.ts';
import { REPO_ROOT } from '../../testkit/repoRoot.ts';
import { tempDir } from '../support/tempDir.ts';

describe('the service process (npm start)', function () {
  this.timeout(30_000);

  it('serves /readyz on PORT with a SQLite file under DATA_DIR, logs JSON lines and stops cleanly on SIGTERM', async () => {
    const dir = tempDir();
    const port = await freePort();
    const child = spawn(process.execPath, ['bin/server.ts'], { cwd: REPO_ROOT, env: { ...process.env, PORT: String(port), DATA_DIR: dir.path } });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; });
    child.stderr.on('data', (chunk) => { output += chunk; });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      let ready: Response | undefined;
      for (let i = 0; i < 100 && !ready?.ok; i++) {
        ready = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
        if (!ready?.ok) await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(ready?.status, 200, output);
      assert.deepEqual(await ready.json(), { status: 'ready', store: 'sqlite' });
      assert.ok(existsSync(join(dir.path, 'invite-desk.sqlite')));
      child.kill('SIGTERM');
      assert.equal(await exited, 0, output);
      const lines = output.trim().split('\n').map((line) => JSON.parse(line) as { msg: string });
      assert.deepEqual(lines.map((l) => l.msg), [
        'BOT_ID and BOT_PASSWORD are not set: the bot at /api/messages accepts UNAUTHENTICATED activities from this machine only, and replies only to this machine (local use with the Agents Playground)',
        'invite desk is listening', 'shutting down', 'stopped',
      ]);
    } finally {
      child.kill('SIGKILL');
      dir.remove();
    }
  });

  it('refuses to start with invalid settings, one line per problem', async () => {
    const child = spawn(process.execPath, ['bin/server.ts'], { cwd: REPO_ROOT, env: { ...process.env, PORT: '99999', NODE_ENV: 'production' } });
    let stderr = '';
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 1);
    assert.match(stderr, /PORT: must be between 0 and 65535/);
  });
});
