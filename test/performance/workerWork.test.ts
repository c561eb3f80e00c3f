import assert from 'node:assert/strict';
import { join } from 'node:path';
import { dropDatabase, startMongoServer, uniqueDatabaseName, withDatabase, type MongoServer } from '../../testkit/mongoServer.ts';
import { countingMongoStore, countingSqliteStore, type StoreWork } from '../../testkit/storeWork.ts';
import { workerWork } from '../../testkit/workerWork.ts';
import { tempDir } from '../support/tempDir.ts';

/*
 * What the job worker costs each store for 100 confirmation mails run to completion, exactly
 * (testkit/workerWork.ts says what the unit is; docs/performance.md, "Store work", lists the
 * figures). The handler's own work (the invitation, contact, account, roles and template read, the
 * dev-mailbox record written: 6 statements or commands) is the same per job whatever the worker
 * does; the rest is the worker's: 4 batch claims of up to 32 jobs (and the one that finds none) and
 * 4 batch completions. Claiming and completing job by job it was 1,001 statements in 101
 * transactions on SQLite (4 per job: the claim's 3, in a transaction, and the completion) and
 * 1,201 commands on MongoDB (6 per job: read, revision marker and update, twice).
 */

const JOBS = 100;
const sqlite = ({ statements, transactions }: StoreWork) => ({ statements, transactions });
const mongo = ({ commands, byCommand }: StoreWork) => ({ commands, byCommand });

describe('store work of the job worker', function () {
  this.timeout(180_000);

  it(`on SQLite: ${JOBS} confirmation mails run to completion`, async () => {
    const dir = tempDir();
    const counting = countingSqliteStore(join(dir.path, 'store.sqlite'));
    try {
      const work = await workerWork(counting);
      const mailsBefore = await work.mailCount();
      assert.deepEqual(sqlite(await work.confirmationMails(JOBS)), { statements: 609, transactions: 0 });
      assert.equal(await work.mailCount() - mailsBefore, JOBS, 'one mail per job');
    } finally {
      await counting.store.close();
      dir.remove();
    }
  });

  describe('on MongoDB (FerretDB unless MONGODB_URI)', () => {
    let server: MongoServer | null = null;
    before(async function () {
      server = await startMongoServer();
      if (!server) this.skip();
    });
    after(async () => {
      await server?.stop();
    });

    it(`${JOBS} confirmation mails run to completion`, async () => {
      const uri = withDatabase(server!.uri, uniqueDatabaseName());
      const counting = await countingMongoStore(uri);
      try {
        const work = await workerWork(counting);
        const mailsBefore = await work.mailCount();
        assert.deepEqual(mongo(await work.confirmationMails(JOBS)), { commands: 625, byCommand: { find: 509, insert: 108, update: 8 } });
        assert.equal(await work.mailCount() - mailsBefore, JOBS, 'one mail per job');
      } finally {
        await counting.store.close();
        await dropDatabase(uri);
      }
    });
  });
});
