import assert from 'node:assert/strict';
import { join } from 'node:path';
import { requestPathWork, type RequestPathWork } from '../../testkit/requestPathWork.ts';
import { dropDatabase, startMongoServer, uniqueDatabaseName, withDatabase, type MongoServer } from '../../testkit/mongoServer.ts';
import { countingMongoStore, countingSqliteStore, type StoreWork } from '../../testkit/storeWork.ts';
import { tempDir } from '../support/tempDir.ts';

/*
 * What one unit of work on the request path costs each store, exactly (testkit/requestPathWork.ts
 * says what each unit is; docs/performance.md, "Store work", lists the figures). A change that
 * adds a statement or a command fails here; one that saves some updates the figure. Issue 16's
 * targets are written beside each: where a figure is over, docs/performance.md says what is left.
 */

const sqlite = ({ statements, transactions }: StoreWork) => ({ statements, transactions });
const mongo = ({ commands, byCommand }: StoreWork) => ({ commands, byCommand });

describe('store work per unit of work', function () {
  this.timeout(120_000);

  describe('on SQLite', () => {
    let dir: ReturnType<typeof tempDir>;
    let close: () => Promise<void>;
    let work: RequestPathWork;

    before(async () => {
      dir = tempDir();
      const counting = countingSqliteStore(join(dir.path, 'store.sqlite'));
      close = () => counting.store.close();
      work = await requestPathWork(counting);
    });
    after(async () => {
      await close();
      dir.remove();
    });

    // Target: ≤ the redeem floor's statements + 3 (bench/targets/redeemFloor.ts: 9 statements, 1 transaction).
    it('a redemption', async () => {
      assert.deepEqual(sqlite(await work.redemption()), { statements: 13, transactions: 1 });
    });

    it('a redeem page', async () => {
      assert.deepEqual(sqlite(await work.redeemPage()), { statements: 5, transactions: 0 });
    });

    it('a bot turn', async () => {
      assert.deepEqual(sqlite(await work.botTurn()), { statements: 5, transactions: 0 });
    });

    it('a bulk invite: a few transactions, a few statements per 1,000 rows written', async () => {
      const measured = { thousand: sqlite(await work.bulkInvite(1_000)), twoThousand: sqlite(await work.bulkInvite(2_000)) };
      assert.deepEqual(measured, { thousand: { statements: 22, transactions: 2 }, twoThousand: { statements: 25, transactions: 2 } });
    });
  });

  describe('on MongoDB (FerretDB unless MONGODB_URI)', () => {
    let server: MongoServer | null = null;
    let uri: string;
    let close: () => Promise<void>;
    let work: RequestPathWork;

    before(async function () {
      server = await startMongoServer();
      if (!server) return this.skip();
      uri = withDatabase(server.uri, uniqueDatabaseName());
      const counting = await countingMongoStore(uri);
      close = () => counting.store.close();
      work = await requestPathWork(counting);
    });
    after(async () => {
      if (!server) return;
      await close();
      await dropDatabase(uri);
      await server.stop();
    });

    // Target: ≤ 6 commands.
    it('a redemption', async () => {
      assert.deepEqual(mongo(await work.redemption()), { commands: 23, byCommand: { find: 10, insert: 8, update: 5 } });
    });

    // Target: ≤ 3 commands.
    it('a redeem page', async () => {
      assert.deepEqual(mongo(await work.redeemPage()), { commands: 9, byCommand: { find: 5, insert: 2, update: 2 } });
    });

    // Target: ≤ 4 commands, bot state included.
    it('a bot turn', async () => {
      assert.deepEqual(mongo(await work.botTurn()), { commands: 5, byCommand: { find: 5 } });
    });

    // Target: O(1) commands per 1,000 contacts.
    it('a bulk invite: the same number of commands more for each 1,000 contacts more', async () => {
      const measured = { thousand: mongo(await work.bulkInvite(1_000)), twoThousand: mongo(await work.bulkInvite(2_000)) };
      assert.deepEqual(measured, {
        thousand: { commands: 14, byCommand: { find: 7, insert: 6, update: 1 } },
        twoThousand: { commands: 15, byCommand: { find: 7, insert: 7, update: 1 } },
      });
    });
  });

  // CI's proof that FerretDB on PostgreSQL (the bench's `ferretdb-pg`) works: short, one unit.
  describe('on FerretDB with PostgreSQL', () => {
    let server: MongoServer | null = null;
    let close: () => Promise<void>;
    let work: RequestPathWork;

    before(async function () {
      server = await startMongoServer({ backend: 'pg' });
      if (!server) return this.skip();
      const counting = await countingMongoStore(server.uri);
      close = () => counting.store.close();
      work = await requestPathWork(counting);
    });
    after(async () => {
      if (!server) return;
      await close();
      await server.stop();
    });

    it('a bulk invite of 2,000: the same commands as on any MongoDB server', async () => {
      assert.deepEqual(mongo(await work.bulkInvite(2_000)), { commands: 15, byCommand: { find: 7, insert: 7, update: 1 } });
    });
  });
});
