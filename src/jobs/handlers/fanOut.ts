import type { Job } from '../../domain/job.ts';
import type { HandlerDeps } from './deps.ts';

/** Invited contacts read, and jobs queued, per store call. */
const BATCH = 2_500;

/**
 * Queues one job per invited contact of the invitation (`jobFor`), a page at a time, so that a
 * group of any size is fanned out without holding all its contacts in memory. Returns how many
 * jobs were new (the ids make a re-run add nothing).
 */
export async function fanOutToInvitedContacts(deps: Pick<HandlerDeps, 'store' | 'clock'>, invitationId: string, jobFor: (contactId: string, now: Date) => Job): Promise<number> {
  let after: string | null = null;
  let queued = 0;
  do {
    const page = await deps.store.invitations.invitedContactIds(invitationId, { limit: BATCH, after });
    const now = deps.clock();
    queued += await deps.store.jobs.enqueueMany(page.items.map((contactId) => jobFor(contactId, now)));
    after = page.next;
  } while (after);
  return queued;
}
