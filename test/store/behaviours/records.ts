import assert from 'node:assert/strict';
import { at, audit, job, useStore, type MakeStore } from '../fixtures.ts';

export function recordBehaviour(makeStore: MakeStore): void {
  describe('audit events and jobs', () => {
    const s = useStore(makeStore);

    it('lists audit events for one subject, newest first', async () => {
      const first = audit('subject-1', { action: 'first', at: at(1), detail: { reason: 'x' } });
      const second = audit('subject-1', { action: 'second', at: at(2) });
      await s.store.audit.append(first);
      await s.store.audit.append(second);
      await s.store.audit.append(audit('subject-2'));
      assert.deepEqual((await s.store.audit.listForSubject('subject-1', { limit: 10 })).items, [second, first]);
    });

    it('queues jobs and lists them by kind and state', async () => {
      const mail = job({ kind: 'mail', createdAt: at(1) });
      const hook = job({ kind: 'workflow', createdAt: at(2) });
      await s.store.jobs.enqueue(mail);
      await s.store.jobs.enqueue(hook);
      assert.deepEqual((await s.store.jobs.list({}, { limit: 10 })).items, [hook, mail]);
      assert.deepEqual((await s.store.jobs.list({ kind: 'mail' }, { limit: 10 })).items, [mail]);
      assert.deepEqual((await s.store.jobs.list({ state: 'dead' }, { limit: 10 })).items, []);
    });
  });
}
