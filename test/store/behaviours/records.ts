import assert from 'node:assert/strict';
import { at, audit, useStore, type MakeStore } from '../fixtures.ts';

export function recordBehaviour(makeStore: MakeStore): void {
  describe('audit events', () => {
    const s = useStore(makeStore);

    it('lists audit events for one subject, newest first', async () => {
      const first = audit('subject-1', { action: 'first', at: at(1), detail: { reason: 'x' } });
      const second = audit('subject-1', { action: 'second', at: at(2) });
      await s.store.audit.append(first);
      await s.store.audit.append(second);
      await s.store.audit.append(audit('subject-2'));
      assert.deepEqual((await s.store.audit.listForSubject('subject-1', { limit: 10 })).items, [second, first]);
    });
  });
}
