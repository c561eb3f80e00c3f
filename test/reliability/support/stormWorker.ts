/**
 * A separate process that redeems one code for many contacts, `concurrency` at a time, for the
 * crash-injection tests (it is meant to be SIGKILLed half way). Input (JSON, the first line on
 * stdin: thousands of contact ids are too long for an argument):
 * { sqliteFile? | mongodbUri?, code, contactIds, concurrency, waitForGo? }.
 * With `waitForGo` it opens the store, prints `ready` and waits for a line `go` on stdin, so that
 * several workers can start at the same instant. It prints `started` on a line of its own as the
 * first redemptions go out, and, if it gets that far, `finished {"succeeded":n,"refused":{code:n}}`
 * before it exits.
 */
import { createInterface } from 'node:readline';
import { createCodeVault } from '../../../src/domain/codeVault.ts';
import { serviceContext } from '../../../src/services/context.ts';
import { createServices } from '../../../src/services/index.ts';
import type { Store } from '../../../src/store/port.ts';
import { createSqliteStore } from '../../../src/store/sqlite/index.ts';
import { TEST_CODE_SECRET } from '../../support/services.ts';

type StormInput = { sqliteFile?: string; mongodbUri?: string; code: string; contactIds: string[]; concurrency: number; waitForGo?: boolean };

const stdin = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const input = JSON.parse((await stdin.next()).value as string) as StormInput;
const store: Store = input.mongodbUri
  ? await (await import('../../../src/store/mongo/index.ts')).createMongoStore(input.mongodbUri)
  : createSqliteStore(input.sqliteFile!);
const services = createServices(serviceContext({ store, vault: createCodeVault(TEST_CODE_SECRET) }));

if (input.waitForGo) {
  process.stdout.write('ready\n');
  for (let line = await stdin.next(); line.value !== 'go'; line = await stdin.next()) {
    if (line.done) process.exit(2);
  }
}

const refused: Record<string, number> = {};
let succeeded = 0;
let next = 0;
async function lane(): Promise<void> {
  while (next < input.contactIds.length) {
    const contactId = input.contactIds[next++]!;
    try {
      await services.invitations.redeem({ code: input.code, contactId, ip: '198.51.100.7', userAgent: `storm ${process.pid}` });
      succeeded++;
    } catch (error) {
      const code = (error as { code?: string }).code ?? `crash: ${(error as Error).message}`;
      refused[code] = (refused[code] ?? 0) + 1;
    }
  }
}
const lanes = Array.from({ length: Math.max(1, input.concurrency) }, () => lane());
process.stdout.write('started\n');
await Promise.all(lanes);
await store.close();
process.stdout.write(`finished ${JSON.stringify({ succeeded, refused })}\n`);
