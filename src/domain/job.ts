/** A unit of work written to the store's outbox, run later by a worker (mail, workflow webhooks). */
export type Job = {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  runAt: Date;
  attempts: number;
  state: 'queued' | 'running' | 'done' | 'dead';
  createdAt: Date;
};
