import { countPerWeek, median } from '../../domain/stats.ts';
import type { Lifecycle } from '../../domain/invitation.ts';
import type { StatsStore } from '../port.ts';
import type { Models } from './models.ts';

/** Invitations that were sent: not drafts, not waiting for approval, not rejected. */
const SENT = { lifecycle: { $nin: ['draft', 'pending-approval', 'rejected'] as Lifecycle[] } };

/**
 * The stats card's figures. Each reads only the fields it counts in one command (a find with a
 * projection, or an aggregation), and counts them here: MongoDB, Cosmos DB and FerretDB 1.x share
 * no date arithmetic to group by week, and an exact count needs none.
 */
export function mongoStats(models: Models): StatsStore {
  const range = (since: Date, until: Date) => ({ $gte: since, $lt: until });
  const times = async <D>(model: { find(filter: object, projection: object): { lean<T>(): Promise<T> } }, filter: object, field: keyof D & string) =>
    (await model.find(filter, { _id: 0, [field]: 1 }).lean<D[]>()).map((doc) => doc[field] as Date);

  return {
    async sentPerWeek({ since, until }) {
      return countPerWeek(await times<{ createdAt: Date }>(models.invitations, { createdAt: range(since, until), ...SENT }, 'createdAt'));
    },
    async redeemedPerWeek({ since, until }) {
      return countPerWeek(await times<{ at: Date }>(models.activities, { at: range(since, until), kind: { $ne: 'redemption-reset' } }, 'at'));
    },
    async expiredPerWeek({ since, until }, now) {
      const expiring = { $gte: since, $lt: new Date(Math.min(until.getTime(), now.getTime() + 1)) };
      return countPerWeek(await times<{ expiresAt: Date }>(models.invitations, { lifecycle: 'sent', remaining: { $gt: 0 }, expiresAt: expiring }, 'expiresAt'));
    },
    async revokedPerWeek({ since, until }) {
      return countPerWeek(await times<{ at: Date }>(models.audit, { action: 'invitation.revoked', at: range(since, until) }, 'at'));
    },
    async redemptionRate({ since, until }) {
      const docs = await models.invitations.find({ createdAt: range(since, until), ...SENT }, { _id: 0, remaining: 1, maxRedemptions: 1 })
        .lean<{ remaining: number; maxRedemptions: number }[]>();
      return { sent: docs.length, redeemed: docs.filter((d) => d.remaining < d.maxRedemptions).length };
    },
    /** Two commands, not one: FerretDB 1.x has no `$lookup`, so the invitations' creation times are read by id after the redemptions. */
    async medianTimeToRedeem({ since, until }) {
      const redemptions = await models.activities.find({ at: range(since, until), kind: { $ne: 'redemption-reset' } }, { _id: 0, invitationId: 1, at: 1 })
        .lean<{ invitationId: string; at: Date }[]>();
      if (redemptions.length === 0) return null;
      const invitations = await models.invitations.find({ _id: { $in: [...new Set(redemptions.map((r) => r.invitationId))] } }, { _id: 1, createdAt: 1 })
        .lean<{ _id: string; createdAt: Date }[]>();
      const created = new Map(invitations.map((i) => [i._id, i.createdAt.getTime()]));
      return median(redemptions.flatMap((r) => (created.has(r.invitationId) ? [r.at.getTime() - created.get(r.invitationId)!] : [])));
    },
    async topInviters({ since, until }, limit) {
      const rows = await models.invitations.aggregate<{ _id: string; count: number }>([
        { $match: { createdAt: range(since, until), ...SENT } },
        { $group: { _id: '$createdBy', count: { $sum: 1 } } },
      ]);
      return rows.map((r) => ({ actor: r._id, count: r.count })).sort((a, b) => b.count - a.count || (a.actor < b.actor ? -1 : 1)).slice(0, limit);
    },
  };
}
