import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { openDatabase } from '../../src/store/sqlite/database.ts';
import { migrate } from '../../src/store/sqlite/migrations.ts';
import { createSqliteStore } from '../../src/store/sqlite/index.ts';
import { tempDir } from '../support/tempDir.ts';

describe('SQLite migrations', () => {
  it('gives roles and accounts stored before provenance to staff unless a redemption explains them, so a reset keeps them', async () => {
    const dir = tempDir();
    const file = join(dir.path, 'store.sqlite');
    const [staffRole, redeemedRole, both] = [randomUUID(), randomUUID(), randomUUID()];
    const [staffAccount, redeemedAccount] = [randomUUID(), randomUUID()];
    const [invitationId, byStaff, byRedemption] = [randomUUID(), randomUUID(), randomUUID()];
    const old = openDatabase(file);
    try {
      migrate(old, 5);
      for (const [id, table] of [[staffRole, 'web_roles'], [redeemedRole, 'web_roles'], [both, 'web_roles'], [staffAccount, 'accounts'], [redeemedAccount, 'accounts']] as const) {
        old.run(`INSERT INTO ${table} (id, name, name_key, created_at) VALUES (?, ?, ?, 0)`, id, id, id);
      }
      const contactRow = (id: string, account: string) => old.run(
        `INSERT INTO contacts (id, first_name, last_name, primary_email, parent_account_id, identities, created_at) VALUES (?, 'A', 'B', ?, ?, '[]', 0)`,
        id, `${id}@example.com`, account);
      contactRow(byStaff, staffAccount);
      contactRow(byRedemption, redeemedAccount);
      old.run(`INSERT INTO invitations (id, name, type, code_lookup_key, code_sealed, assign_to_account_id, web_role_ids, max_redemptions, remaining,
                 invited_count, locale, lifecycle, created_by, created_at, updated_at, version)
               VALUES (?, 'Old', 'group', 'key', 'sealed', ?, ?, 2, 1, 0, 'en', 'sent', 'cli', 0, 0, 1)`, invitationId, redeemedAccount, JSON.stringify([redeemedRole, both]));
      old.run(`INSERT INTO redemptions (invitation_id, contact_id, activity_id, at) VALUES (?, ?, 'activity', 0)`, invitationId, byRedemption);
      for (const role of [staffRole, redeemedRole, both]) old.run('INSERT INTO contact_web_roles VALUES (?, ?)', byRedemption, role);
      old.run('INSERT INTO contact_web_roles VALUES (?, ?)', byStaff, staffRole);
    } finally {
      old.close();
    }

    const store = createSqliteStore(file);
    try {
      const id = randomUUID();
      const result = await store.invitations.resetRedemption({
        invitationId, contactId: byRedemption, now: new Date(), newCode: null, jobs: [],
        activity: { id, at: new Date(), actor: 'cli', reason: null },
        audit: { id, at: new Date(), actor: 'cli', action: 'invitation.redemption-reset', subjectId: invitationId, detail: {} },
      });
      assert.deepEqual(result.contact.webRoleIds, [staffRole]);
      assert.equal(result.contact.parentAccountId, null);
      assert.deepEqual((await store.contacts.get(byStaff))!.webRoleIds, [staffRole]);
      assert.equal((await store.contacts.get(byStaff))!.sessionGeneration, 0);
    } finally {
      await store.close();
      dir.remove();
    }
  });
});
