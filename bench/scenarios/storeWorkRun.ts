/**
 * The store work of each unit on the request path (testkit/requestPathWork.ts), counted in a
 * process of its own against the store in its environment (MONGODB_URI, else SQLite in DATA_DIR).
 * Prints one JSON line.
 */
import { join } from 'node:path';
import { requestPathWork } from '../../testkit/requestPathWork.ts';
import { countingMongoStore, countingSqliteStore, type CountingStore } from '../../testkit/storeWork.ts';

const uri = process.env.MONGODB_URI;
const counting: CountingStore = uri ? await countingMongoStore(uri) : countingSqliteStore(join(process.env.DATA_DIR!, 'store-work.sqlite'));
try {
  const work = await requestPathWork(counting);
  const measured = {
    redemption: await work.redemption(),
    redeemPage: await work.redeemPage(),
    botTurn: await work.botTurn(),
    bulkInvite1000: await work.bulkInvite(1_000),
    bulkInvite2000: await work.bulkInvite(2_000),
  };
  process.stdout.write(`${JSON.stringify(measured)}\n`);
} finally {
  await counting.store.close();
}
