/**
 * `npx node bench/probes/ferretdbLookups.ts [--pg]`: how long FerretDB takes to find documents as a
 * collection grows, by `_id`, by another indexed field and with `_id: {$in: [500 ids]}`, and
 * whether it hands the filter to its backend (`explain`: filterPushdown, and the backend's plan).
 * It explains the FerretDB figures of `npm run bench`: its SQLite backend reads the whole
 * collection for a query, and compares `$in` values one by one, where MongoDB would use the index.
 * With `--pg`, FerretDB on a PostgreSQL started for the probe (the bench's `ferretdb-pg`).
 */
import mongoose from 'mongoose';
import { startMongoServer } from '../../testkit/mongoServer.ts';

const pg = process.argv.includes('--pg');
const server = await startMongoServer(pg ? { backend: 'pg' } : {});
if (!server) throw new Error(pg ? 'no FerretDB binary or no PostgreSQL (see testkit/mongoServer.ts)' : 'no FerretDB binary and no MONGODB_URI (see testkit/mongoServer.ts)');
const connection = await mongoose.createConnection(server.uri).asPromise();
const timed = async (times: number, find: () => Promise<unknown>) => {
  const started = performance.now();
  for (let i = 0; i < times; i++) await find();
  return Math.round(((performance.now() - started) / times) * 10) / 10;
};
type Explained = { filterPushdown?: boolean; queryPlanner?: { Plan?: { 'Node Type'?: string } } };
const plan = (explained: unknown) => {
  const { filterPushdown, queryPlanner } = explained as Explained;
  return `${filterPushdown ? 'pushed down' : 'not pushed down'}${queryPlanner?.Plan?.['Node Type'] ? `, ${queryPlanner.Plan['Node Type']}` : ''}`;
};
try {
  console.log(`FerretDB on ${server.backend === 'pg' ? 'PostgreSQL' : server.backend === 'sqlite' ? 'SQLite' : 'MONGODB_URI'}`);
  for (const size of [100, 1_000, 10_000]) {
    const collection = connection.collection<{ _id: string; key: string; pad: string }>(`probe${size}`);
    await collection.createIndex({ key: 1 }, { unique: true });
    await collection.insertMany(Array.from({ length: size }, (_, i) => ({ _id: `id${i}`, key: `key${i}`, pad: 'x'.repeat(200) })));
    const middle = size >> 1;
    const ids = Array.from({ length: 500 }, (_, i) => `id${i}`);
    const byId = await timed(10, () => collection.findOne({ _id: `id${middle}` }));
    const byKey = await timed(3, () => collection.findOne({ key: `key${middle}` }));
    const byIn = await timed(1, () => collection.find({ _id: { $in: ids } }).toArray());
    console.log(`${String(size).padStart(6)} documents: by _id ${byId} ms, by indexed key ${byKey} ms, _id $in 500 ids ${byIn} ms`);
    if (size === 10_000) {
      console.log(`  plans: by _id ${plan(await collection.find({ _id: `id${middle}` }).explain())}; by indexed key ${plan(await collection.find({ key: `key${middle}` }).explain())}; $in ${plan(await collection.find({ _id: { $in: ids } }).explain())}`);
    }
  }
} finally {
  await connection.close();
  await server.stop();
}
