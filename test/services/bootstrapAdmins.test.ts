import assert from 'node:assert/strict';
import { parseConfig } from '../../src/config.ts';
import { openRuntime, type Runtime } from '../../src/runtime.ts';
import { silentLogger } from '../support/mailTestbed.ts';
import { tempDir } from '../support/tempDir.ts';

describe('bootstrap admins (ADMIN_OBJECT_IDS)', () => {
  const ADMIN = 'aaaaaaaa-0000-4000-8000-000000000001';
  const INVITER = 'bbbbbbbb-0000-4000-8000-000000000002';
  let dir: ReturnType<typeof tempDir>;
  let runtime: Runtime;
  beforeEach(async () => {
    dir = tempDir();
    runtime = await openRuntime(parseConfig({ DATA_DIR: dir.path, ADMIN_OBJECT_IDS: ADMIN.toUpperCase() }), silentLogger);
  });
  afterEach(async () => {
    await runtime.close();
    dir.remove();
  });

  it('are staff records with the admin role from the start, and are asked to approve a group invitation', async () => {
    const { services, store } = runtime;
    assert.deepEqual((await services.staff.get(ADMIN))?.roles, ['admin']);
    await services.staff.save('cli', { id: INVITER, displayName: 'Ivy Inviter', roles: ['inviter'] });
    const { invitation } = await services.invitations.invite(INVITER, { type: 'group', maxRedemptions: 2, contactLines: 'ada@example.com' });
    assert.equal(invitation.lifecycle, 'pending-approval');
    const asked = (await store.jobs.list({ kind: 'notice', subjectId: invitation.id }, { limit: 10 })).items.filter((j) => j.id.startsWith('notice:approval:')).map((j) => j.payload.to);
    assert.deepEqual(asked, [ADMIN]);
  });
});
