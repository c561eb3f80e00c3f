/**
 * A separate process that redeems one code for many contacts at once, for tests of exactness
 * across processes. Input (JSON in argv[2]): { sqliteFile? | mongodbUri?, code, contactIds, startAt }.
 * It waits until `startAt` (epoch ms) so all workers fire together, then prints
 * { succeeded, refused: { [errorCode]: count } } as JSON on stdout.
 */
import { createCodeVault } from '../../src/domain/codeVault.ts';
import { serviceContext } from '../../src/services/context.ts';
import { createServices } from '../../src/services/index.ts';
import type { Store } from '../../src/store/port.ts';
import { createSqliteStore } from '../../src/store/sqlite/index.ts';
import { TEST_CODE_SECRET } from './services.ts';

type WorkerInput = { sqliteFile?: string; mongodbUri?: string; code: string; contactIds: string[]; startAt: number };

const input = JSON.parse(process.argv[2]!) as WorkerInput;
const store: Store = input.mongodbUri
  ? await (await import('../../src/store/mongo/index.ts')).createMongoStore(input.mongodbUri)
  : createSqliteStore(input.sqliteFile!);
const services = createServices(serviceContext({ store, vault: createCodeVault(TEST_CODE_SECRET) }));

await new Promise((resolve) => setTimeout(resolve, Math.max(0, input.startAt - Date.now())));
const results = await Promise.allSettled(input.contactIds.map((contactId) =>
  services.invitations.redeem({ code: input.code, contactId, ip: '198.51.100.7', userAgent: `worker ${process.pid}` })));

const refused: Record<string, number> = {};
let succeeded = 0;
for (const result of results) {
  if (result.status === 'fulfilled') succeeded++;
  else {
    const code = (result.reason as { code?: string }).code ?? `crash: ${(result.reason as Error).message}`;
    refused[code] = (refused[code] ?? 0) + 1;
  }
}
await store.close();
process.stdout.write(JSON.stringify({ succeeded, refused }));
