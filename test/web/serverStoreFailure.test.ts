import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../testkit/ports.ts';
import { runNode } from '../support/processes.ts';
import { tempDir } from '../support/tempDir.ts';

describe('the service process when its store cannot be opened', function () {
  this.timeout(30_000);

  it('says so in one line without a stack trace, naming MongoDB but not its password, and exits with status 1', async () => {
    const closedPort = await freePort();
    const dir = tempDir();
    try {
      const result = await runNode('bin/server.ts', [], {
        MONGODB_URI: `mongodb://invitedesk:s3cret-pw@127.0.0.1:${closedPort}/invitedesk`, PORT: String(await freePort()), DATA_DIR: dir.path, LOG_LEVEL: 'info', BOT_ENABLED: 'false',
      });
      assert.equal(result.code, 1, result.stdout + result.stderr);
      const lines = `${result.stdout}${result.stderr}`.trim().split('\n');
      assert.equal(lines.length, 1, lines.join('\n'));
      const line = JSON.parse(lines[0]!) as Record<string, unknown>;
      assert.equal(line.level, 60);
      assert.match(String(line.msg), new RegExp(`^cannot open the store: Cannot reach MongoDB at mongodb://invitedesk:\\*\\*\\*@127\\.0\\.0\\.1:${closedPort}/invitedesk: .*ECONNREFUSED`));
      assert.doesNotMatch(lines[0]!, /s3cret-pw|stack|\\n\s+at /);
    } finally {
      dir.remove();
    }
  });

  it('says so in one line when DATA_DIR cannot be made a folder for the SQLite file, and exits with status 1', async () => {
    const dir = tempDir();
    try {
      // A file where DATA_DIR's parent folder should be, as a volume mounted wrong would leave it.
      writeFileSync(join(dir.path, 'volume'), 'not a folder');
      const dataDir = join(dir.path, 'volume', 'data');
      const result = await runNode('bin/server.ts', [], { MONGODB_URI: '', PORT: String(await freePort()), DATA_DIR: dataDir, LOG_LEVEL: 'info', BOT_ENABLED: 'false' });
      assert.equal(result.code, 1, result.stdout + result.stderr);
      const lines = `${result.stdout}${result.stderr}`.trim().split('\n');
      assert.equal(lines.length, 1, lines.join('\n'));
      const line = JSON.parse(lines[0]!) as Record<string, unknown>;
      assert.match(String(line.msg), new RegExp(`^cannot open the store: Cannot open the SQLite database ${dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/invite-desk\\.sqlite: ENOTDIR`));
      assert.equal(line.err, undefined, 'no stack trace');
    } finally {
      dir.remove();
    }
  });
});
