/**
 * bulk-invite, run in a process of its own against the store in its environment (DATA_DIR or
 * MONGODB_URI, CODE_SECRET): BULK_CONTACTS (10,000) contacts are added first (not timed); then, timed, a group
 * invitation for all of them is created and its fan-out job run until one mail job per contact is
 * queued. The baseline, in the same process and store: queueing as many bare jobs in one call,
 * the floor of writing that many queue records. Prints one JSON line.
 */
import { newJob } from '../../src/domain/job.ts';
import { addContacts, addGroupInvitation, openBenchRuntime } from '../support/seeding.ts';

const CONTACTS = Number(process.env.BULK_CONTACTS ?? 10_000);
const runtime = await openBenchRuntime(process.env as Record<string, string>);
const contactIds = await addContacts(runtime, CONTACTS, 'bulk');
const worker = runtime.createWorker();

const started = performance.now();
const { invitation } = await addGroupInvitation(runtime, contactIds, CONTACTS);
const createdMs = performance.now() - started;
let delivery = await runtime.services.jobs.mailDelivery('cli', invitation.id);
while (delivery.queued + delivery.running + delivery.done + delivery.dead < CONTACTS) {
  if ((await worker.drain(1)).length === 0) throw new Error(`the fan-out stopped with ${JSON.stringify(delivery)} mail jobs`);
  delivery = await runtime.services.jobs.mailDelivery('cli', invitation.id);
}
const totalMs = performance.now() - started;

const floorStarted = performance.now();
const now = new Date();
await runtime.store.jobs.enqueueMany(Array.from({ length: CONTACTS }, (_, i) =>
  newJob({ id: `bench-floor-${i}-${now.getTime()}`, kind: 'bench.floor', payload: { contactId: contactIds[i]! } }, now)));
const baselineMs = performance.now() - floorStarted;
await runtime.close();

process.stdout.write(`${JSON.stringify({ contacts: CONTACTS, createdMs: Math.round(createdMs), totalMs: Math.round(totalMs), baselineMs: Math.round(baselineMs), mailJobs: delivery })}\n`);
