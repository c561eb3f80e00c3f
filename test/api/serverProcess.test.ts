import assert from 'node:assert/strict';
import { startService } from '../support/serviceProcess.ts';
import { tempDir } from '../support/tempDir.ts';

describe('the service process serves the API', function () {
  this.timeout(60_000);

  it('at /api/v1 (its document, and refusals as problem details), and not with API_ENABLED=false', async () => {
    const dir = tempDir();
    try {
      const on = await startService({ DATA_DIR: dir.path, BOT_ENABLED: 'false', JOBS_ENABLED: 'false' });
      try {
        const document = await fetch(`${on.url}/api/v1/openapi.json`);
        assert.equal(document.status, 200);
        assert.equal(((await document.json()) as { openapi: string }).openapi, '3.1.0');
        const refused = await fetch(`${on.url}/api/v1/invitations`);
        assert.equal(refused.status, 401);
        assert.match(refused.headers.get('content-type') ?? '', /application\/problem\+json/);
      } finally {
        await on.stop();
      }
      const off = await startService({ DATA_DIR: dir.path, BOT_ENABLED: 'false', JOBS_ENABLED: 'false', API_ENABLED: 'false' });
      try {
        assert.equal((await fetch(`${off.url}/api/v1/openapi.json`)).status, 404);
      } finally {
        await off.stop();
      }
    } finally {
      dir.remove();
    }
  });
});
