import assert from 'node:assert/strict';
import type { AuditEvent } from '../../src/domain/audit.ts';
import { createSqliteStore } from '../../src/store/sqlite/index.ts';
import type { Store } from '../../src/store/port.ts';
import { testClock, testServices } from '../support/services.ts';

const ADMIN = '00000000-0000-0000-0000-0000000000a1';
const MEMBER = '00000000-0000-0000-0000-0000000000c3';

describe('audit trail of changes', () => {
  let store: Store;
  let t: ReturnType<typeof testServices>;
  beforeEach(async () => {
    store = createSqliteStore(':memory:');
    // Every reading of the clock is a millisecond later, so the trail's order is the order of the changes.
    const clock = testClock();
    t = testServices(store, Object.assign(() => { clock.advance(1); return clock(); }, { set: clock.set, advance: clock.advance }));
    await t.services.staff.save('cli', { id: ADMIN, displayName: 'Ada Admin', roles: ['admin'] });
  });
  afterEach(() => store.close());

  const trail = async (): Promise<AuditEvent[]> => (await t.services.audit.list('cli', {}, { limit: 100 })).items.reverse();
  const last = async () => (await trail()).at(-1)!;

  it('records who added contacts, accounts and web roles, with what they typed', async () => {
    const account = await t.services.accounts.add('Contoso', ADMIN);
    assert.deepEqual(await last(), { ...(await last()), actor: ADMIN, action: 'account.added', subjectId: account.id, detail: { changes: { name: { before: null, after: 'Contoso' } } } });
    const role = await t.services.webRoles.add('Customer', 'cli');
    assert.deepEqual([(await last()).action, (await last()).subjectId, (await last()).actor], ['web-role.added', role.id, 'cli']);
    const ada = await t.services.contacts.add({ firstName: 'Ada', primaryEmail: 'ada@example.com', account: 'Contoso' }, ADMIN);
    assert.deepEqual((await last()).detail, { changes: {
      firstName: { before: null, after: 'Ada' }, primaryEmail: { before: null, after: 'ada@example.com' }, parentAccountId: { before: null, after: account.id },
    } }, 'only the fields that hold something');
    assert.equal((await last()).subjectId, ada.id);
    const imported = await t.services.contacts.import([{ primaryEmail: 'b@example.com' }, { primaryEmail: 'ada@example.com' }, { primaryEmail: 'c@example.com' }], 'cli');
    const events = (await trail()).slice(-2);
    assert.deepEqual(events.map((e) => [e.action, e.subjectId]), imported.added.map((c) => ['contact.added', c.id]), 'one event per contact added, none for the skipped');
  });

  it('records staff changes with only what changed, before and after', async () => {
    await t.services.staff.save(ADMIN, { id: MEMBER, displayName: 'Bo', roles: ['viewer'], email: 'bo@example.com' });
    assert.deepEqual((await last()).detail, { changes: {
      displayName: { before: null, after: 'Bo' }, roles: { before: null, after: ['viewer'] }, email: { before: null, after: 'bo@example.com' },
    } });
    await t.services.staff.save(ADMIN, { id: MEMBER, displayName: 'Bo', roles: ['viewer', 'inviter'] });
    assert.deepEqual((await last()).detail, { changes: { roles: { before: ['viewer'], after: ['viewer', 'inviter'] } } });
    await t.services.staff.remove(ADMIN, MEMBER);
    const removed = await last();
    assert.equal(removed.action, 'staff.removed');
    assert.deepEqual(removed.detail, { changes: {
      displayName: { before: 'Bo', after: null }, roles: { before: ['viewer', 'inviter'], after: null }, email: { before: 'bo@example.com', after: null },
    } });
  });

  it('records workflows and templates without their secrets or bodies', async () => {
    const workflow = await t.services.workflows.add(ADMIN, { name: 'crm', url: 'https://hooks.example.com/crm' });
    const added = await last();
    assert.deepEqual(added.detail, { changes: { name: { before: null, after: 'crm' }, url: { before: null, after: 'https://hooks.example.com/crm' }, secret: { before: null, after: '(changed)' } } });
    assert.ok(!JSON.stringify(await trail()).includes(workflow.secret), 'the secret is nowhere in the trail');
    await t.services.workflows.remove(ADMIN, 'CRM');
    assert.deepEqual([(await last()).action, (await last()).subjectId], ['workflow.removed', 'workflow:crm']);
    const builtIn = await t.services.templates.show(ADMIN, 'invitation', 'en');
    await t.services.templates.save(ADMIN, 'invitation', 'en', { ...builtIn, subject: 'Join us, {{contact.firstName}}', html: `${builtIn.html}<p>secret plan</p>` });
    const saved = await last();
    assert.deepEqual(saved.detail, { changes: { subject: { before: builtIn.subject, after: 'Join us, {{contact.firstName}}' }, html: { before: '(changed)', after: '(changed)' } } });
    await t.services.templates.reset(ADMIN, 'invitation', 'en');
    assert.deepEqual([(await last()).action, Object.keys((await last()).detail.changes as object)], ['template.reset', ['subject', 'html']]);
  });
});
