import assert from 'node:assert/strict';
import { ConcurrentChangeError } from '../../../src/domain/errors.ts';
import { useStore, type MakeStore } from '../fixtures.ts';

export function botStateBehaviour(makeStore: MakeStore): void {
  describe('bot state', () => {
    const s = useStore(makeStore);
    const conversation = 'msteams/conversations/a:1Xk-personal.chat$id;messageid=1700000000000';
    const user = 'msteams/users/29:1aBcD-user';

    it('gives back what was written, with its eTag, and only the keys that exist', async () => {
      const value = { count: 2, nested: { list: [1, 'two', null], 'dotted.name': true, $dollar: 'x' }, text: 'æøå ✓' };
      const eTag = await s.store.botState.write(conversation, value, null);
      assert.deepEqual(await s.store.botState.read([conversation, user, 'msteams/conversations/unknown']), { [conversation]: { value, eTag } });
      assert.deepEqual(await s.store.botState.read(['missing']), {});
      assert.deepEqual(await s.store.botState.read([]), {});
    });

    it('keeps long keys and large values apart and whole', async () => {
      const long = (end: string) => `msteams/conversations/${'19:channel-id@thread.tacv2;messageid='.repeat(12)}${end}`;
      const big = { text: 'x'.repeat(300_000) };
      const first = await s.store.botState.write(long('1'), big, null);
      const second = await s.store.botState.write(long('2'), { small: true }, '*');
      assert.ok(long('1').length > 450);
      assert.deepEqual(await s.store.botState.read([long('1'), long('2')]), {
        [long('1')]: { value: big, eTag: first }, [long('2')]: { value: { small: true }, eTag: second },
      });
    });

    it('writes unconditionally with "*" or null, and with a matching eTag, changing the eTag each time', async () => {
      const first = await s.store.botState.write(user, { n: 1 }, '*');
      const second = await s.store.botState.write(user, { n: 2 }, null);
      const third = await s.store.botState.write(user, { n: 3 }, second);
      assert.equal(new Set([first, second, third]).size, 3);
      assert.deepEqual(await s.store.botState.read([user]), { [user]: { value: { n: 3 }, eTag: third } });
    });

    it('refuses a stale eTag, or an eTag for a record that does not exist, and changes nothing', async () => {
      const first = await s.store.botState.write(user, { n: 1 }, null);
      const second = await s.store.botState.write(user, { n: 2 }, first);
      await assert.rejects(s.store.botState.write(user, { n: 'stale' }, first), ConcurrentChangeError);
      assert.deepEqual(await s.store.botState.read([user]), { [user]: { value: { n: 2 }, eTag: second } });
      await assert.rejects(s.store.botState.write(conversation, { n: 1 }, first), ConcurrentChangeError);
      assert.deepEqual(await s.store.botState.read([conversation]), {});
    });

    it('lets exactly one of 10 concurrent writers expecting the same eTag win', async () => {
      const start = await s.store.botState.write(conversation, { writer: null }, null);
      const results = await Promise.allSettled(Array.from({ length: 10 }, (_, writer) => s.store.botState.write(conversation, { writer }, start)));
      const won = results.flatMap((r, writer) => (r.status === 'fulfilled' ? [{ writer, eTag: r.value }] : []));
      assert.equal(won.length, 1);
      for (const r of results) if (r.status === 'rejected') assert.ok(r.reason instanceof ConcurrentChangeError, String(r.reason));
      assert.deepEqual(await s.store.botState.read([conversation]), { [conversation]: { value: { writer: won[0]!.writer }, eTag: won[0]!.eTag } });
    });

    it('deletes records, ignoring keys that do not exist, and starts afresh after', async () => {
      const eTag = await s.store.botState.write(conversation, { n: 1 }, null);
      await s.store.botState.write(user, { n: 1 }, null);
      await s.store.botState.delete([conversation, 'missing']);
      assert.deepEqual(Object.keys(await s.store.botState.read([conversation, user])), [user]);
      await assert.rejects(s.store.botState.write(conversation, { n: 2 }, eTag), ConcurrentChangeError);
      await s.store.botState.write(conversation, { n: 3 }, null);
      assert.deepEqual((await s.store.botState.read([conversation]))[conversation]!.value, { n: 3 });
      await s.store.botState.delete([]);
    });
  });
}
