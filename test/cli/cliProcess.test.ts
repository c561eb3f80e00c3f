import assert from 'node:assert/strict';
import { runNode } from '../support/processes.ts';
import { tempDir } from '../support/tempDir.ts';

describe('admin CLI as a real process (bin/invite-desk.js)', function () {
  this.timeout(60_000);
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => { dir = tempDir(); });
  afterEach(() => dir.remove());

  const cli = async (...args: string[]) => {
    const result = await runNode('bin/invite-desk.js', args, { DATA_DIR: dir.path });
    return result;
  };

  it('creates a group invitation for three contacts with an account, two web roles and an expiry, and shows it back as JSON', async () => {
    for (const args of [
      ['accounts', 'add', 'Contoso Ltd'], ['roles', 'add', 'Customer'], ['roles', 'add', 'Partner'],
      ['contacts', 'add', '--first', 'Ada', '--last', 'Lovelace', '--email', 'ada@example.com'],
      ['contacts', 'add', '--first', 'Alan', '--last', 'Turing', '--email', 'alan@example.com'],
      ['contacts', 'add', '--first', 'Grace', '--last', 'Hopper', '--email', 'grace@example.com'],
    ]) {
      const result = await cli(...args);
      assert.equal(result.code, 0, result.stderr);
    }
    const created = await cli('--json', 'invite', 'create', '--type', 'group', '--max', '3', '--name', 'Spring partners',
      '--contact', 'ada@example.com', '--contact', 'alan@example.com', '--contact', 'grace@example.com',
      '--account', 'Contoso Ltd', '--role', 'Customer', '--role', 'Partner', '--expires', '2099-12-31');
    assert.equal(created.code, 0, created.stderr);
    const { id, code } = JSON.parse(created.stdout);
    assert.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);

    const shown = await cli('--json', 'invite', 'show', id);
    assert.equal(shown.code, 0, shown.stderr);
    const invitation = JSON.parse(shown.stdout);
    assert.equal(invitation.type, 'group');
    assert.equal(invitation.status, 'pending-approval', 'a group invitation waits for approval, as one from the bot does');
    assert.equal(invitation.maxRedemptions, 3);
    assert.equal(invitation.expiresAt, '2099-12-31T23:59:59.999Z');
    assert.equal(invitation.account.name, 'Contoso Ltd');
    assert.deepEqual(invitation.webRoles.map((r: { name: string }) => r.name), ['Customer', 'Partner']);
    assert.deepEqual(invitation.invitedContacts.map((c: { email: string }) => c.email), ['ada@example.com', 'alan@example.com', 'grace@example.com']);
  });

  it('exits non-zero with the reason when the configuration is wrong', async () => {
    const result = await runNode('bin/invite-desk.js', ['contacts', 'list'], { DATA_DIR: dir.path, PORT: 'eighty' });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /PORT: must be a port number \(example: 3978\)/);
  });
});
