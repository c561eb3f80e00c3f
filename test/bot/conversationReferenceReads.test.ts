import assert from 'node:assert/strict';
import { conversationFor, rememberReference } from '../../bot/notices/conversationReferences.ts';
import { countingSqliteStore } from '../../testkit/storeWork.ts';

describe('bot: remembering personal chats costs a turn no store work once known', () => {
  const chat = (id: string) => ({ conversation: { id, conversationType: 'personal', isGroup: false, name: '' }, serviceUrl: 'https://smba.trafficmanager.net/emea/', channelId: 'msteams' });

  it('reads the stored reference once, then trusts what it saw; a changed chat is stored at once', async () => {
    const counting = countingSqliteStore(':memory:');
    try {
      const first = await counting.count(() => rememberReference(counting.store, 'ivy', chat('a:one')));
      assert.equal(first.statements, 2, 'read, then write');
      const same = await counting.count(() => rememberReference(counting.store, 'ivy', chat('a:one')));
      assert.equal(same.statements, 0, 'the same chat again: nothing');
      const moved = await counting.count(() => rememberReference(counting.store, 'ivy', chat('a:two')));
      assert.equal(moved.statements, 2, 'another chat: read and write');
      assert.equal((await conversationFor(counting.store, 'ivy'))?.conversation?.id, 'a:two');
      const other = await counting.count(() => rememberReference(counting.store, 'ada', chat('a:one')));
      assert.equal(other.statements, 2, 'each person is their own');
    } finally {
      await counting.store.close();
    }
  });
});
