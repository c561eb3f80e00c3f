import assert from 'node:assert/strict';
import { at, job, NOW, useStore, type MakeStore } from '../fixtures.ts';

export function jobBatchBehaviour(makeStore: MakeStore): void {
  describe('job queue, in batches', () => {
    const s = useStore(makeStore);
    const LEASE = 60_000;
    const ids = (jobs: { id: string }[]) => jobs.map((j) => j.id);

    it('claims up to the limit of due jobs, earliest first, counting each attempt and setting the lease', async () => {
      await s.store.jobs.enqueueMany([
        job({ id: 'c', runAt: at(3000) }), job({ id: 'a', runAt: at(1000) }), job({ id: 'future', runAt: at(60_000) }),
        job({ id: 'b', runAt: at(2000) }), job({ id: 'd', runAt: at(4000) }),
      ]);
      assert.deepEqual(await s.store.jobs.claimBatch('w1', NOW, LEASE, 10), [], 'none due yet');
      const first = await s.store.jobs.claimBatch('w1', at(5000), LEASE, 3);
      assert.deepEqual(ids(first), ['a', 'b', 'c']);
      for (const claimed of first) {
        assert.deepEqual([claimed.state, claimed.attempts, claimed.leaseOwner, claimed.leaseUntil], ['running', 1, 'w1', at(5000 + LEASE)]);
        assert.deepEqual(await s.store.jobs.get(claimed.id), claimed, 'what is returned is what is stored');
      }
      assert.deepEqual(ids(await s.store.jobs.claimBatch('w2', at(5000), LEASE, 10)), ['d']);
      assert.deepEqual(await s.store.jobs.claimBatch('w3', at(5000), LEASE, 10), []);
    });

    it('takes jobs whose lease ran out among the queued ones, by when they were due', async () => {
      await s.store.jobs.enqueueMany([job({ id: 'early', runAt: at(0) }), job({ id: 'late', runAt: at(LEASE + 10) })]);
      await s.store.jobs.claimBatch('dead-worker', NOW, LEASE, 1);
      assert.deepEqual(await s.store.jobs.claimBatch('w2', at(LEASE - 1), LEASE, 10), [], 'the lease still holds');
      const taken = await s.store.jobs.claimBatch('w2', at(LEASE + 10), LEASE, 10);
      assert.deepEqual(taken.map((j) => [j.id, j.leaseOwner, j.attempts]), [['early', 'w2', 2], ['late', 'w2', 1]]);
    });

    it('never hands one job to two workers, however many claim batches at once', async () => {
      await s.store.jobs.enqueueMany(Array.from({ length: 30 }, (_, i) => job({ id: `j${String(i).padStart(2, '0')}`, runAt: at(i) })));
      const batches = await Promise.all(Array.from({ length: 12 }, (_, i) => s.store.jobs.claimBatch(`w${i}`, at(100), LEASE, 5)));
      const claimed = batches.flatMap(ids);
      assert.equal(new Set(claimed).size, claimed.length, 'no job twice');
      assert.ok(batches.every((batch) => batch.length <= 5));
      const rest = await s.store.jobs.claimBatch('late', at(100), LEASE, 100);
      assert.deepEqual([...claimed, ...ids(rest)].sort(), Array.from({ length: 30 }, (_, i) => `j${String(i).padStart(2, '0')}`));
      for (const batch of batches) {
        for (const claimedJob of batch) assert.equal((await s.store.jobs.get(claimedJob.id))!.leaseOwner, claimedJob.leaseOwner);
      }
    });

    it('completes together the jobs whose lease is still ours, and refuses the others', async () => {
      await s.store.jobs.enqueueMany([job({ id: 'a', runAt: at(1) }), job({ id: 'b', runAt: at(2) }), job({ id: 'c', runAt: at(3) }), job({ id: 'queued', runAt: at(10 * LEASE) })]);
      await s.store.jobs.claimBatch('w1', at(10), LEASE, 3);
      // a's lease ran out and another worker took it; c was given back by w1 and is queued again.
      assert.deepEqual(ids(await s.store.jobs.claimBatch('w2', at(10 + LEASE), LEASE, 1)), ['a']);
      assert.deepEqual(await s.store.jobs.releaseMany(['c'], 'w1', at(10 + LEASE)), ['c']);
      const completed = await s.store.jobs.completeMany(['a', 'b', 'c', 'queued', 'missing'], 'w1', at(11 + LEASE));
      assert.deepEqual(completed, ['b']);
      const a = await s.store.jobs.get('a');
      assert.deepEqual([a!.state, a!.leaseOwner], ['running', 'w2']);
      const b = await s.store.jobs.get('b');
      assert.deepEqual([b!.state, b!.leaseOwner, b!.leaseUntil, b!.updatedAt], ['done', null, null, at(11 + LEASE)]);
      assert.equal((await s.store.jobs.get('c'))!.state, 'queued');
      assert.deepEqual(await s.store.jobs.completeMany(['a'], 'w2', at(12 + LEASE)), ['a']);
      assert.deepEqual(await s.store.jobs.completeMany([], 'w2', at(12 + LEASE)), []);
      assert.deepEqual(await s.store.jobs.completeMany(['a'], 'w2', at(13 + LEASE)), [], 'a done job is not done again');
    });

    it('gives back jobs it will not run: queued as due as before, the attempt uncounted, claimable at once', async () => {
      await s.store.jobs.enqueueMany([job({ id: 'a', runAt: at(1), attempts: 2 }), job({ id: 'b', runAt: at(2) })]);
      await s.store.jobs.claimBatch('w1', at(10), LEASE, 2);
      assert.deepEqual((await s.store.jobs.releaseMany(['a', 'b', 'missing'], 'w1', at(20))).sort(), ['a', 'b']);
      const a = await s.store.jobs.get('a');
      assert.deepEqual([a!.state, a!.attempts, a!.runAt, a!.leaseOwner, a!.leaseUntil, a!.updatedAt], ['queued', 2, at(1), null, null, at(20)]);
      assert.deepEqual(await s.store.jobs.releaseMany(['a'], 'w1', at(21)), [], 'only what it still holds');
      const again = await s.store.jobs.claimBatch('w2', at(20), LEASE, 5);
      assert.deepEqual(again.map((j) => [j.id, j.attempts]), [['a', 3], ['b', 1]]);
      assert.deepEqual(await s.store.jobs.releaseMany(['a'], 'w1', at(22)), [], 'not once another worker has it');
    });

    it('settles one job of a batch on its own: retry, dead letter', async () => {
      await s.store.jobs.enqueueMany([job({ id: 'a', runAt: at(-2) }), job({ id: 'b', runAt: at(-1) })]);
      await s.store.jobs.claimBatch('w1', NOW, LEASE, 2);
      assert.equal(await s.store.jobs.reschedule('a', 'w1', { runAt: at(1000), attempts: 1, lastError: 'busy', now: at(1) }), true);
      assert.equal(await s.store.jobs.deadLetter('b', 'w1', 'bad', at(1)), true);
      assert.deepEqual(await s.store.jobs.completeMany(['a', 'b'], 'w1', at(2)), []);
      assert.deepEqual(ids(await s.store.jobs.claimBatch('w1', at(1000), LEASE, 5)), ['a']);
    });
  });
}
