import assert from 'node:assert/strict';
import { at, job, NOW, useStore, type MakeStore } from '../fixtures.ts';

export function jobBehaviour(makeStore: MakeStore): void {
  describe('job queue', () => {
    const s = useStore(makeStore);
    const LEASE = 60_000;

    it('stores a job once: enqueueing the same id again changes nothing', async () => {
      const first = job({ subjectId: 'inv-1' });
      assert.equal(await s.store.jobs.enqueue(first), true);
      assert.equal(await s.store.jobs.enqueue({ ...first, payload: { changed: true } }), false);
      assert.deepEqual(await s.store.jobs.get(first.id), first);
      assert.equal(await s.store.jobs.enqueueMany([first, job({ id: 'other' }), job({ id: 'other' })]), 1);
      assert.equal(await s.store.jobs.get('missing'), null);
    });

    it('claims due jobs earliest first, counting the attempt and setting the lease', async () => {
      await s.store.jobs.enqueue(job({ id: 'later', runAt: at(2000) }));
      await s.store.jobs.enqueue(job({ id: 'sooner', runAt: at(1000) }));
      await s.store.jobs.enqueue(job({ id: 'future', runAt: at(60_000) }));
      assert.equal(await s.store.jobs.claim('w1', NOW, LEASE), null);
      const claimed = await s.store.jobs.claim('w1', at(5000), LEASE);
      assert.deepEqual([claimed!.id, claimed!.state, claimed!.attempts, claimed!.leaseOwner, claimed!.leaseUntil], ['sooner', 'running', 1, 'w1', at(5000 + LEASE)]);
      assert.equal((await s.store.jobs.claim('w2', at(5000), LEASE))!.id, 'later');
      assert.equal(await s.store.jobs.claim('w3', at(5000), LEASE), null);
    });

    it('never hands one job to two workers at once, even when they ask together', async () => {
      for (let i = 0; i < 10; i++) await s.store.jobs.enqueue(job({ id: `j${i}` }));
      const claims = await Promise.all(Array.from({ length: 30 }, (_, i) => s.store.jobs.claim(`w${i}`, NOW, LEASE)));
      const ids = claims.filter((c) => c !== null).map((c) => c.id);
      assert.equal(ids.length, 10);
      assert.equal(new Set(ids).size, 10);
    });

    it('gives a job whose lease ran out to another worker; the first can no longer settle it', async () => {
      await s.store.jobs.enqueue(job({ id: 'j' }));
      await s.store.jobs.claim('w1', NOW, LEASE);
      assert.equal(await s.store.jobs.claim('w2', at(LEASE - 1), LEASE), null);
      const reclaimed = await s.store.jobs.claim('w2', at(LEASE), LEASE);
      assert.deepEqual([reclaimed!.leaseOwner, reclaimed!.attempts], ['w2', 2]);
      assert.equal(await s.store.jobs.complete('j', 'w1', at(LEASE)), false);
      assert.equal(await s.store.jobs.deadLetter('j', 'w1', 'x', at(LEASE)), false);
      assert.equal(await s.store.jobs.complete('j', 'w2', at(LEASE + 1)), true);
      assert.equal((await s.store.jobs.get('j'))!.state, 'done');
      assert.equal(await s.store.jobs.claim('w3', at(10 * LEASE), LEASE), null);
    });

    it('reschedules with the given attempts and error, dead-letters with the reason, and revives dead jobs', async () => {
      await s.store.jobs.enqueue(job({ id: 'j' }));
      await s.store.jobs.claim('w1', NOW, LEASE);
      assert.equal(await s.store.jobs.reschedule('j', 'w1', { runAt: at(30_000), attempts: 1, lastError: 'busy', now: at(1) }), true);
      const queued = await s.store.jobs.get('j');
      assert.deepEqual([queued!.state, queued!.runAt, queued!.attempts, queued!.lastError, queued!.leaseOwner], ['queued', at(30_000), 1, 'busy', null]);
      assert.equal(await s.store.jobs.revive('j', at(2)), false, 'only dead jobs revive');
      await s.store.jobs.claim('w1', at(30_000), LEASE);
      assert.equal(await s.store.jobs.deadLetter('j', 'w1', 'bad address', at(30_001)), true);
      const dead = await s.store.jobs.get('j');
      assert.deepEqual([dead!.state, dead!.lastError, dead!.attempts], ['dead', 'bad address', 2]);
      assert.equal(await s.store.jobs.claim('w1', at(10 * LEASE), LEASE), null);
      assert.equal(await s.store.jobs.revive('j', at(40_000)), true);
      const revived = await s.store.jobs.get('j');
      assert.deepEqual([revived!.state, revived!.attempts, revived!.runAt], ['queued', 0, at(40_000)]);
    });

    it('lists by kind, state and subject, and counts by state', async () => {
      await s.store.jobs.enqueue(job({ id: 'a', kind: 'invitation.mail', subjectId: 'inv-1', createdAt: at(1) }));
      await s.store.jobs.enqueue(job({ id: 'b', kind: 'invitation.mail', subjectId: 'inv-1', createdAt: at(2) }));
      await s.store.jobs.enqueue(job({ id: 'c', kind: 'workflow', subjectId: 'inv-2', createdAt: at(3) }));
      await s.store.jobs.claim('w', at(10), LEASE);
      await s.store.jobs.complete('a', 'w', at(11));
      const ids = async (filter: object) => (await s.store.jobs.list(filter, { limit: 10 })).items.map((j) => j.id);
      assert.deepEqual(await ids({}), ['c', 'b', 'a']);
      assert.deepEqual(await ids({ subjectId: 'inv-1' }), ['b', 'a']);
      assert.deepEqual(await ids({ kind: 'workflow' }), ['c']);
      assert.deepEqual(await ids({ state: 'done' }), ['a']);
      assert.deepEqual(await s.store.jobs.countByState({ subjectId: 'inv-1', kind: 'invitation.mail' }), { queued: 1, running: 0, done: 1, dead: 0 });
      assert.deepEqual(await s.store.jobs.countByState({}), { queued: 2, running: 0, done: 1, dead: 0 });
    });
  });
}
