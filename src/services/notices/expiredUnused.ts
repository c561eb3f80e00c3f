import { utcMinute } from '../../domain/dateText.ts';
import { isExpired, redemptionCount, type Invitation } from '../../domain/invitation.ts';
import type { Job } from '../../domain/job.ts';
import type { Logger } from '../../logger.ts';
import type { Store } from '../../store/port.ts';
import { inviterOf, noticeJob } from './noticeJob.ts';

/** How far back a sweep looks: invitations that expired earlier (say, while the service was down that long) are let be. */
export const EXPIRED_NOTICE_LOOKBACK_MS = 7 * 86_400_000;
export const EXPIRY_SWEEP_INTERVAL_MS = 10 * 60_000;

/**
 * The notice for an invitation that expired without a single redemption, or null when there is
 * nothing to tell (redeemed at least once, not expired, revoked, or no staff inviter). One id per
 * invitation and expiry: queued by any number of sweeps it tells the inviter once, and again only
 * if the invitation is extended and then expires unused once more.
 */
export function expiredUnusedNotice(invitation: Invitation, now: Date): Job | null {
  const { expiresAt } = invitation;
  if (!expiresAt || !isExpired(invitation, now) || invitation.lifecycle !== 'sent' || redemptionCount(invitation) > 0) return null;
  const to = inviterOf(invitation);
  if (!to) return null;
  return noticeJob(`notice:expired:${invitation.id}:${expiresAt.getTime()}`, {
    to,
    title: 'Invitation expired unused',
    text: `"${invitation.name}" expired on ${utcMinute(expiresAt)} without being redeemed. To give it more time: extend ${invitation.id} <when>.`,
    color: 'Warning',
    message: { key: 'expiredUnused', values: { name: invitation.name, expired: utcMinute(expiresAt), id: invitation.id } },
  }, invitation.id, now);
}

/** The notices for invitations sent that expired unused since `since` (by default, the look-back before `now`). */
export async function expiredUnusedNotices(store: Pick<Store, 'invitations'>, now: Date, since = new Date(now.getTime() - EXPIRED_NOTICE_LOOKBACK_MS)): Promise<Job[]> {
  const notices: Job[] = [];
  let after: string | null = null;
  do {
    const page = await store.invitations.list({ status: { lifecycles: ['sent'], remaining: 'some', expiry: 'past', now } }, { limit: 200, after });
    for (const invitation of page.items) {
      const notice = invitation.expiresAt && invitation.expiresAt.getTime() > since.getTime() ? expiredUnusedNotice(invitation, now) : null;
      if (notice) notices.push(notice);
    }
    after = page.next;
  } while (after);
  return notices;
}

/** Queues the notices due now; returns how many were new. Safe to run from every process at once. */
export async function queueExpiredUnusedNotices(store: Pick<Store, 'invitations' | 'jobs'>, now: Date): Promise<number> {
  return store.jobs.enqueueMany(await expiredUnusedNotices(store, now));
}

/**
 * Runs the sweep now and every `intervalMs` until stopped. Every process that runs jobs may run
 * one: the notices' ids keep each to one notice. A failed sweep is logged and tried at the next tick.
 * `queue` (by default the expired-unused notices) and `what` let the same sweep queue other jobs
 * (the `invitation.expired` webhook events).
 */
export function startExpirySweep(options: {
  store: Pick<Store, 'invitations' | 'jobs'>; clock: () => Date; logger: Logger; intervalMs?: number;
  queue?: (store: Pick<Store, 'invitations' | 'jobs'>, now: Date) => Promise<number>; what?: string;
}) {
  const { store, clock, logger } = options;
  const queue = options.queue ?? queueExpiredUnusedNotices;
  const what = options.what ?? 'expired-unused notices';
  let running: Promise<void> | null = null;
  const sweep = () => {
    running ??= queue(store, clock())
      .then((queued) => { if (queued) logger.info({ queued }, `${what} queued`); })
      .catch((error: unknown) => logger.error({ err: error }, `the sweep for ${what} failed; will try again`))
      .finally(() => { running = null; });
  };
  const timer = setInterval(sweep, options.intervalMs ?? EXPIRY_SWEEP_INTERVAL_MS);
  timer.unref();
  sweep();
  return {
    /** Stops the timer and waits for a sweep in progress. */
    async stop(): Promise<void> {
      clearInterval(timer);
      await running;
    },
  };
}
