import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSqliteStore } from '../../src/store/sqlite/index.ts';
import { redeemAcrossProcesses } from '../support/processes.ts';
import { seedDirectory, testClock, testServices } from '../support/services.ts';
import { tempDir } from '../support/tempDir.ts';

describe('SQLite store shared by several processes', function () {
  this.timeout(60_000);
  let dir: ReturnType<typeof tempDir>;
  let file: string;
  beforeEach(() => {
    dir = tempDir();
    file = join(dir.path, 'shared.sqlite');
  });
  afterEach(() => dir.remove());

  async function setUp(contactCount: number) {
    const store = createSqliteStore(file);
    const { services } = testServices(store, testClock(new Date()));
    const seeded = await seedDirectory(services, contactCount);
    return { store, services, ...seeded };
  }

  it('4 processes making 200 concurrent attempts on a group invitation of 10 give exactly 10', async () => {
    const { store, services, contacts, account, roles } = await setUp(200);
    const { invitation, code } = await services.invitations.create('cli', {
      type: 'group', invitedContactIds: contacts.slice(0, 3).map((c) => c.id), maxRedemptions: 10,
      assignToAccountId: account.id, webRoleIds: roles.map((r) => r.id),
    });
    await store.close();

    const result = await redeemAcrossProcesses({ sqliteFile: file }, code, contacts.map((c) => c.id), 4);
    assert.equal(result.succeeded, 10);
    assert.deepEqual(result.refused, { invitation_used_up: 190 });

    const reopened = createSqliteStore(file);
    const after = await reopened.invitations.get(invitation.id);
    assert.equal(after!.remaining, 0);
    const activities = (await reopened.activities.listForInvitation(invitation.id, { limit: 100 })).items;
    assert.equal(activities.length, 10);
    const redeemers = await reopened.contacts.getMany(activities.map((a) => a.contactId));
    assert.ok(redeemers.every((c) => c.parentAccountId === account.id && c.webRoleIds.length === 2));
    const others = await reopened.contacts.getMany(contacts.map((c) => c.id).filter((id) => !activities.some((a) => a.contactId === id)));
    assert.equal(others.length, 190);
    assert.ok(others.every((c) => c.parentAccountId === null && c.webRoleIds.length === 0), 'refused contacts were changed');
    await reopened.close();
  });

  it('4 processes making 200 concurrent attempts on a single invitation give exactly 1', async () => {
    const { store, services, contacts } = await setUp(1);
    const { invitation, code } = await services.invitations.create('cli', { type: 'single', invitedContactIds: [contacts[0]!.id] });
    await store.close();

    const result = await redeemAcrossProcesses({ sqliteFile: file }, code, Array(200).fill(contacts[0]!.id), 4);
    assert.equal(result.succeeded, 1);
    assert.deepEqual(result.refused, { already_redeemed: 199 });

    const reopened = createSqliteStore(file);
    assert.equal((await reopened.invitations.get(invitation.id))!.remaining, 0);
    assert.equal((await reopened.activities.listForInvitation(invitation.id, { limit: 10 })).items.length, 1);
    await reopened.close();
  });

  it('keeps no form of the code in the database files that could be used to redeem', async () => {
    const { store, services, contacts } = await setUp(1);
    const { code, invitation } = await services.invitations.create('cli', { type: 'single', invitedContactIds: [contacts[0]!.id] });
    const canonical = code.replace(/-/g, '');
    const files = readdirSync(dir.path).map((name) => readFileSync(join(dir.path, name)));
    for (const bytes of files) {
      for (const form of [code, canonical, code.toLowerCase(), canonical.toLowerCase()]) {
        assert.equal(bytes.includes(Buffer.from(form, 'utf8')), false, `found ${form}`);
        assert.equal(bytes.includes(Buffer.from(form, 'utf16le')), false, `found ${form} as UTF-16`);
      }
    }
    // What is stored instead cannot be typed in as a code.
    const stored = await store.invitations.get(invitation.id);
    for (const value of [stored!.codeLookupKey, stored!.codeSealed]) {
      await assert.rejects(services.invitations.redeem({ code: value, contactId: contacts[0]!.id }), { code: /code_malformed|code_not_usable/ });
    }
    await store.close();
  });
});
