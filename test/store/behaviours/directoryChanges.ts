import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { contactTag } from '../../../src/domain/contact.ts';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../../../src/domain/errors.ts';
import { at, contact, NOW, storedInvitation, useStore, type MakeStore } from '../fixtures.ts';

export function directoryChangeBehaviour(makeStore: MakeStore): void {
  describe('contacts, accounts and web roles changed by staff', () => {
    const s = useStore(makeStore);
    const named = () => ({ id: randomUUID(), name: `Name ${randomUUID()}`, createdAt: NOW });

    it('changes a contact\'s names and e-mails, forgetting the proof of a changed primary e-mail, and refuses a taken one', async () => {
      const ada = contact({ emailVerifiedAt: at(-1000) });
      const bob = contact();
      await s.store.contacts.insert(ada);
      await s.store.contacts.insert(bob);
      await s.store.contacts.markEmailVerified(ada.id, at(-1000));
      const named = await s.store.contacts.updateDetails(ada.id, { firstName: 'Augusta', secondaryEmail: 'ada@home.example' });
      assert.deepEqual([named.firstName, named.lastName, named.secondaryEmail, named.emailVerifiedAt], ['Augusta', 'Lovelace', 'ada@home.example', at(-1000)]);
      await assert.rejects(s.store.contacts.updateDetails(ada.id, { primaryEmail: bob.primaryEmail }), ConflictError);
      assert.equal((await s.store.contacts.get(ada.id))!.primaryEmail, ada.primaryEmail);
      const moved = await s.store.contacts.updateDetails(ada.id, { primaryEmail: 'augusta@example.com' });
      assert.equal(moved.primaryEmail, 'augusta@example.com');
      assert.equal(moved.emailVerifiedAt, null);
      assert.equal((await s.store.contacts.findByPrimaryEmail('augusta@example.com'))!.id, ada.id);
      assert.equal(await s.store.contacts.findByPrimaryEmail(ada.primaryEmail!), null);
      const cleared = await s.store.contacts.updateDetails(ada.id, { primaryEmail: null, secondaryEmail: null });
      assert.deepEqual([cleared.primaryEmail, cleared.secondaryEmail], [null, null]);
      await assert.rejects(s.store.contacts.updateDetails('no-such-contact', { firstName: 'x' }), NotFoundError);
    });

    it('changes a contact only while its tag is the one expected, checked with the write', async () => {
      const ada = contact();
      await s.store.contacts.insert(ada);
      const tag = contactTag((await s.store.contacts.get(ada.id))!);
      const renamed = await s.store.contacts.updateDetails(ada.id, { firstName: 'Augusta' }, tag);
      assert.equal(renamed.firstName, 'Augusta');
      assert.notEqual(contactTag(renamed), tag, 'a change gives another tag');
      await assert.rejects(s.store.contacts.updateDetails(ada.id, { lastName: 'King' }, tag), PreconditionFailedError);
      assert.equal((await s.store.contacts.get(ada.id))!.lastName, 'Lovelace', 'a stale tag changes nothing');
      const [first, second] = await Promise.allSettled([
        s.store.contacts.updateDetails(ada.id, { lastName: 'King' }, contactTag(renamed)),
        s.store.contacts.updateDetails(ada.id, { lastName: 'Byron' }, contactTag(renamed)),
      ]);
      assert.deepEqual([first, second].map((o) => o.status).sort(), ['fulfilled', 'rejected'], 'of two writers that read the same tag, one writes');
    });

    it('gives a web role and sets the parent account, as staff grants', async () => {
      const role = named();
      const account = named();
      const other = named();
      await s.store.webRoles.insert(role);
      await s.store.accounts.insert(account);
      await s.store.accounts.insert(other);
      const ada = contact();
      await s.store.contacts.insert(ada);
      assert.equal(await s.store.contacts.addWebRole(ada.id, role.id), true);
      assert.equal(await s.store.contacts.addWebRole(ada.id, role.id), false);
      assert.deepEqual((await s.store.contacts.get(ada.id))!.webRoleIds, [role.id]);
      assert.equal(await s.store.contacts.setParentAccount(ada.id, account.id), null);
      assert.equal(await s.store.contacts.setParentAccount(ada.id, other.id), account.id);
      assert.equal((await s.store.contacts.get(ada.id))!.parentAccountId, other.id);
      await assert.rejects(s.store.contacts.addWebRole('no-such-contact', role.id), NotFoundError);
      await assert.rejects(s.store.contacts.setParentAccount('no-such-contact', account.id), NotFoundError);
    });

    it('renames accounts and web roles, refusing a name another has', async () => {
      const a = named();
      const b = named();
      await s.store.accounts.insert(a);
      await s.store.accounts.insert(b);
      assert.equal((await s.store.accounts.rename(a.id, 'Fabrikam'))!.name, 'Fabrikam');
      assert.equal((await s.store.accounts.findByName('FABRIKAM'))!.id, a.id);
      await assert.rejects(s.store.accounts.rename(b.id, 'fabrikam'), ConflictError);
      assert.equal((await s.store.accounts.rename(a.id, 'FABRIKAM'))!.name, 'FABRIKAM');
      assert.equal(await s.store.accounts.rename('no-such-account', 'x'), null);
      const role = named();
      await s.store.webRoles.insert(role);
      assert.equal((await s.store.webRoles.rename(role.id, 'Partner'))!.name, 'Partner');
    });

    it('removes an account or a web role only while no contact holds it and no invitation gives it', async () => {
      const [held, given, free] = [named(), named(), named()];
      for (const account of [held, given, free]) await s.store.accounts.insert(account);
      const [heldRole, givenRole, freeRole] = [named(), named(), named()];
      for (const role of [heldRole, givenRole, freeRole]) await s.store.webRoles.insert(role);
      await s.store.contacts.insert(contact({ parentAccountId: held.id, webRoleIds: [heldRole.id] }));
      await storedInvitation(s.store, { assignToAccountId: given.id, webRoleIds: [givenRole.id] });
      assert.equal(await s.store.accounts.removeIfUnused(held.id), 'in-use');
      assert.equal(await s.store.accounts.removeIfUnused(given.id), 'in-use');
      assert.equal(await s.store.accounts.removeIfUnused(free.id), 'removed');
      assert.equal(await s.store.accounts.removeIfUnused(free.id), 'missing');
      assert.equal(await s.store.accounts.get(free.id), null);
      assert.equal(await s.store.webRoles.removeIfUnused(heldRole.id), 'in-use');
      assert.equal(await s.store.webRoles.removeIfUnused(givenRole.id), 'in-use');
      assert.equal(await s.store.webRoles.removeIfUnused(freeRole.id), 'removed');
      assert.ok(await s.store.accounts.get(held.id));
    });
  });
}
