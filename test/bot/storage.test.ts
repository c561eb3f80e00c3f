import assert from 'node:assert/strict';
import { Application, TurnState } from '@microsoft/teams-ai';
import { ConversationState, TestAdapter, UserState, type Storage } from 'botbuilder';
import { BotStateConflictError, StoreBotStorage } from '../../bot/storage.ts';
import type { Store } from '../../src/store/port.ts';
import { createSqliteStore } from '../../src/store/sqlite/index.ts';

type CountState = TurnState<{ count?: number }>;

/** A teams-ai bot that counts the messages of its conversation, on `storage`; `meanwhile` runs inside a turn whose text is "slow". */
function countingBot(storage: Storage, meanwhile?: () => Promise<void>) {
  const app = new Application<CountState>({ storage, startTypingTimer: false });
  app.message(/.*/, async (context, state) => {
    if (meanwhile && context.activity.text === 'slow') await meanwhile();
    state.conversation.count = (state.conversation.count ?? 0) + 1;
    await context.sendActivity(String(state.conversation.count));
  });
  const errors: Error[] = [];
  const adapter = new TestAdapter(async (context) => { await app.run(context); });
  adapter.onTurnError = async (context, error) => {
    errors.push(error);
    await context.sendActivity('turn failed');
  };
  return { adapter, errors };
}

describe('bot: turn state in the store', () => {
  let store: Store;
  beforeEach(() => { store = createSqliteStore(':memory:'); });
  afterEach(async () => { await store.close(); });

  it('keeps botbuilder conversation and user state across turns, for another storage on the store too, until deleted', async () => {
    const bot = (storage: Storage) => {
      const conversationState = new ConversationState(storage);
      const userState = new UserState(storage);
      const turns = conversationState.createProperty<number>('turns');
      const name = userState.createProperty<string>('name');
      return new TestAdapter(async (context) => {
        const text = context.activity.text ?? '';
        if (text === 'reset') {
          await conversationState.delete(context);
          await context.sendActivity('forgotten');
          return;
        }
        const count = (await turns.get(context, 0)) + 1;
        await turns.set(context, count);
        if (text.startsWith('I am ')) await name.set(context, text.slice(5));
        await context.sendActivity(`${count} ${await name.get(context, 'stranger')}`);
        await conversationState.saveChanges(context);
        await userState.saveChanges(context);
      });
    };
    await bot(new StoreBotStorage(store.botState)).send('hi').assertReply('1 stranger').send('I am Ada').assertReply('2 Ada');
    const elsewhere = bot(new StoreBotStorage(store.botState));
    await elsewhere.send('hi').assertReply('3 Ada').send('reset').assertReply('forgotten').send('hi').assertReply('1 Ada');
    const stored = await store.botState.read(['test/conversations/Convo1/', 'test/users/user1/']);
    assert.deepEqual(stored['test/conversations/Convo1/']!.value, { turns: 1 });
    assert.deepEqual(stored['test/users/user1/']!.value, { name: 'Ada' });
  });

  it('keeps teams-ai turn state across turns, and another process serving the conversation goes on from it', async () => {
    await countingBot(new StoreBotStorage(store.botState)).adapter.send('a').assertReply('1').send('b').assertReply('2');
    const other = countingBot(new StoreBotStorage(store.botState));
    await other.adapter.send('c').assertReply('3');
    assert.deepEqual(other.errors, []);
  });

  it('fails a teams-ai turn whose conversation another turn changed meanwhile, keeping what that turn saved', async () => {
    const elsewhere = new StoreBotStorage(store.botState);
    const slow = countingBot(new StoreBotStorage(store.botState), async () => {
      await countingBot(elsewhere).adapter.send('meanwhile').assertReply('2');
    });
    await slow.adapter.send('a').assertReply('1').send('slow').assertReply('2').assertReply('turn failed');
    assert.equal(slow.errors.length, 1);
    assert.ok(slow.errors[0] instanceof BotStateConflictError);
    assert.match(slow.errors[0].message, /was changed by another turn/);
    await countingBot(elsewhere).adapter.send('after').assertReply('3');
  });

  it('reads items with their eTag, writes "*" or eTag-less items whatever is stored, and refuses a stale eTag', async () => {
    const storage = new StoreBotStorage(store.botState);
    const key = 'msteams/conversations/a:1';
    await storage.write({ [key]: { step: 1 } });
    const first = (await storage.read([key, 'missing']))[key];
    assert.deepEqual(Object.keys(await storage.read([key, 'missing'])), [key]);
    assert.equal(first.step, 1);
    assert.equal(typeof first.eTag, 'string');
    await storage.write({ [key]: { ...first, step: 2 } });
    const second = (await storage.read([key]))[key];
    assert.notEqual(second.eTag, first.eTag);
    await assert.rejects(storage.write({ [key]: { ...first, step: 'stale' } }), BotStateConflictError);
    await storage.write({ [key]: { step: 3, eTag: '*' } });
    assert.equal((await storage.read([key]))[key].step, 3);
    await storage.delete([key]);
    assert.deepEqual(await storage.read([key]), {});
  });
});
