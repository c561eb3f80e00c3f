import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { REPO_ROOT } from '../../testkit/repoRoot.ts';
import { startServer, type RunningServer } from '../../testkit/serverProcess.ts';
import { serviceArguments, WATCHED_FOLDERS } from '../../scripts/playground.ts';
import { tempDir } from '../support/tempDir.ts';

describe('npm run dev: the service restarted when its files change', function () {
  this.timeout(60_000);

  it('starts the service under node --watch and starts it again when a file under src changes', async () => {
    const args = serviceArguments(true);
    assert.equal(args.at(-1), 'bin/server.ts');
    assert.deepEqual(WATCHED_FOLDERS, ['bin', 'src', 'web', 'bot']);
    const dir = tempDir();
    // Ignored by git (*.log), removed below: a change inside a watched folder.
    const probe = join(REPO_ROOT, 'src', `dev-watch-probe-${process.pid}.log`);
    let server: RunningServer | undefined;
    const starts = () => server!.output().split('\n').filter((line) => line.includes('"invite desk is listening"')).length;
    try {
      server = await startServer('bin/server.ts', { DATA_DIR: dir.path, BOT_ENABLED: 'false' }, { nodeOptions: args.slice(0, -1) });
      for (let i = 0; i < 100 && starts() < 1; i++) await sleep(100);
      assert.equal(starts(), 1, server.output());
      writeFileSync(probe, 'changed\n');
      for (let i = 0; i < 300 && starts() < 2; i++) await sleep(100);
      assert.equal(starts(), 2, `not started again after a change: ${server.output()}`);
      assert.equal((await fetch(`${server.url}/readyz`)).status, 200);
    } finally {
      rmSync(probe, { force: true });
      await server?.stop();
      dir.remove();
    }
  });
});
