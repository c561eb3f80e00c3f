import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

const WORKER = `
  const { parentPort, workerData } = require('node:worker_threads');
  setTimeout(() => process.kill(workerData.pid, 'SIGKILL'), workerData.ms);
  parentPort.postMessage('armed');
`;

/**
 * Ends the process `ms` from now, even when its main thread is stuck by then (a write to a pipe
 * that never returns, a loop that never yields), where a timer of the main thread would never
 * fire. A worker thread keeps its own event loop and, at the deadline, kills the process with
 * SIGKILL. Resolves once the deadline is armed (a worker needs the main thread to start), with a
 * function that calls it off.
 */
export async function exitDeadline(ms: number): Promise<() => void> {
  const worker = new Worker(WORKER, { eval: true, execArgv: [], workerData: { pid: process.pid, ms } });
  await once(worker, 'message');
  worker.unref();
  return () => { void worker.terminate(); };
}
