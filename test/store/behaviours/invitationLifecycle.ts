import assert from 'node:assert/strict';
import { at, audit, HOUR, storedInvitation, useStore, type MakeStore } from '../fixtures.ts';

/** Reminder days and a draft's send time: kept with the invitation, through a change of lifecycle. */
export function invitationLifecycleBehaviour(makeStore: MakeStore): void {
  describe('invitation reminders and send times', () => {
    const s = useStore(makeStore);

    it('keeps reminder days and a send time exactly, and leaves them out of an invitation without', async () => {
      const { invitation: draft } = await storedInvitation(s.store, { lifecycle: 'draft', reminderDays: 5, sendAt: at(2 * HOUR), expiresAt: at(100 * HOUR) });
      const { invitation: plain } = await storedInvitation(s.store);
      assert.deepEqual(await s.store.invitations.get(draft.id), draft);
      const read = await s.store.invitations.get(plain.id);
      assert.deepEqual(read, plain);
      assert.ok(!('reminderDays' in read) && !('sendAt' in read));
      assert.deepEqual((await s.store.invitations.list({ search: 'Invitation' }, { limit: 10 })).items.find((i) => i.id === draft.id), draft);
    });

    it('keeps them when the draft is sent', async () => {
      const { invitation: draft } = await storedInvitation(s.store, { lifecycle: 'draft', reminderDays: 3, sendAt: at(HOUR) });
      const sent = await s.store.invitations.update(draft.id, draft.version, { lifecycle: 'sent', updatedAt: at(HOUR) }, audit(draft.id, { action: 'invitation.sent' }));
      assert.deepEqual([sent.lifecycle, sent.reminderDays, sent.sendAt], ['sent', 3, at(HOUR)]);
    });
  });
}
