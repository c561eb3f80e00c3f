import assert from 'node:assert/strict';
import { createSqliteStore } from '../../src/store/sqlite/index.ts';
import type { Store } from '../../src/store/port.ts';
import { testServices } from '../support/services.ts';

describe('contacts, accounts and web roles', () => {
  let store: Store;
  let t: ReturnType<typeof testServices>;
  beforeEach(() => {
    store = createSqliteStore(':memory:');
    t = testServices(store);
  });
  afterEach(() => store.close());

  it('adds a contact with normalised e-mails and its account, found again by e-mail in any case', async () => {
    const account = await t.services.accounts.add('  Contoso Ltd ');
    const added = await t.services.contacts.add({ firstName: ' Ada ', lastName: 'Lovelace', primaryEmail: ' Ada@Example.COM ', account: 'contoso ltd' });
    assert.deepEqual([added.firstName, added.primaryEmail, added.parentAccountId, account.name], ['Ada', 'ada@example.com', account.id, 'Contoso Ltd']);
    assert.equal((await t.services.contacts.resolve('ADA@example.com')).id, added.id);
  });

  it('refuses bad input with every problem named', async () => {
    await assert.rejects(t.services.contacts.add({ primaryEmail: 'not-an-email', secondaryEmail: 'x@' }), {
      code: 'invalid_input', message: 'primaryEmail: is not an e-mail address; secondaryEmail: is not an e-mail address',
    });
    await assert.rejects(t.services.contacts.add({}), { message: 'contact: needs a name or a primary e-mail' });
    await assert.rejects(t.services.contacts.add({ primaryEmail: 'a@example.com', account: 'Nowhere' }), { code: 'not_found', message: 'Account "Nowhere" was not found.' });
  });

  it('refuses a duplicate primary e-mail, account name or role name', async () => {
    await t.services.contacts.add({ primaryEmail: 'a@example.com' });
    await assert.rejects(t.services.contacts.add({ primaryEmail: 'A@example.com' }), { code: 'conflict', message: 'A contact with the e-mail a@example.com already exists.' });
    await t.services.webRoles.add('Customer');
    await assert.rejects(t.services.webRoles.add('customer'), { code: 'conflict' });
    await assert.rejects(t.services.accounts.add('  '), { code: 'invalid_input' });
  });

  it('imports all rows or, if any is bad, none, listing the bad rows', async () => {
    await assert.rejects(t.services.contacts.import([
      { firstName: 'Good', primaryEmail: 'good@example.com' },
      { firstName: 'Bad', primaryEmail: 'bad@' },
      { primaryEmail: 'x@example.com', account: 'Nowhere' },
    ]), { message: 'row 2: primaryEmail: is not an e-mail address; row 3: Account "Nowhere" was not found.' });
    assert.equal((await t.services.contacts.list({})).items.length, 0);
  });

  it('skips and reports rows whose e-mail already exists, including repeats within the file', async () => {
    await t.services.contacts.add({ primaryEmail: 'old@example.com' });
    const result = await t.services.contacts.import([
      { firstName: 'New', primaryEmail: 'new@example.com' },
      { firstName: 'Old', primaryEmail: 'OLD@example.com' },
      { firstName: 'Again', primaryEmail: 'new@example.com' },
    ]);
    assert.deepEqual(result.added.map((c) => c.primaryEmail), ['new@example.com']);
    assert.deepEqual(result.skipped.map((s) => [s.row, s.email]), [[2, 'old@example.com'], [3, 'new@example.com']]);
  });
});

describe('staff', () => {
  let store: Store;
  let t: ReturnType<typeof testServices>;
  const id = '6b1c1e0a-2f1d-4c5e-9a7b-1234567890ab';
  beforeEach(() => {
    store = createSqliteStore(':memory:');
    t = testServices(store);
  });
  afterEach(() => store.close());

  it('adds, changes and removes staff by Entra object id, with an audit trail', async () => {
    await t.services.staff.save('cli', { id: id.toUpperCase(), displayName: 'Ann', roles: ['inviter', 'inviter', 'approver'] });
    assert.deepEqual((await t.services.staff.get(id))!.roles, ['inviter', 'approver']);
    t.clock.advance(1);
    await t.services.staff.save('cli', { id, displayName: 'Ann B', roles: ['admin'] });
    assert.deepEqual((await t.services.staff.list('cli')).items.map((m) => [m.displayName, m.roles]), [['Ann B', ['admin']]]);
    t.clock.advance(1);
    await t.services.staff.remove('cli', id);
    assert.equal(await t.services.staff.get(id), null);
    await assert.rejects(t.services.staff.remove('cli', id), { code: 'not_found' });
    assert.deepEqual((await store.audit.listForSubject(id, { limit: 10 })).items.map((e) => e.action), ['staff.removed', 'staff.updated', 'staff.added']);
  });

  it('refuses an id that is not an object id and roles that do not exist', async () => {
    await assert.rejects(t.services.staff.save('cli', { id: 'ann', displayName: 'Ann', roles: ['boss'] }), {
      message: 'id: must be an Entra object id (a GUID); roles.0: must be one of admin, inviter, approver, viewer',
    });
    await assert.rejects(t.services.staff.save('cli', { id, displayName: 'Ann', roles: [] }), { message: 'roles: needs at least one role' });
  });
});
