import assert from 'node:assert/strict';
import { testClock, testServices } from '../support/services.ts';
import { useDatabases, type StoreKind } from './support/databases.ts';
import { seededRandom } from './support/random.ts';
import { checkRedemptions, seedCast, type Cast } from './support/redemptions.ts';
import { stormUntilKilled } from './support/storm.ts';

/*
 * Proves that a process SIGKILLed in the middle of a redemption storm leaves no half-done
 * redemption behind, on both stores: once the store is opened again (which completes or undoes an
 * interrupted step: SQLite rolls back the open transaction, MongoDB finishes the pending effects),
 * every redemption is whole or absent. Round after round on the same database, a worker process
 * redeems many contacts at once and is killed at a random moment (seeded: RELIABILITY_SEED replays
 * a run); after each kill the invariants of `checkRedemptions` must hold for both invitations:
 * remaining = maximum − redeemers, one activity per redeemer, redeemers have the account and all
 * the web roles and nobody else has any, one workflow, mail and notice job per redeemer. A large
 * group invitation takes most rounds; a few go to a small one, so that "used up" is crossed while
 * a worker is being killed.
 */
const SETTINGS: Record<StoreKind, { bigPool: number; smallPool: number; smallMax: number; concurrency: number; killWindowMs: number }> = {
  // ~700 redemptions a second: a kill within 300 ms of the start lands in a storm of hundreds. The
  // small invitation's pool is large so that the refusals after "used up" outlast the kill window.
  sqlite: { bigPool: 4000, smallPool: 2000, smallMax: 100, concurrency: 16, killWindowMs: 300 },
  // FerretDB takes ~0.5 s per redemption (4 at a time here): a wider window gets a few done per round.
  mongodb: { bigPool: 250, smallPool: 40, smallMax: 6, concurrency: 4, killWindowMs: 1200 },
};
const ROUNDS = 20;
/** Rounds on the small invitation (the others go to the large one). */
const SMALL_ROUNDS = new Set([8, 9, 10, 11]);

for (const kind of ['sqlite', 'mongodb'] as const) {
  describe(`reliability: a redeem worker SIGKILLed mid-storm leaves every redemption whole (${kind})`, function () {
    this.timeout(240_000);
    const databases = useDatabases(kind);
    const settings = SETTINGS[kind];

    it(`keeps the invariants through ${ROUNDS} kills at random moments`, async () => {
      const random = seededRandom(`crashRedemption/${kind}`);
      const database = await databases.fresh();
      const setup = await database.open();
      let big: Cast;
      let small: Cast;
      try {
        const { services } = testServices(setup, testClock(new Date()));
        big = await seedCast(services, 'crowd', { contacts: settings.bigPool, maxRedemptions: 100_000 });
        small = await seedCast(services, 'few', { contacts: settings.smallPool, maxRedemptions: settings.smallMax });
      } finally {
        await setup.close();
      }

      const redeemed = new Map<Cast, string[]>([[big, []], [small, []]]);
      const stats = { interrupted: 0, finished: 0, redeemed: 0, pendingEffectsLeft: 0, roundsWithPending: 0, blockingMarkers: 0, usedUpCrossedAtKill: false };
      for (let round = 0; round < ROUNDS; round++) {
        const cast = SMALL_ROUNDS.has(round) ? small : big;
        const before = redeemed.get(cast)!;
        const done = new Set(before);
        // Mostly contacts still to redeem, and some who did already (they must be refused, even mid-crash).
        const contactIds = random.shuffle([...cast.pool.filter((id) => !done.has(id)), ...random.sample(before, Math.ceil(before.length / 10))]);
        const killAfterMs = random.int(0, settings.killWindowMs);
        const { finished } = await stormUntilKilled(database.target, cast.code, contactIds, settings.concurrency, killAfterMs);

        // What the kill left, before a store is opened on it.
        const pending = await database.pendingEffects();
        stats.pendingEffectsLeft += pending;
        if (pending > 0) stats.roundsWithPending++;
        stats.blockingMarkers += await database.letAbandonedMarkersExpire();

        const store = await database.open();
        try {
          assert.equal(await database.pendingEffects(), 0, `round ${round}: opening the store left redemptions half done`);
          for (const checked of [big, small]) {
            const now = await checkRedemptions(database, store, checked);
            const lost = redeemed.get(checked)!.filter((id) => !now.includes(id));
            assert.deepEqual(lost, [], `round ${round}: redemptions of ${checked.label} disappeared`);
            redeemed.set(checked, now);
          }
        } finally {
          await store.close();
        }

        const after = redeemed.get(cast)!;
        const gained = after.length - before.length;
        stats.redeemed += gained;
        if (finished) stats.finished++;
        else if (gained > 0 || pending > 0) stats.interrupted++;
        if (cast === small && !finished && before.length < cast.maxRedemptions && after.length === cast.maxRedemptions) stats.usedUpCrossedAtKill = true;
      }

      const mongoDetail = kind === 'mongodb'
        ? `, ${stats.pendingEffectsLeft} redemptions taken but not applied completed on reopening (in ${stats.roundsWithPending} rounds), ${stats.blockingMarkers} abandoned revision markers`
        : '';
      console.log(`      ${kind}: ${ROUNDS} kills, ${stats.interrupted} interrupted redemptions in progress, ${stats.finished} came after the worker had finished; `
        + `${stats.redeemed} redemptions kept${mongoDetail}; "used up" crossed in a killed storm: ${stats.usedUpCrossedAtKill}`);
      assert.ok(stats.interrupted > 0, 'at least some kills landed while redemptions were under way');
    });
  });
}
