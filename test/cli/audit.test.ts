import assert from 'node:assert/strict';
import { runCliIn } from '../support/inProcessCli.ts';
import type { AuditEvent } from '../../src/domain/audit.ts';
import { createSqliteStore } from '../../src/store/sqlite/index.ts';
import type { Store } from '../../src/store/port.ts';
import { testServices } from '../support/services.ts';

const ADMIN = '00000000-0000-0000-0000-0000000000a1';
const VIEWER = '00000000-0000-0000-0000-0000000000b2';

describe('audit CLI', () => {
  let store: Store;
  let t: ReturnType<typeof testServices>;
  beforeEach(async () => {
    store = createSqliteStore(':memory:');
    t = testServices(store);
    await t.services.staff.save('cli', { id: ADMIN, displayName: '=HYPERLINK("http://evil")', roles: ['admin'] });
    await t.services.staff.save('cli', { id: VIEWER, displayName: 'Vera Viewer', roles: ['viewer'] });
  });
  afterEach(() => store.close());

  async function cli(...args: string[]) {
    return runCliIn(t.services, args);
  }

  it('lists events by actor, subject, action and time, with actor names, paged', async () => {
    t.clock.advance(60_000);
    await t.services.staff.save(ADMIN, { id: VIEWER, displayName: 'Vera Viewer', roles: ['viewer', 'inviter'] });
    t.clock.advance(60_000);
    await t.services.contacts.add({ firstName: 'Ada', primaryEmail: 'ada@example.com' });
    const byAdmin = await cli('audit', 'list', '--actor', ADMIN.toUpperCase());
    assert.equal(byAdmin.exitCode, 0, byAdmin.stderr);
    assert.equal(byAdmin.lines.length, 1);
    assert.match(byAdmin.stdout, /=HYPERLINK\("http:\/\/evil"\) \(00000000-0000-0000-0000-0000000000a1\)  staff\.updated  00000000-0000-0000-0000-0000000000b2/);
    assert.match(byAdmin.stdout, /"roles":\{"before":\["viewer"\],"after":\["viewer","inviter"\]\}/, 'only what changed, before and after');
    const bySubject = await cli('--json', 'audit', 'list', '--subject', 'ada@example.com');
    assert.deepEqual(JSON.parse(bySubject.stdout).items.map((e: AuditEvent) => e.action), ['contact.added']);
    const staffOnly = await cli('--json', 'audit', 'list', '--action', 'staff.*', '--limit', '2');
    const first = JSON.parse(staffOnly.stdout);
    assert.deepEqual(first.items.map((e: AuditEvent) => e.action), ['staff.updated', 'staff.added']);
    const rest = JSON.parse((await cli('--json', 'audit', 'list', '--action', 'staff.*', '--limit', '2', '--after', first.next)).stdout);
    assert.deepEqual(rest.items.map((e: AuditEvent) => e.action), ['staff.added']);
    const window = await cli('--json', 'audit', 'list', '--since', '2026-06-01T12:00:30Z', '--until', '2026-06-01T12:01:30Z');
    assert.deepEqual(JSON.parse(window.stdout).items.map((e: AuditEvent & { actorName: string }) => [e.action, e.actorName]), [['staff.updated', '=HYPERLINK("http://evil")']]);
    const badDate = await cli('audit', 'list', '--since', 'yesterday-ish');
    assert.equal(badDate.exitCode, 1);
    assert.match(badDate.stderr, /since: is not a date/);
  });

  it('exports CSV with formula cells neutralised, and JSON Lines', async () => {
    await store.audit.append({ id: 'e1', at: new Date('2026-06-01T10:00:00Z'), actor: ADMIN, action: 'contact.added', subjectId: '+cmd|calc', detail: { note: 'a,"b"' } });
    await store.audit.append({ id: 'e2', at: new Date('2026-06-01T11:00:00Z'), actor: 'cli', action: 'staff.removed', subjectId: '@SUM(A1)', detail: {} });
    const csv = await cli('audit', 'export', '--format', 'csv', '--until', '2026-06-01T12:00:00Z');
    assert.equal(csv.exitCode, 0, csv.stderr);
    assert.deepEqual(csv.lines, [
      'id,at,actor,actorName,action,subject,detail',
      `e1,2026-06-01T10:00:00.000Z,${ADMIN},"'=HYPERLINK(""http://evil"")",contact.added,'+cmd|calc,"{""note"":""a,\\""b\\""""}"`,
      "e2,2026-06-01T11:00:00.000Z,cli,the admin CLI,staff.removed,'@SUM(A1),{}",
    ]);
    const jsonl = await cli('audit', 'export', '--format', 'jsonl', '--since', '2026-06-01T10:30:00Z', '--until', '2026-06-01T12:00:00Z');
    assert.deepEqual(jsonl.lines.map((line) => JSON.parse(line)), [
      { id: 'e2', at: '2026-06-01T11:00:00.000Z', actor: 'cli', actorName: 'the admin CLI', action: 'staff.removed', subjectId: '@SUM(A1)', detail: {} },
    ]);
    assert.equal((await cli('audit', 'export', '--format', 'xml')).exitCode, 1);
  });

  it('is for admins only', async () => {
    await assert.rejects(t.services.audit.list(VIEWER), { code: 'not_allowed' });
    await assert.rejects(t.services.audit.export(VIEWER), { code: 'not_allowed' });
    assert.equal((await t.services.audit.list(ADMIN)).items.length, 2);
  });
});
