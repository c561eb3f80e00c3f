import { z } from 'zod';
import { fillWeeks, weekNumber, weekStart, type InvitationStats } from '../domain/stats.ts';
import type { Actor, ServiceContext } from './context.ts';
import { parseInput } from './input.ts';
import { assertMay } from './permissions.ts';
import { actorDisplayName } from './staffNames.ts';

const statsInput = z.object({
  /** How many weeks back, this one included. */
  weeks: z.number().int().min(1).max(52).default(8),
  /** How many top inviters. */
  top: z.number().int().min(1).max(20).default(5),
});
export type StatsInput = z.input<typeof statsInput>;

/**
 * Invitation statistics for staff (viewers and up): per week sent, redeemed, expired and revoked,
 * the redemption rate, the median time to redeem and the top inviters. Each figure is one store
 * query (see `StatsStore`); the bot's card and the API both read them here.
 */
export function statsService(ctx: ServiceContext) {
  return {
    async invitations(actor: Actor, input: StatsInput = {}): Promise<InvitationStats> {
      await assertMay(ctx, actor, 'viewer', 'looking at statistics');
      const { weeks, top } = parseInput(statsInput, input);
      const now = ctx.clock();
      const last = weekNumber(now);
      const first = last - weeks + 1;
      const range = { since: weekStart(first), until: weekStart(last + 1) };
      const { stats } = ctx.store;
      const [sent, redeemed, expired, revoked, rate, medianMs, inviters] = await Promise.all([
        stats.sentPerWeek(range), stats.redeemedPerWeek(range), stats.expiredPerWeek(range, now), stats.revokedPerWeek(range),
        stats.redemptionRate(range), stats.medianTimeToRedeem(range), stats.topInviters(range, top),
      ]);
      const [sentWeeks, redeemedWeeks, expiredWeeks, revokedWeeks] = [sent, redeemed, expired, revoked].map((counts) => fillWeeks(first, last, counts));
      return {
        ...range,
        weeks: sentWeeks!.map((count, i) => ({ start: weekStart(first + i), sent: count, redeemed: redeemedWeeks![i]!, expired: expiredWeeks![i]!, revoked: revokedWeeks![i]! })),
        redemptionRate: rate.sent ? rate.redeemed / rate.sent : null,
        sentInRange: rate.sent,
        redeemedOfSent: rate.redeemed,
        medianTimeToRedeemMs: medianMs,
        topInviters: await Promise.all(inviters.map(async (i) => ({ ...i, name: await actorDisplayName(ctx, i.actor) }))),
      };
    },
  };
}
