import { createSqliteStore } from '../../src/store/sqlite/index.ts';
import { lifecycleBehaviour } from './lifecycleBehaviour.ts';

// The same behaviour runs on MongoDB (FerretDB) in test/store/mongo.test.ts.
describe('invitation lifecycle on SQLite: reminders, drafts, scheduled sends, renew', () => {
  lifecycleBehaviour(async () => {
    const store = createSqliteStore(':memory:');
    return { store, cleanup: () => store.close() };
  });
});
