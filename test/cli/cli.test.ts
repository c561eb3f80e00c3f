import assert from 'node:assert/strict';
import { runCliIn } from '../support/inProcessCli.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSqliteStore } from '../../src/store/sqlite/index.ts';
import type { Store } from '../../src/store/port.ts';
import { testServices } from '../support/services.ts';
import { tempDir } from '../support/tempDir.ts';

describe('admin CLI', () => {
  let store: Store;
  let t: ReturnType<typeof testServices>;
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    store = createSqliteStore(':memory:');
    t = testServices(store);
    dir = tempDir();
  });
  afterEach(async () => {
    await store.close();
    dir.remove();
  });

  async function cli(...args: string[]) {
    return runCliIn(t.services, args);
  }

  it('imports contacts from a CSV with Dynamics or friendly headers and lists them', async () => {
    await cli('accounts', 'add', 'Contoso');
    const csv = join(dir.path, 'contacts.csv');
    writeFileSync(csv, 'First Name,lastname,emailaddress1,Account\nAda,Lovelace,ada@example.com,Contoso\nAlan,Turing,alan@example.com,\n');
    const imported = await cli('contacts', 'import', csv);
    assert.equal(imported.exitCode, 0, imported.stderr);
    assert.equal(imported.stdout, 'imported 2 contact(s)');
    const again = await cli('--json', 'contacts', 'import', csv);
    assert.deepEqual(JSON.parse(again.stdout).skipped.map((s: { email: string }) => s.email), ['ada@example.com', 'alan@example.com']);
    const listed = await cli('--json', 'contacts', 'list', '--search', 'ada');
    assert.deepEqual(JSON.parse(listed.stdout).items.map((c: { lastName: string }) => c.lastName), ['Lovelace']);
  });

  it('explains a bad CSV and imports nothing', async () => {
    const csv = join(dir.path, 'bad.csv');
    writeFileSync(csv, 'name,mail\nAda,ada@example.com\n');
    const unknownColumns = await cli('contacts', 'import', csv);
    assert.equal(unknownColumns.exitCode, 1);
    assert.match(unknownColumns.stderr, /unknown column\(s\) name, mail/);
    writeFileSync(csv, 'firstName,email\nAda,ada@example.com\nBad,not-mail\n');
    const badRow = await cli('contacts', 'import', csv);
    assert.match(badRow.stderr, /row 2: primaryEmail: is not an e-mail address/);
    const missing = await cli('contacts', 'import', join(dir.path, 'missing.csv'));
    assert.match(missing.stderr, /cannot read .*missing.csv: ENOENT/);
    assert.equal(JSON.parse((await cli('--json', 'contacts', 'list')).stdout).items.length, 0);
  });

  it('holds a group invitation for approval, as the bot does; an admin may skip approval, and that is audited', async () => {
    await cli('contacts', 'add', '--first', 'Ada', '--last', 'Lovelace', '--email', 'ada@example.com');
    const held = JSON.parse((await cli('--json', 'invite', 'create', '--type', 'group', '--max', '2', '--contact', 'ada@example.com')).stdout);
    assert.equal(held.status, 'pending-approval');
    assert.equal((await store.jobs.list({ kind: 'invitation.send', subjectId: held.id }, { limit: 1 })).items.length, 0, 'nothing is sent before approval');
    const skipped = JSON.parse((await cli('--json', 'invite', 'create', '--type', 'group', '--max', '2', '--contact', 'ada@example.com', '--skip-approval')).stdout);
    assert.equal(skipped.status, 'sent');
    assert.equal((await store.jobs.list({ kind: 'invitation.send', subjectId: skipped.id }, { limit: 1 })).items.length, 1);
    const audit = (await store.audit.listForSubject(skipped.id, { limit: 10 })).items.map((e) => `${e.actor} ${e.action}`);
    assert.ok(audit.includes('cli invitation.approval-skipped'), audit.join(', '));
  });

  it('reads a typed expiry against the service clock, not the wall clock', async () => {
    t.clock.set('2031-03-01T00:00:00Z');
    await cli('contacts', 'add', '--first', 'Ada', '--last', 'Lovelace', '--email', 'ada@example.com');
    const created = JSON.parse((await cli('--json', 'invite', 'create', '--contact', 'ada@example.com', '--expires', '7d')).stdout);
    assert.equal(created.expiresAt, '2031-03-08T00:00:00.000Z');
    const extended = await cli('invite', 'extend', created.id, '--expires', '2w');
    assert.match(extended.stdout, /2031-03-15T00:00:00.000Z/);
  });

  it('creates, shows, lists, extends and revokes an invitation', async () => {
    await cli('contacts', 'add', '--first', 'Ada', '--last', 'Lovelace', '--email', 'ada@example.com');
    const created = await cli('invite', 'create', '--contact', 'ada@example.com', '--expires', '7d');
    assert.equal(created.exitCode, 0, created.stderr);
    const code = /code: (\S+)/.exec(created.stdout)![1]!;
    const id = /id: (\S+)/.exec(created.stdout)![1]!;
    const shown = JSON.parse((await cli('--json', 'invite', 'show', code.toLowerCase())).stdout);
    assert.equal(shown.id, id);
    assert.equal(shown.code, `••••-••••-••••-${code.slice(-4)}`);
    assert.equal(shown.codeLookupKey, undefined);
    assert.equal(shown.codeSealed, undefined);
    assert.equal(JSON.parse((await cli('--json', 'invite', 'show', id, '--reveal-code')).stdout).code, code);
    assert.match((await cli('invite', 'extend', id, '--expires', '2099-01-01')).stdout, /^extended .* sent .*2099-01-01T23:59:59.999Z/);
    assert.match((await cli('invite', 'resend', id)).stdout, /^mail queued again for .* sent/);
    assert.match((await cli('invite', 'revoke', code, '--reason', 'test')).stdout, /^revoked .* revoked/);
    assert.match((await cli('invite', 'resend', id)).stderr, /A revoked invitation cannot be sent again\./);
    assert.match((await cli('invite', 'list', '--status', 'revoked')).stdout, new RegExp(id));
    assert.equal((await cli('invite', 'list', '--status', 'sent')).stdout, '');
  });

  it('says what is wrong with bad arguments and exits non-zero', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['invite', 'create'], /required option '--contact <email\|id>' not specified/],
      [['invite', 'create', '--contact', 'nobody@example.com'], /Contact nobody@example.com was not found/],
      [['invite', 'list', '--status', 'lost'], /status: must be one of/],
      [['invite', 'extend', 'x', '--expires', 'soon'], /"soon" is not a date/],
      [['invite', 'show', 'ABCD-ABCD-ABCD-ABCD'], /Invitation with that code was not found/],
      [['staff', 'add', 'not-a-guid', '--name', 'X', '--roles', 'admin'], /id: must be an Entra object id/],
      [['frobnicate'], /unknown command 'frobnicate'/],
    ];
    for (const [args, message] of cases) {
      const result = await cli(...args);
      assert.notEqual(result.exitCode, 0, args.join(' '));
      assert.match(result.stderr, message, args.join(' '));
    }
  });

  it('manages staff', async () => {
    const id = '6b1c1e0a-2f1d-4c5e-9a7b-1234567890ab';
    assert.match((await cli('staff', 'add', id, '--name', 'Ann', '--roles', 'inviter, approver')).stdout, /saved .* Ann {2}\[inviter, approver\]/);
    assert.match((await cli('staff', 'list')).stdout, /Ann/);
    assert.match((await cli('staff', 'add', id, '--name', 'Ann', '--roles', 'inviter', '--email', 'Ann@Example.com')).stdout, /saved .* Ann <ann@example\.com> {2}\[inviter\]/);
    assert.match((await cli('staff', 'add', id, '--name', 'Ann', '--roles', 'inviter', '--email', 'not an address')).stderr, /email: must be an e-mail address/);
    assert.equal((await cli('staff', 'remove', id)).stdout, `removed ${id}`);
    assert.equal((await cli('staff', 'remove', id)).exitCode, 1);
  });
});
