import type { TurnContext } from 'botbuilder';
import type { InvitationStats } from '../../src/domain/stats.ts';
import { cardActivity } from '../cards/render.ts';
import type { BotDependencies } from '../dependencies.ts';
import type { BotLocale } from '../i18n/locale.ts';
import { translator } from '../i18n/translate.ts';
import type { StaffActor } from '../staffGate.ts';
import { replyError } from './replies.ts';

const HOUR_MS = 3_600_000;

/** A wait in words: minutes under an hour, hours under two days, else days (one decimal). */
export function waitText(ms: number | null, locale: BotLocale): string {
  const t = translator(locale);
  if (ms === null) return t('stats.noRedemptions');
  const number = (value: number) => value.toLocaleString(locale === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 1 });
  if (ms < HOUR_MS) return t('stats.minutes', { count: number(ms / 60_000) });
  if (ms < 48 * HOUR_MS) return t('stats.hours', { count: number(ms / HOUR_MS) });
  return t('stats.days', { count: number(ms / (24 * HOUR_MS)) });
}

/** The data the stats card is bound with: totals, the weeks (charts and their fallback tables), the top inviters. */
export function statsCardData(stats: InvitationStats, locale: BotLocale = 'en') {
  const t = translator(locale);
  const total = (field: 'sent' | 'redeemed' | 'expired' | 'revoked') => stats.weeks.reduce((sum, week) => sum + week[field], 0);
  const lastDay = new Date(stats.until.getTime() - 24 * HOUR_MS);
  return {
    summary: t('stats.summary', { weeks: stats.weeks.length }),
    from: stats.since.toISOString().slice(0, 10),
    to: lastDay.toISOString().slice(0, 10),
    weekCount: stats.weeks.length,
    sentTotal: total('sent'),
    redeemedTotal: total('redeemed'),
    expiredTotal: total('expired'),
    revokedTotal: total('revoked'),
    rate: stats.redemptionRate === null ? t('stats.noneSent')
      : t('stats.rate', { percent: Math.round(stats.redemptionRate * 100), redeemed: stats.redeemedOfSent, sent: stats.sentInRange }),
    median: waitText(stats.medianTimeToRedeemMs, locale),
    redeemedOfSent: stats.redeemedOfSent,
    notRedeemedOfSent: stats.sentInRange - stats.redeemedOfSent,
    weeks: stats.weeks.map((week) => ({ label: week.start.toISOString().slice(0, 10), sent: week.sent, redeemed: week.redeemed, expired: week.expired, revoked: week.revoked })),
    inviters: stats.topInviters.map((inviter) => ({ name: inviter.name, count: inviter.count })),
  };
}

/** `stats [weeks]` for staff (viewers and up): the invitations of the last weeks as charts, with tables for clients without charts. */
export function statsHandler(deps: BotDependencies) {
  return async (context: TurnContext, actor: StaffActor): Promise<void> => {
    const typed = Number((context.activity.text ?? '').trim().replace(/^stats\s*/i, '').trim() || 8);
    try {
      const stats = await deps.services.stats.invitations(actor.id, { weeks: Number.isInteger(typed) ? typed : Number.NaN });
      await context.sendActivity(cardActivity('stats', statsCardData(stats, actor.locale), actor.locale));
    } catch (error) {
      await replyError(context, error);
    }
  };
}
