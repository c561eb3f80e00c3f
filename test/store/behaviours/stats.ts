import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { weekNumber } from '../../../src/domain/stats.ts';
import type { Store } from '../../../src/store/port.ts';
import { activity, audit, contact, HOUR, NOW, storedInvitation, useStore, type MakeStore } from '../fixtures.ts';

const DAY = 24 * HOUR;
const day = (iso: string) => new Date(iso);

/**
 * One fixture, exact figures on every store. Weeks: 18 May, 25 May, 1 June 2026 (NOW, a Monday).
 * Sent: A, B (week 1), C, D (week 2), F (week 3); E waits for approval, H is a draft, G was sent before the range.
 */
export async function statsFixture(store: Store) {
  const person = async () => { const c = contact(); await store.contacts.insert(c); return c.id; };
  const make = async (name: string, overrides: Parameters<typeof storedInvitation>[1]) => {
    const made = await storedInvitation(store, { name, ...overrides });
    return { ...made.invitation, invitedId: made.invited[0]!.id };
  };

  const a = await make('A', { createdAt: day('2026-05-18T10:00:00Z'), createdBy: 'staff-a' });
  await make('B', { createdAt: day('2026-05-19T10:00:00Z'), createdBy: 'staff-a', expiresAt: day('2026-05-26T00:00:00Z') });
  const c = await make('C', { createdAt: day('2026-05-26T00:00:00Z'), createdBy: 'staff-b', type: 'group', maxRedemptions: 3, remaining: 3 });
  const d = await make('D', { createdAt: day('2026-05-27T00:00:00Z'), createdBy: 'staff-b', lifecycle: 'revoked' });
  await make('E', { createdAt: day('2026-05-27T00:00:00Z'), createdBy: 'staff-a', lifecycle: 'pending-approval' });
  await make('F', { createdAt: day('2026-06-01T08:00:00Z'), createdBy: 'cli', expiresAt: day('2026-06-03T00:00:00Z') });
  const g = await make('G', { createdAt: day('2026-05-10T00:00:00Z'), createdBy: 'staff-c' });
  await make('H', { createdAt: day('2026-06-01T09:00:00Z'), createdBy: 'staff-a', lifecycle: 'draft' });

  const fix = async (invitationId: string, at: Date, invitedId?: string) => {
    const contactId = invitedId ?? await person();
    await store.invitations.redeem({ invitationId, contactId, now: at, activity: activity(invitationId, contactId, at), jobs: [] });
    return contactId;
  };
  await fix(a.id, new Date(a.createdAt.getTime() + DAY), a.invitedId);
  await fix(g.id, new Date(g.createdAt.getTime() + 10 * DAY), g.invitedId);
  const first = await fix(c.id, new Date(c.createdAt.getTime() + 2 * HOUR));
  await fix(c.id, new Date(c.createdAt.getTime() + 2 * DAY));
  // A reset is not a redemption: C's first stays counted, and the reset is not another.
  const id = randomUUID();
  await store.invitations.resetRedemption({
    invitationId: c.id, contactId: first, now: day('2026-05-29T00:00:00Z'), activity: { id, at: day('2026-05-29T00:00:00Z'), actor: 'cli', reason: null },
    audit: audit(c.id, { id, action: 'invitation.redemption-reset', at: day('2026-05-29T00:00:00Z') }), jobs: [], newCode: null,
  });
  await store.audit.append(audit(d.id, { action: 'invitation.revoked', at: day('2026-05-28T00:00:00Z') }));
}

export const STATS_RANGE = { since: day('2026-05-18T00:00:00Z'), until: day('2026-06-08T00:00:00Z') };
const W1 = weekNumber(day('2026-05-18T00:00:00Z'));

export function statsBehaviour(makeStore: MakeStore): void {
  describe('stats', () => {
    const s = useStore(makeStore);

    it('counts each figure exactly, per Monday-to-Monday week', async () => {
      await statsFixture(s.store);
      assert.equal(weekNumber(NOW), W1 + 2);
      assert.deepEqual(await s.store.stats.sentPerWeek(STATS_RANGE), [{ week: W1, count: 2 }, { week: W1 + 1, count: 2 }, { week: W1 + 2, count: 1 }]);
      assert.deepEqual(await s.store.stats.redeemedPerWeek(STATS_RANGE), [{ week: W1, count: 2 }, { week: W1 + 1, count: 2 }]);
      assert.deepEqual(await s.store.stats.expiredPerWeek(STATS_RANGE, NOW), [{ week: W1 + 1, count: 1 }]);
      assert.deepEqual(await s.store.stats.expiredPerWeek(STATS_RANGE, day('2026-06-05T00:00:00Z')), [{ week: W1 + 1, count: 1 }, { week: W1 + 2, count: 1 }], 'F expires later');
      assert.deepEqual(await s.store.stats.revokedPerWeek(STATS_RANGE), [{ week: W1 + 1, count: 1 }]);
      assert.deepEqual(await s.store.stats.redemptionRate(STATS_RANGE), { sent: 5, redeemed: 2 });
      assert.equal(await s.store.stats.medianTimeToRedeem(STATS_RANGE), 36 * HOUR, 'waits of 2 h, 24 h, 48 h and 240 h');
      assert.deepEqual(await s.store.stats.topInviters(STATS_RANGE, 2), [{ actor: 'staff-a', count: 2 }, { actor: 'staff-b', count: 2 }]);
      assert.deepEqual(await s.store.stats.topInviters(STATS_RANGE, 5), [{ actor: 'staff-a', count: 2 }, { actor: 'staff-b', count: 2 }, { actor: 'cli', count: 1 }]);
    });

    it('has nothing to count in an empty range', async () => {
      await statsFixture(s.store);
      const empty = { since: day('2025-01-06T00:00:00Z'), until: day('2025-01-13T00:00:00Z') };
      assert.deepEqual(await s.store.stats.sentPerWeek(empty), []);
      assert.deepEqual(await s.store.stats.redemptionRate(empty), { sent: 0, redeemed: 0 });
      assert.equal(await s.store.stats.medianTimeToRedeem(empty), null);
      assert.deepEqual(await s.store.stats.topInviters(empty, 5), []);
    });
  });
}
