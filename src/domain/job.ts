/**
 * A unit of work in the store's outbox (mail, workflow webhooks, notices), run by a worker that
 * holds a lease on it. `attempts` counts claims, so a job that crashes its worker still runs out.
 */
export type Job = {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  /** The record the job is about (an invitation id), for "how is the mail for X doing?". */
  subjectId: string | null;
  runAt: Date;
  attempts: number;
  state: 'queued' | 'running' | 'done' | 'dead';
  lastError: string | null;
  leaseOwner: string | null;
  leaseUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

export function newJob(fields: Pick<Job, 'id' | 'kind' | 'payload'> & { subjectId?: string | null; runAt?: Date }, now: Date): Job {
  return {
    subjectId: null, attempts: 0, state: 'queued', lastError: null, leaseOwner: null, leaseUntil: null,
    createdAt: now, updatedAt: now, runAt: now, ...fields,
  };
}
