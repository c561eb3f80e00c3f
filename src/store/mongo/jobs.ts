import type { Job } from '../../domain/job.ts';
import type { JobStore } from '../port.ts';
import { casUpdate, casWrite } from './cas.ts';
import type { JobDoc, Models } from './models.ts';
import { listPage } from './paging.ts';
import { asJson } from './records.ts';
import { insertManySkippingDuplicates, isDuplicateKey } from './writes.ts';

/* The outbox. Every state change is a compare-and-swap (cas.ts), so a lease is exact on FerretDB too. */

const CLAIM_CANDIDATES = 10;
const CLAIM_ROUNDS = 5;

export const jobDoc = (job: Job): JobDoc => ({
  _id: job.id, kind: job.kind, payload: asJson(job.payload), subjectId: job.subjectId, runAt: job.runAt, attempts: job.attempts,
  state: job.state, lastError: job.lastError, leaseOwner: job.leaseOwner, leaseUntil: job.leaseUntil,
  createdAt: job.createdAt, updatedAt: job.updatedAt, revision: 0,
});

const toJob = (doc: JobDoc): Job => ({
  id: doc._id, kind: doc.kind, payload: doc.payload ?? {}, subjectId: doc.subjectId ?? null, runAt: doc.runAt, attempts: doc.attempts,
  state: doc.state, lastError: doc.lastError ?? null, leaseOwner: doc.leaseOwner ?? null, leaseUntil: doc.leaseUntil ?? null,
  createdAt: doc.createdAt, updatedAt: doc.updatedAt,
});

export function mongoJobs(models: Models): JobStore {
  const { jobs, markers } = models;

  const enqueue = async (job: Job) => {
    try {
      await jobs.create(jobDoc(job));
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  };

  /** A change allowed only to the worker that holds the lease. */
  const leased = async (id: string, owner: string, changes: Partial<JobDoc>) =>
    (await casUpdate(markers, jobs, id, (job) => (job.state === 'running' && job.leaseOwner === owner ? changes : null), 'The job')) !== null;

  return {
    enqueue,
    async enqueueMany(list) {
      return (await insertManySkippingDuplicates(jobs.collection, list.map(jobDoc))).inserted;
    },
    async get(id) {
      const doc = await jobs.findById(id).lean<JobDoc>();
      return doc ? toJob(doc) : null;
    },
    async claim(owner, now, leaseMs) {
      for (let round = 0; round < CLAIM_ROUNDS; round++) {
        const due = await jobs.find({ $or: [{ state: 'queued', runAt: { $lte: now } }, { state: 'running', leaseUntil: { $lte: now } }] })
          .sort({ runAt: 1, _id: 1 }).limit(CLAIM_CANDIDATES).lean<JobDoc[]>();
        if (due.length === 0) return null;
        // Unchanged since this read means still due; a worker that loses one job tries the next.
        for (const job of due) {
          const taken = await casWrite(markers, jobs, job, {
            state: 'running', leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs), attempts: job.attempts + 1, updatedAt: now,
          });
          if (taken) return toJob(taken);
        }
      }
      return null;
    },
    async complete(id, owner, now) {
      return leased(id, owner, { state: 'done', leaseOwner: null, leaseUntil: null, updatedAt: now });
    },
    async reschedule(id, owner, change) {
      return leased(id, owner, {
        state: 'queued', runAt: change.runAt, attempts: change.attempts, lastError: change.lastError, leaseOwner: null, leaseUntil: null, updatedAt: change.now,
      });
    },
    async deadLetter(id, owner, reason, now) {
      return leased(id, owner, { state: 'dead', lastError: reason, leaseOwner: null, leaseUntil: null, updatedAt: now });
    },
    async revive(id, now) {
      const revive: Partial<JobDoc> = { state: 'queued', attempts: 0, runAt: now, updatedAt: now };
      const revived = await casUpdate(markers, jobs, id, (job) => (job.state === 'dead' ? revive : null), 'The job');
      return revived !== null;
    },
    async list(filter, page) {
      const query: Record<string, unknown> = {};
      if (filter.kind) query.kind = filter.kind;
      if (filter.state) query.state = filter.state;
      if (filter.subjectId) query.subjectId = filter.subjectId;
      return listPage(jobs, query, page, toJob);
    },
    async countByState(filter) {
      const query: Record<string, unknown> = {};
      if (filter.subjectId) query.subjectId = filter.subjectId;
      if (filter.kind) query.kind = filter.kind;
      const states = ['queued', 'running', 'done', 'dead'] as const;
      const counts = await Promise.all(states.map((state) => jobs.countDocuments({ ...query, state })));
      return { queued: counts[0]!, running: counts[1]!, done: counts[2]!, dead: counts[3]! };
    },
  };
}
