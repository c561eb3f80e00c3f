import type { SQLInputValue } from 'node:sqlite';
import type { Job } from '../../domain/job.ts';
import type { JobStore } from '../port.ts';
import type { Database } from './database.ts';
import { insertRows } from './manyRows.ts';
import { listPage, type Query } from './paging.ts';

type JobRow = {
  id: string; kind: string; payload: string; subject_id: string | null; run_at: number; attempts: number;
  state: Job['state']; last_error: string | null; lease_owner: string | null; lease_until: number | null;
  created_at: number; updated_at: number;
};

const toJob = (row: JobRow): Job => ({
  id: row.id, kind: row.kind, payload: JSON.parse(row.payload), subjectId: row.subject_id, runAt: new Date(row.run_at),
  attempts: row.attempts, state: row.state, lastError: row.last_error, leaseOwner: row.lease_owner,
  leaseUntil: row.lease_until === null ? null : new Date(row.lease_until), createdAt: new Date(row.created_at), updatedAt: new Date(row.updated_at),
});

/** Inserts unless the id is taken; true when inserted. Used inside other writes' transactions. */
export function insertJob(db: Database, job: Job): boolean {
  return insertJobs(db, [job]) > 0;
}

/** Inserts the jobs whose ids are not taken, in as few statements as SQLite allows; returns how many were inserted. Used inside other writes' transactions. */
export function insertJobs(db: Database, jobs: readonly Job[]): number {
  return insertRows(db, 'INSERT OR IGNORE INTO jobs (id, kind, payload, subject_id, run_at, attempts, state, last_error, lease_owner, lease_until, created_at, updated_at)', jobs.map(jobParameters));
}

function jobParameters(job: Job): SQLInputValue[] {
  return [
    job.id, job.kind, JSON.stringify(job.payload), job.subjectId, job.runAt.getTime(), job.attempts, job.state, job.lastError,
    job.leaseOwner, job.leaseUntil?.getTime() ?? null, job.createdAt.getTime(), job.updatedAt.getTime(),
  ];
}

export function sqliteJobs(db: Database): JobStore {
  const get = (id: string) => {
    const row = db.one<JobRow>('SELECT * FROM jobs WHERE id = ?', id);
    return row ? toJob(row) : null;
  };
  const leased = (sql: string, id: string, owner: string, ...params: SQLInputValue[]) =>
    db.run(`${sql} WHERE id = ? AND state = 'running' AND lease_owner = ?`, ...params, id, owner).changes > 0;

  /** One statement for any number of jobs (the ids as one JSON parameter): a write of the ones `owner` still holds; their ids, in the order given. */
  const leasedMany = async (sql: string, ids: readonly string[], owner: string, ...params: SQLInputValue[]) => {
    if (ids.length === 0) return [];
    const changed = new Set(db.all<{ id: string }>(
      `${sql} WHERE id IN (SELECT value FROM json_each(?)) AND state = 'running' AND lease_owner = ? RETURNING id`, ...params, JSON.stringify(ids), owner,
    ).map((row) => row.id));
    return ids.filter((id) => changed.has(id));
  };

  /**
   * One statement, so atomic without a transaction: a write statement takes the write lock before
   * it reads. Each side of the choice takes its first rows from its index; a UNION of the whole
   * sides would read every due job (all of a backlog) to sort them, on every claim.
   */
  const claimBatch = async (owner: string, now: Date, leaseMs: number, limit: number): Promise<Job[]> => {
    if (limit < 1) return [];
    const rows = db.all<JobRow>(
      `UPDATE jobs SET state = 'running', lease_owner = ?, lease_until = ?, attempts = attempts + 1, updated_at = ?
       WHERE id IN (SELECT id FROM (
         SELECT * FROM (SELECT id, run_at FROM jobs WHERE state = 'queued' AND run_at <= ? ORDER BY run_at LIMIT ?)
         UNION ALL
         SELECT * FROM (SELECT id, run_at FROM jobs WHERE state = 'running' AND lease_until <= ? ORDER BY lease_until LIMIT ?))
       ORDER BY run_at LIMIT ?)
       RETURNING *`,
      owner, now.getTime() + leaseMs, now.getTime(), now.getTime(), limit, now.getTime(), limit, limit,
    );
    return rows.map(toJob).sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  };

  return {
    async enqueue(job) {
      return insertJob(db, job);
    },
    async enqueueMany(jobs) {
      return db.transaction(() => insertJobs(db, jobs));
    },
    async get(id) {
      return get(id);
    },
    async claim(owner, now, leaseMs) {
      return (await claimBatch(owner, now, leaseMs, 1))[0] ?? null;
    },
    claimBatch,
    async complete(id, owner, now) {
      return leased(`UPDATE jobs SET state = 'done', lease_owner = NULL, lease_until = NULL, updated_at = ?`, id, owner, now.getTime());
    },
    async completeMany(ids, owner, now) {
      return leasedMany(`UPDATE jobs SET state = 'done', lease_owner = NULL, lease_until = NULL, updated_at = ?`, ids, owner, now.getTime());
    },
    async releaseMany(ids, owner, now) {
      return leasedMany(`UPDATE jobs SET state = 'queued', attempts = attempts - 1, lease_owner = NULL, lease_until = NULL, updated_at = ?`, ids, owner, now.getTime());
    },
    async reschedule(id, owner, change) {
      return leased(
        `UPDATE jobs SET state = 'queued', run_at = ?, attempts = ?, last_error = ?, lease_owner = NULL, lease_until = NULL, updated_at = ?`,
        id, owner, change.runAt.getTime(), change.attempts, change.lastError, change.now.getTime(),
      );
    },
    async deadLetter(id, owner, reason, now) {
      return leased(`UPDATE jobs SET state = 'dead', last_error = ?, lease_owner = NULL, lease_until = NULL, updated_at = ?`, id, owner, reason, now.getTime());
    },
    async revive(id, now) {
      return db.run(`UPDATE jobs SET state = 'queued', attempts = 0, run_at = ?, updated_at = ? WHERE id = ? AND state = 'dead'`,
        now.getTime(), now.getTime(), id).changes > 0;
    },
    async list(filter, page) {
      const query: Query = { select: 'SELECT * FROM jobs', where: [], params: [] };
      if (filter.kind) { query.where.push('kind = ?'); query.params.push(filter.kind); }
      if (filter.state) { query.where.push('state = ?'); query.params.push(filter.state); }
      if (filter.subjectId) { query.where.push('subject_id = ?'); query.params.push(filter.subjectId); }
      return listPage(db, query, page, toJob, (j) => j.createdAt);
    },
    async countByState(filter) {
      const where: string[] = [];
      const params: SQLInputValue[] = [];
      if (filter.subjectId) { where.push('subject_id = ?'); params.push(filter.subjectId); }
      if (filter.kind) { where.push('kind = ?'); params.push(filter.kind); }
      const rows = db.all<{ state: Job['state']; n: number }>(
        `SELECT state, COUNT(*) AS n FROM jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY state`, ...params);
      const counts = { queued: 0, running: 0, done: 0, dead: 0 };
      for (const row of rows) counts[row.state] = row.n;
      return counts;
    },
  };
}
