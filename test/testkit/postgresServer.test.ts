import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import mongoose from 'mongoose';
import { startMongoServer } from '../../testkit/mongoServer.ts';

/*
 * FerretDB on PostgreSQL for tests and the bench: a private PostgreSQL cluster in a temporary
 * directory, FerretDB on top, both gone after stop(). Without PostgreSQL (or FerretDB) this is
 * skipped with a loud line; under CI=true it fails (testkit/mongoServer.ts).
 */
describe('FerretDB on PostgreSQL (testkit)', function () {
  this.timeout(60_000);

  it('starts PostgreSQL and FerretDB, enforces a unique index, filters in PostgreSQL, and leaves nothing behind', async function () {
    const server = await startMongoServer({ backend: 'pg' });
    if (!server) return this.skip();
    let stopped = false;
    try {
      assert.equal(server.backend, 'pg');
      const connection = await mongoose.createConnection(server.uri).asPromise();
      try {
        const collection = connection.collection<{ _id: string; key: string }>('probe');
        await collection.createIndex({ key: 1 }, { unique: true });
        await collection.insertMany([{ _id: 'a', key: 'one' }, { _id: 'b', key: 'two' }]);
        assert.deepEqual(await collection.findOne({ key: 'two' }), { _id: 'b', key: 'two' });
        await assert.rejects(collection.insertOne({ _id: 'c', key: 'one' }), /duplicate key/i);
        // The plan is PostgreSQL's, and the filter runs there. (FerretDB 1.24 filters with jsonb `@>`,
        // which its btree indexes cannot serve: a sequential scan in PostgreSQL, see docs/performance.md.)
        const plan = await collection.find({ key: 'two' }).explain() as { filterPushdown?: boolean; queryPlanner?: { Plan?: { 'Node Type'?: string } } };
        assert.equal(plan.filterPushdown, true);
        assert.equal(typeof plan.queryPlanner?.Plan?.['Node Type'], 'string');
      } finally {
        await connection.close();
      }
      const { processes, directories } = server.footprint();
      assert.ok(processes.length === 2 && directories.length >= 1);
      await server.stop();
      stopped = true;
      for (const pid of processes) assert.equal(isRunning(pid), false, `process ${pid} still runs after stop()`);
      for (const dir of directories) assert.equal(existsSync(dir), false, `${dir} is still there after stop()`);
    } finally {
      if (!stopped) await server.stop();
    }
  });
});

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
