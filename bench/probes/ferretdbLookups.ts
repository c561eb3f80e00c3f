/**
 * `npx node bench/probes/ferretdbLookups.ts`: how long FerretDB takes to find documents as a
 * collection grows, by `_id`, by another indexed field and with `_id: {$in: [500 ids]}`. It explains
 * the FerretDB figures of `npm run bench`: its SQLite backend reads the whole collection for a query,
 * and compares `$in` values one by one, where MongoDB would use the index.
 */
import mongoose from 'mongoose';
import { startMongoServer } from '../../testkit/mongoServer.ts';

const server = await startMongoServer();
if (!server) throw new Error('no FerretDB binary and no MONGODB_URI (see testkit/mongoServer.ts)');
const connection = await mongoose.createConnection(server.uri).asPromise();
const timed = async (times: number, find: () => Promise<unknown>) => {
  const started = performance.now();
  for (let i = 0; i < times; i++) await find();
  return Math.round(((performance.now() - started) / times) * 10) / 10;
};
try {
  for (const size of [100, 1_000, 10_000]) {
    const collection = connection.collection<{ _id: string; key: string; pad: string }>(`probe${size}`);
    await collection.createIndex({ key: 1 }, { unique: true });
    await collection.insertMany(Array.from({ length: size }, (_, i) => ({ _id: `id${i}`, key: `key${i}`, pad: 'x'.repeat(200) })));
    const middle = size >> 1;
    const byId = await timed(10, () => collection.findOne({ _id: `id${middle}` }));
    const byKey = await timed(3, () => collection.findOne({ key: `key${middle}` }));
    const byIn = await timed(1, () => collection.find({ _id: { $in: Array.from({ length: 500 }, (_, i) => `id${i}`) } }).toArray());
    console.log(`${String(size).padStart(6)} documents: by _id ${byId} ms, by indexed key ${byKey} ms, _id $in 500 ids ${byIn} ms`);
  }
} finally {
  await connection.close();
  await server.stop();
}
