import type { Job } from '../../domain/job.ts';
import type { JobStore } from '../port.ts';
import { casUpdate, casWriteMany, takeMarkers, writeUnderMarkers } from './cas.ts';
import type { JobDoc, Models } from './models.ts';
import { listPage } from './paging.ts';
import { asJson } from './records.ts';
import { insertManySkippingDuplicates, isDuplicateKey } from './writes.ts';

/* The outbox. Every state change is a compare-and-swap (cas.ts), so a lease is exact on FerretDB too. */

/** Due jobs a claim reads beyond its limit, to try when other workers take some of the first. */
const CLAIM_SPARES = 10;
/** Reads of due jobs a claim makes while other workers take every one it read. */
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
  const leased = async (id: string, owner: string, changes: (job: JobDoc) => Partial<JobDoc>) =>
    (await casUpdate(markers, jobs, id, (job) => (job.state === 'running' && job.leaseOwner === owner ? changes(job) : null), 'The job')) !== null;

  /**
   * `leased` for many jobs in one read and one compare-and-swap of them all (a marker insert and
   * an update); a job whose marker another writer holds is decided again alone, on fresh state.
   */
  const leasedMany = async (ids: readonly string[], owner: string, set: Partial<JobDoc>, inc: { attempts?: number } = {}) => {
    if (ids.length === 0) return [];
    const held = (await jobs.find({ _id: { $in: [...ids] } }).lean<JobDoc[]>()).filter((job) => job.state === 'running' && job.leaseOwner === owner);
    const { written, lost } = await casWriteMany(markers, jobs, held, set, inc);
    const changed = new Set(written.map((job) => job._id));
    for (const job of lost) {
      if (await leased(job._id, owner, (current) => ({ ...set, ...(inc.attempts ? { attempts: current.attempts + inc.attempts } : {}) }))) changed.add(job._id);
    }
    return ids.filter((id) => changed.has(id));
  };

  const claimBatch = async (owner: string, now: Date, leaseMs: number, limit: number): Promise<Job[]> => {
    if (limit < 1) return [];
    const claimed: Partial<JobDoc> = { state: 'running', leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs), updatedAt: now };
    for (let round = 0; round < CLAIM_ROUNDS; round++) {
      const due = await jobs.find({ $or: [{ state: 'queued', runAt: { $lte: now } }, { state: 'running', leaseUntil: { $lte: now } }] })
        .sort({ runAt: 1, _id: 1 }).limit(limit + CLAIM_SPARES).lean<JobDoc[]>();
      if (due.length === 0) return [];
      // Unchanged since this read means still due: the earliest first, and for each one another
      // worker takes first, the next one read; a worker that loses every one reads again.
      const taken: JobDoc[] = [];
      for (let next = 0; taken.length < limit && next < due.length;) {
        const tries = due.slice(next, next + limit - taken.length);
        next += tries.length;
        taken.push(...(await takeMarkers(markers, jobs, tries)).taken);
      }
      const { written } = await writeUnderMarkers(markers, jobs, taken, claimed, { attempts: 1 });
      if (written.length > 0) return written.map(toJob).sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    }
    return [];
  };

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
      return (await claimBatch(owner, now, leaseMs, 1))[0] ?? null;
    },
    claimBatch,
    async complete(id, owner, now) {
      return leased(id, owner, () => ({ state: 'done', leaseOwner: null, leaseUntil: null, updatedAt: now }));
    },
    async completeMany(ids, owner, now) {
      return leasedMany(ids, owner, { state: 'done', leaseOwner: null, leaseUntil: null, updatedAt: now });
    },
    async releaseMany(ids, owner, now) {
      return leasedMany(ids, owner, { state: 'queued', leaseOwner: null, leaseUntil: null, updatedAt: now }, { attempts: -1 });
    },
    async reschedule(id, owner, change) {
      return leased(id, owner, () => ({
        state: 'queued', runAt: change.runAt, attempts: change.attempts, lastError: change.lastError, leaseOwner: null, leaseUntil: null, updatedAt: change.now,
      }));
    },
    async deadLetter(id, owner, reason, now) {
      return leased(id, owner, () => ({ state: 'dead', lastError: reason, leaseOwner: null, leaseUntil: null, updatedAt: now }));
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
