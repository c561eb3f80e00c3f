import { InvitationStateError, NotFoundError } from '../domain/errors.ts';
import type { Job } from '../domain/job.ts';
import { JOB_KINDS } from '../domain/jobKinds.ts';
import type { Page } from '../store/port.ts';
import type { Actor, ServiceContext } from './context.ts';
import { assertMay } from './permissions.ts';
import { pageInput, parseInput, type PageInput } from './input.ts';
import { noProgress, type OnProgress } from './progress.ts';

const STATES = ['queued', 'running', 'done', 'dead'] as const;

/** The outbox for admins: see jobs (dead letters above all) and send dead ones round again. */
export function jobService(ctx: ServiceContext) {
  const { store } = ctx;
  const revive = async (actor: Actor, job: Job): Promise<boolean> => {
    if (!(await store.jobs.revive(job.id, ctx.clock()))) return false;
    await store.audit.append({ id: ctx.newId(), at: ctx.clock(), actor, action: 'job.retried', subjectId: job.id, detail: { kind: job.kind } });
    return true;
  };
  return {
    async list(actor: Actor, filter: { state?: string; kind?: string; subjectId?: string }, page: PageInput = {}): Promise<Page<Job>> {
      await assertMay(ctx, actor, 'admin', 'looking at the outbox');
      if (filter.state && !(STATES as readonly string[]).includes(filter.state)) {
        throw new InvitationStateError(`There is no job state "${filter.state}"; use ${STATES.join(', ')}.`);
      }
      return store.jobs.list({ ...filter, state: filter.state as Job['state'] | undefined }, parseInput(pageInput, page));
    },
    async retry(actor: Actor, id: string): Promise<Job> {
      await assertMay(ctx, actor, 'admin', 'retrying jobs');
      const job = await store.jobs.get(id.trim());
      if (!job) throw new NotFoundError('Job', id);
      if (!(await revive(actor, job))) throw new InvitationStateError(`Job ${job.id} is ${job.state}; only dead jobs can be retried.`);
      return (await store.jobs.get(job.id))!;
    },
    /**
     * Queues every dead letter again (attempts reset), each audited as one `retry`; returns how many.
     * A job that left the dead letters meanwhile (another admin retried it) is not counted.
     */
    async retryAllDead(actor: Actor, options: { onProgress?: OnProgress } = {}): Promise<{ retried: number }> {
      await assertMay(ctx, actor, 'admin', 'retrying jobs');
      const onProgress = options.onProgress ?? noProgress;
      const total = (await store.jobs.countByState({})).dead;
      let seen = 0;
      let retried = 0;
      for (let after: string | null = null; ;) {
        const page: Page<Job> = await store.jobs.list({ state: 'dead' }, { after, limit: 100 });
        for (const job of page.items) {
          if (await revive(actor, job)) retried++;
          onProgress({ step: 'retrying', done: ++seen, total: Math.max(total, seen) });
        }
        if (!(after = page.next)) break;
      }
      return { retried };
    },
    /**
     * How the mail of one invitation is doing: how many mails are queued, running, sent, dead, and
     * how many sendings are still being split into mails (`preparing`) or failed before (`unprepared`).
     */
    async mailDelivery(actor: Actor, invitationId: string) {
      await assertMay(ctx, actor, 'viewer', 'looking at invitations');
      const mails = await store.jobs.countByState({ subjectId: invitationId, kind: JOB_KINDS.invitationMail });
      const sendings = await store.jobs.countByState({ subjectId: invitationId, kind: JOB_KINDS.invitationSend });
      return { ...mails, preparing: sendings.queued + sendings.running, unprepared: sendings.dead };
    },
  };
}
