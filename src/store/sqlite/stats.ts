import { FIRST_MONDAY_MS, WEEK_MS, type WeekCount } from '../../domain/stats.ts';
import type { StatsStore } from '../port.ts';
import type { Database } from './database.ts';

/** Invitations that were sent: not drafts, not waiting for approval, not rejected. */
const SENT = "lifecycle NOT IN ('draft', 'pending-approval', 'rejected')";
/** The week number of a time column (see `weekNumber`; times before 1970-01-05 do not occur). */
const week = (column: string) => `(${column} - ${FIRST_MONDAY_MS}) / ${WEEK_MS}`;

/** The stats card's figures, each one SQL statement. */
export function sqliteStats(db: Database): StatsStore {
  const perWeek = (column: string, from: string, where: string, ...params: (number | string)[]): WeekCount[] =>
    db.all<WeekCount>(`SELECT ${week(column)} AS week, COUNT(*) AS count FROM ${from} WHERE ${where} GROUP BY week ORDER BY week`, ...params)
      .map((row) => ({ week: Number(row.week), count: Number(row.count) }));

  return {
    async sentPerWeek({ since, until }) {
      return perWeek('created_at', 'invitations', `created_at >= ? AND created_at < ? AND ${SENT}`, since.getTime(), until.getTime());
    },
    async redeemedPerWeek({ since, until }) {
      return perWeek('at', 'redemption_activities', "kind = 'redemption' AND at >= ? AND at < ?", since.getTime(), until.getTime());
    },
    async expiredPerWeek({ since, until }, now) {
      return perWeek('expires_at', 'invitations', "lifecycle = 'sent' AND remaining > 0 AND expires_at >= ? AND expires_at < ? AND expires_at <= ?",
        since.getTime(), until.getTime(), now.getTime());
    },
    async revokedPerWeek({ since, until }) {
      return perWeek('at', 'audit_events', "action = 'invitation.revoked' AND at >= ? AND at < ?", since.getTime(), until.getTime());
    },
    async redemptionRate({ since, until }) {
      const row = db.one<{ sent: number; redeemed: number | null }>(
        `SELECT COUNT(*) AS sent, SUM(remaining < max_redemptions) AS redeemed FROM invitations WHERE created_at >= ? AND created_at < ? AND ${SENT}`,
        since.getTime(), until.getTime());
      return { sent: Number(row?.sent ?? 0), redeemed: Number(row?.redeemed ?? 0) };
    },
    async medianTimeToRedeem({ since, until }) {
      // The middle one (odd count) or two (even count) of the sorted waits, in one statement.
      const rows = db.all<{ wait: number }>(
        `WITH waits AS (SELECT a.at - i.created_at AS wait FROM redemption_activities a JOIN invitations i ON i.id = a.invitation_id
           WHERE a.kind = 'redemption' AND a.at >= ? AND a.at < ?)
         SELECT wait FROM waits ORDER BY wait LIMIT 2 - (SELECT COUNT(*) FROM waits) % 2 OFFSET ((SELECT COUNT(*) FROM waits) - 1) / 2`,
        since.getTime(), until.getTime());
      if (rows.length === 0) return null;
      return rows.reduce((sum, row) => sum + Number(row.wait), 0) / rows.length;
    },
    async topInviters({ since, until }, limit) {
      return db.all<{ actor: string; count: number }>(
        `SELECT created_by AS actor, COUNT(*) AS count FROM invitations WHERE created_at >= ? AND created_at < ? AND ${SENT}
         GROUP BY created_by ORDER BY count DESC, actor LIMIT ?`, since.getTime(), until.getTime(), limit,
      ).map((row) => ({ actor: row.actor, count: Number(row.count) }));
    },
  };
}
