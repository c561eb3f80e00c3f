import assert from 'node:assert/strict';
import { ConflictError } from '../../../src/domain/errors.ts';
import { audit, contact, invitation, job, useStore, type MakeStore } from '../fixtures.ts';

/** The batch calls behind inviting many contacts at once: look-up by many e-mails, many invitations in one call. */
export function batchWriteBehaviour(makeStore: MakeStore): void {
  describe('batch writes', () => {
    const s = useStore(makeStore);

    it('finds contacts by many primary e-mails at once, leaving out unknown ones', async () => {
      const ada = contact({ primaryEmail: 'ada@example.com' });
      const bob = contact({ primaryEmail: 'bob@example.com', secondaryEmail: 'carol@example.com' });
      await s.store.contacts.insertMany([ada, bob, contact({ primaryEmail: null })]);
      const found = await s.store.contacts.findManyByPrimaryEmail(['bob@example.com', 'nobody@example.com', 'ada@example.com', 'carol@example.com']);
      assert.deepEqual(found.map((c) => c.id).sort(), [ada.id, bob.id].sort());
      assert.deepEqual(found.find((c) => c.id === ada.id), ada);
      assert.deepEqual(await s.store.contacts.findManyByPrimaryEmail([]), []);
    });

    it('writes many invitations with their contacts, audit events and jobs in one call', async () => {
      const people = [contact(), contact(), contact()];
      await s.store.contacts.insertMany(people);
      const entries = people.map((person) => {
        const made = invitation();
        return { invitation: made, invitedContactIds: [person.id], audit: audit(made.id, { action: 'invitation.created' }), jobs: [job({ subjectId: made.id })] };
      });
      await s.store.invitations.insertMany(entries);
      for (const entry of entries) {
        assert.deepEqual(await s.store.invitations.get(entry.invitation.id), entry.invitation);
        assert.deepEqual((await s.store.invitations.invitedContactIds(entry.invitation.id, { limit: 5 })).items, entry.invitedContactIds);
        assert.deepEqual((await s.store.audit.listForSubject(entry.invitation.id, { limit: 5 })).items.map((e) => e.action), ['invitation.created']);
        assert.equal((await s.store.jobs.get(entry.jobs[0]!.id))?.subjectId, entry.invitation.id);
      }
      await s.store.invitations.insertMany([]);
    });

    it('keeps the batch an invitation belongs to, and lists it with the invitation', async () => {
      const person = contact();
      await s.store.contacts.insert(person);
      const member = invitation({ batchId: 'batch-1', lifecycle: 'pending-approval' });
      const alone = invitation({ lifecycle: 'pending-approval' });
      await s.store.invitations.insertMany([member, alone].map((made) => ({ invitation: made, invitedContactIds: [person.id], audit: audit(made.id), jobs: [] })));
      assert.equal((await s.store.invitations.get(member.id))?.batchId, 'batch-1');
      assert.equal((await s.store.invitations.get(alone.id))?.batchId, undefined);
      assert.deepEqual(await s.store.invitations.get(member.id), member);
      const listed = await s.store.invitations.list({}, { limit: 10 });
      assert.equal(listed.items.find((i) => i.id === member.id)?.batchId, 'batch-1');
    });

    it('refuses a lookup key already in use', async () => {
      const person = contact();
      await s.store.contacts.insert(person);
      const first = invitation();
      await s.store.invitations.insert(first, [person.id], audit(first.id));
      const again = invitation({ codeLookupKey: first.codeLookupKey });
      await assert.rejects(s.store.invitations.insertMany([{ invitation: again, invitedContactIds: [person.id], audit: audit(again.id), jobs: [] }]), ConflictError);
      assert.equal(await s.store.invitations.get(again.id), null);
    });
  });
}
