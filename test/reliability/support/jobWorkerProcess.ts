/**
 * A separate process that runs the job worker on a shared store until every job of one kind is
 * done, for tests of the batch claim across processes. Input (JSON in argv[2]):
 * { sqliteFile? | mongodbUri?, kind, total, concurrency, batchSize, startAt }. It waits until
 * `startAt` (epoch ms) so that all processes start together, runs, and prints
 * { ran: [the job ids whose handler it ran] } as JSON.
 */
import { createWorker } from '../../../src/jobs/worker.ts';
import type { Store } from '../../../src/store/port.ts';
import { createSqliteStore } from '../../../src/store/sqlite/index.ts';
import { silentLogger } from '../../support/mailTestbed.ts';

type Input = { sqliteFile?: string; mongodbUri?: string; kind: string; total: number; concurrency: number; batchSize: number; startAt: number };

const input = JSON.parse(process.argv[2]!) as Input;
const store: Store = input.mongodbUri
  ? await (await import('../../../src/store/mongo/index.ts')).createMongoStore(input.mongodbUri)
  : createSqliteStore(input.sqliteFile!);
const ran: string[] = [];
const worker = createWorker({
  store, logger: silentLogger, concurrency: input.concurrency, batchSize: input.batchSize, maxAttempts: 3, pollMs: 20, leaseMs: 600_000,
  handlers: { [input.kind]: async (job) => { ran.push(job.id); await new Promise((resolve) => setImmediate(resolve)); } },
});

await new Promise((resolve) => setTimeout(resolve, Math.max(0, input.startAt - Date.now())));
worker.start();
const deadline = Date.now() + 90_000;
while ((await store.jobs.countByState({ kind: input.kind })).done < input.total && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
await worker.stop();
await store.close();
process.stdout.write(JSON.stringify({ ran }));
