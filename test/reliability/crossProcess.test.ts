import assert from 'node:assert/strict';
import { testClock, testServices } from '../support/services.ts';
import { useDatabases, type StoreKind, type TestDatabase } from './support/databases.ts';
import { checkRedemptions, seedCast, type Cast } from './support/redemptions.ts';
import { redeemTogether } from './support/storm.ts';

/*
 * Proves that no invitation is ever redeemed more often than it allows, whatever the concurrency
 * across processes, on both stores (a SQLite file shared by the processes; MongoDB, here FerretDB,
 * which has no transactions). For group invitations of 1, 10 and 50 and for a single invitation,
 * 4 processes start redeeming at the same instant, with more contacts than there are redemptions:
 * exactly the maximum succeed, every other attempt is refused with the right error code, nothing
 * is left over, and exactly the redeemers got the account, all the web roles, one activity and
 * their jobs; everyone else is unchanged.
 */
const PROCESSES = 4;

/** Per store: contacts trying per maximum, and redemptions each process runs at a time. */
const SETTINGS: Record<StoreKind, { contacts: Record<1 | 10 | 50, number>; singleAttempts: number; concurrency: number }> = {
  sqlite: { contacts: { 1: 60, 10: 120, 50: 200 }, singleAttempts: 100, concurrency: 25 },
  // FerretDB redeems ~10 a second under contention (compare-and-swap, no transactions): fewer losers.
  mongodb: { contacts: { 1: 24, 10: 40, 50: 70 }, singleAttempts: 40, concurrency: 3 },
};

for (const kind of ['sqlite', 'mongodb'] as const) {
  describe(`reliability: redemptions across processes never exceed the maximum (${kind})`, function () {
    this.timeout(180_000);
    const databases = useDatabases(kind);
    const settings = SETTINGS[kind];

    async function setUp(options: { contacts: number; maxRedemptions: number; single?: boolean }): Promise<{ database: TestDatabase; cast: Cast }> {
      const database = await databases.fresh();
      const store = await database.open();
      try {
        const { services } = testServices(store, testClock(new Date()));
        return { database, cast: await seedCast(services, 'storm', options) };
      } finally {
        await store.close();
      }
    }

    async function checkAfterwards(database: TestDatabase, cast: Cast): Promise<string[]> {
      const store = await database.open();
      try {
        return await checkRedemptions(database, store, cast);
      } finally {
        await store.close();
      }
    }

    for (const max of [1, 10, 50] as const) {
      it(`a group invitation of ${max}: ${PROCESSES} processes, ${settings.contacts[max]} contacts at once, exactly ${max} redeem`, async () => {
        const contacts = settings.contacts[max];
        const { database, cast } = await setUp({ contacts, maxRedemptions: max });
        const result = await redeemTogether(database.target, cast.code, cast.pool, PROCESSES, settings.concurrency);
        assert.equal(result.succeeded, max);
        assert.deepEqual(result.refused, { invitation_used_up: contacts - max });
        const redeemers = await checkAfterwards(database, cast);
        assert.equal(redeemers.length, max);
      });
    }

    it(`a single invitation: ${PROCESSES} processes, the invited contact and as many others at once, only the invited contact redeems, once`, async () => {
      const attempts = settings.singleAttempts;
      const { database, cast } = await setUp({ contacts: attempts + 1, maxRedemptions: 1, single: true });
      const [invited, ...others] = cast.pool;
      // Interleaved, so every process has both the invited contact and others.
      const contactIds = others.slice(0, attempts).flatMap((other) => [invited!, other]);
      const result = await redeemTogether(database.target, cast.code, contactIds, PROCESSES, settings.concurrency);
      assert.equal(result.succeeded, 1);
      const { already_redeemed: again = 0, wrong_redeemer: wrong = 0, invitation_used_up: usedUp = 0, ...unexpected } = result.refused;
      assert.deepEqual(unexpected, {}, 'no other refusals');
      assert.equal(again, attempts - 1, 'the invited contact is refused as having redeemed already, every other time');
      assert.equal(wrong + usedUp, attempts, 'the others are refused as not invited, or as too late');
      const redeemers = await checkAfterwards(database, cast);
      assert.deepEqual(redeemers, [invited]);
    });
  });
}
