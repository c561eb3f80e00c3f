import assert from 'node:assert/strict';
import { cliOnFreshStore } from '../support/inProcessCli.ts';
import { apiKeyHash } from '../../src/domain/apiClient.ts';

describe('admin CLI: apikeys', () => {
  const bed = cliOnFreshStore();

  const { cli } = bed;

  it('creates a key shown once, lists keys without it, and revokes a key by its prefix (audited as the CLI)', async () => {
    const created = await cli('apikeys', 'create', '--name', 'CRM sync', '--roles', 'Invitations.Read,Invitations.ReadWrite');
    assert.equal(created.exitCode, 0, created.stderr);
    const key = /key: (idk_\S+)/.exec(created.stdout)?.[1];
    assert.ok(key, created.stdout);
    const stored = (await bed.store.apiKeys.list({ limit: 10 })).items[0]!;
    assert.equal(stored.hash, apiKeyHash(key));
    assert.deepEqual(stored.roles, ['Invitations.Read', 'Invitations.ReadWrite']);

    const listed = await cli('apikeys', 'list');
    assert.match(listed.stdout, /CRM sync {2}\[Invitations.Read, Invitations.ReadWrite\] {2}last used never/);
    assert.ok(!listed.stdout.includes(key));
    const json = await cli('--json', 'apikeys', 'list');
    assert.ok(!json.stdout.includes(key) && !json.stdout.includes(stored.hash));

    const revoked = await cli('apikeys', 'revoke', stored.prefix);
    assert.equal(revoked.exitCode, 0, revoked.stderr);
    assert.match(revoked.stdout, /revoked .* revoked /);
    assert.equal(await bed.t.services.apiKeys.authenticate(key), null);
    const events = (await bed.store.audit.listForSubject(`api:key:${stored.id}`, { limit: 5 })).items.map((e) => `${e.actor} ${e.action}`).sort();
    assert.deepEqual(events, ['cli apikey.created', 'cli apikey.revoked']);
  });

  it('says what is wrong with a bad role or an unknown key', async () => {
    const bad = await cli('apikeys', 'create', '--name', 'x', '--roles', 'Everything');
    assert.equal(bad.exitCode, 1);
    assert.match(bad.stderr, /roles\.0: must be one of Invitations\.Read/);
    const unknown = await cli('apikeys', 'revoke', 'nope');
    assert.equal(unknown.exitCode, 1);
    assert.match(unknown.stderr, /API key nope was not found/);
  });
});
