/*
 * Invitation statistics: the figures and their weeks. A week starts on Monday 00:00 UTC; a week
 * is named by its start. Each figure is counted by the store in one query (see `StatsStore`).
 */

export const WEEK_MS = 7 * 24 * 3_600_000;
/** The first Monday after the epoch (1970-01-05T00:00Z): week numbers count from it. */
export const FIRST_MONDAY_MS = 4 * 24 * 3_600_000;

/** The number of the week `at` falls in (weeks since 1970-01-05). */
export function weekNumber(at: Date | number): number {
  return Math.floor((Number(at) - FIRST_MONDAY_MS) / WEEK_MS);
}

export function weekStart(week: number): Date {
  return new Date(FIRST_MONDAY_MS + week * WEEK_MS);
}

/** How many of a figure fell in one week. */
export type WeekCount = { week: number; count: number };

/** The invitations of a range and what became of them, per week and in all. */
export type InvitationStats = {
  since: Date;
  until: Date;
  weeks: { start: Date; sent: number; redeemed: number; expired: number; revoked: number }[];
  /** Of the invitations sent in the range, the share (0-1) redeemed at least once; null when none was sent. */
  redemptionRate: number | null;
  sentInRange: number;
  redeemedOfSent: number;
  /** The median time from an invitation's creation to a redemption in the range, in ms; null without redemptions. */
  medianTimeToRedeemMs: number | null;
  /** Who sent the most invitations in the range, most first. */
  topInviters: { actor: string; name: string; count: number }[];
};

/** The counts of each week from `first` to `last` (inclusive), zero where the store had none. */
export function fillWeeks(first: number, last: number, counts: readonly WeekCount[]): number[] {
  const byWeek = new Map(counts.map((c) => [c.week, c.count]));
  return Array.from({ length: last - first + 1 }, (_, i) => byWeek.get(first + i) ?? 0);
}

/** Counts times per week (for stores that read the times and count them in the adapter). */
export function countPerWeek(times: readonly (Date | number)[]): WeekCount[] {
  const counts = new Map<number, number>();
  for (const at of times) counts.set(weekNumber(at), (counts.get(weekNumber(at)) ?? 0) + 1);
  return [...counts].map(([week, count]) => ({ week, count })).sort((a, b) => a.week - b.week);
}

/** The median of numbers (the mean of the middle two for an even count), or null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
