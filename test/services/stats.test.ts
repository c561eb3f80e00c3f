import assert from 'node:assert/strict';
import { createSqliteStore } from '../../src/store/sqlite/index.ts';
import type { Store } from '../../src/store/port.ts';
import { testServices } from '../support/services.ts';
import { statsFixture } from '../store/behaviours/stats.ts';
import { HOUR, NOW } from '../store/fixtures.ts';

const VIEWER = '00000000-0000-0000-0000-0000000000b2';

describe('stats service', () => {
  let store: Store;
  let t: ReturnType<typeof testServices>;
  beforeEach(async () => {
    store = createSqliteStore(':memory:');
    t = testServices(store);
    t.clock.set(NOW);
    await t.services.staff.save('cli', { id: VIEWER, displayName: 'Vera Viewer', roles: ['viewer'] });
    await store.staff.upsert({ id: 'staff-a', displayName: 'Ada Inviter', roles: ['inviter'], createdAt: NOW });
  });
  afterEach(() => store.close());

  it('gives viewers the weeks, the rate, the median wait and the top inviters by name', async () => {
    await statsFixture(store);
    const stats = await t.services.stats.invitations(VIEWER, { weeks: 4, top: 3 });
    assert.deepEqual([stats.since.toISOString(), stats.until.toISOString()], ['2026-05-11T00:00:00.000Z', '2026-06-08T00:00:00.000Z']);
    assert.deepEqual(stats.weeks.map((w) => [w.start.toISOString().slice(0, 10), w.sent, w.redeemed, w.expired, w.revoked]), [
      ['2026-05-11', 0, 0, 0, 0], ['2026-05-18', 2, 2, 0, 0], ['2026-05-25', 2, 2, 1, 1], ['2026-06-01', 1, 0, 0, 0],
    ]);
    assert.deepEqual([stats.sentInRange, stats.redeemedOfSent, stats.redemptionRate], [5, 2, 0.4], 'G, sent on Sunday 10 May, is a week before the range');
    assert.equal(stats.medianTimeToRedeemMs, 36 * HOUR);
    assert.deepEqual(stats.topInviters, [
      { actor: 'staff-a', name: 'Ada Inviter', count: 2 }, { actor: 'staff-b', name: 'a former staff member', count: 2 }, { actor: 'cli', name: 'the admin CLI', count: 1 },
    ]);
  });

  it('has no rate or median without invitations, and refuses non-staff', async () => {
    const stats = await t.services.stats.invitations(VIEWER);
    assert.equal(stats.weeks.length, 8);
    assert.deepEqual([stats.redemptionRate, stats.medianTimeToRedeemMs, stats.topInviters], [null, null, []]);
    await assert.rejects(t.services.stats.invitations('99999999-0000-0000-0000-000000000000'), { code: 'not_allowed' });
    await assert.rejects(t.services.stats.invitations(VIEWER, { weeks: 0 }), { code: 'invalid_input' });
  });
});
