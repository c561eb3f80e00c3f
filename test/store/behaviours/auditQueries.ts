import assert from 'node:assert/strict';
import type { AuditEvent } from '../../../src/domain/audit.ts';
import type { AuditFilter } from '../../../src/store/port.ts';
import { at, audit, HOUR, useStore, type MakeStore } from '../fixtures.ts';

export function auditQueryBehaviour(makeStore: MakeStore): void {
  describe('audit queries', () => {
    const s = useStore(makeStore);

    /** Six events by three actors on two subjects, an hour apart (three appended at once). */
    async function trail(): Promise<AuditEvent[]> {
      const events = [
        audit('contact-1', { actor: 'staff-a', action: 'contact.added', at: at(0), detail: { changes: { firstName: { before: null, after: 'Ada' } } } }),
        audit('contact-1', { actor: 'staff-b', action: 'contact.updated', at: at(HOUR) }),
        audit('invitation-1', { actor: 'staff-a', action: 'invitation.created', at: at(2 * HOUR) }),
        audit('invitation-1', { actor: 'api:crm', action: 'invitation.revoked', at: at(3 * HOUR) }),
        audit('contact-1', { actor: 'cli', action: 'contact.web-role-removed', at: at(4 * HOUR) }),
        audit('invitation-1', { actor: 'staff-a', action: 'invitation.extended', at: at(5 * HOUR) }),
      ];
      await s.store.audit.appendMany(events.slice(0, 3));
      for (const event of events.slice(3)) await s.store.audit.append(event);
      return events;
    }
    const actions = async (filter: AuditFilter) => (await s.store.audit.list(filter, { limit: 100 })).items.map((e) => e.action);

    it('filters by actor, subject, action (exact or a prefix) and time, newest first', async () => {
      const events = await trail();
      assert.deepEqual(await actions({ actor: 'staff-a' }), ['invitation.extended', 'invitation.created', 'contact.added']);
      assert.deepEqual(await actions({ subjectId: 'contact-1' }), ['contact.web-role-removed', 'contact.updated', 'contact.added']);
      assert.deepEqual(await actions({ action: 'invitation.revoked' }), ['invitation.revoked']);
      assert.deepEqual(await actions({ action: 'contact.*' }), ['contact.web-role-removed', 'contact.updated', 'contact.added']);
      assert.deepEqual(await actions({ action: 'contact_*' }), [], 'a LIKE wildcard in the prefix matches itself');
      assert.deepEqual(await actions({ since: at(HOUR), until: at(3 * HOUR) }), ['invitation.created', 'contact.updated'], 'since inclusive, until exclusive');
      assert.deepEqual(await actions({ actor: 'staff-a', subjectId: 'invitation-1', since: at(3 * HOUR) }), ['invitation.extended']);
      assert.deepEqual((await s.store.audit.list({ subjectId: 'contact-1' }, { limit: 10 })).items.at(-1), events[0], 'the event comes back whole');
    });

    it('pages a filtered listing with cursors', async () => {
      await trail();
      const first = await s.store.audit.list({ actor: 'staff-a' }, { limit: 2 });
      assert.deepEqual(first.items.map((e) => e.action), ['invitation.extended', 'invitation.created']);
      const rest = await s.store.audit.list({ actor: 'staff-a' }, { limit: 2, after: first.next });
      assert.deepEqual(rest.items.map((e) => e.action), ['contact.added']);
      assert.equal(rest.next, null);
    });

    it('streams every matching event oldest first, in batches, across equal times', async () => {
      const events = await trail();
      const sameTime = [audit('x', { at: at(6 * HOUR) }), audit('x', { at: at(6 * HOUR) }), audit('x', { at: at(6 * HOUR) })];
      for (const event of sameTime) await s.store.audit.append(event);
      const streamed: AuditEvent[] = [];
      for await (const event of s.store.audit.stream({}, 2)) streamed.push(event);
      const tied = [...sameTime].sort((a, b) => (a.id < b.id ? -1 : 1));
      assert.deepEqual(streamed, [...events, ...tied]);
      const ranged: string[] = [];
      for await (const event of s.store.audit.stream({ since: at(HOUR), until: at(5 * HOUR), actor: 'staff-a' }, 1)) ranged.push(event.action);
      assert.deepEqual(ranged, ['invitation.created']);
    });
  });
}
