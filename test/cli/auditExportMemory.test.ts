import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { runCli } from '../../src/cli/program.ts';
import type { AuditEvent } from '../../src/domain/audit.ts';
import { createSqliteStore } from '../../src/store/sqlite/index.ts';
import type { Store } from '../../src/store/port.ts';
import { testServices } from '../support/services.ts';

const EVENTS = 10_000;
/** Each event carries about 4 KB of detail: 10,000 of them are about 40 MB of export. */
const PADDING = 'x'.repeat(4_000);

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const heapAfterGc = () => { collectGarbage(); return process.memoryUsage().heapUsed; };

describe('audit export of 10,000 events', function () {
  this.timeout(120_000);
  let store: Store;
  beforeEach(async () => {
    store = createSqliteStore(':memory:');
    const start = Date.parse('2026-01-01T00:00:00Z');
    const events: AuditEvent[] = [];
    for (let i = 0; i < EVENTS; i++) {
      events.push({ id: `event-${String(i).padStart(5, '0')}`, at: new Date(start + i * 1000), actor: 'cli', action: 'contact.added', subjectId: `contact-${i}`, detail: { padding: PADDING, i } });
      if (events.length === 1000) await store.audit.appendMany(events.splice(0));
    }
  });
  afterEach(() => store.close());

  for (const format of ['csv', 'jsonl']) {
    it(`streams as ${format}: rows go out as they are read and the heap stays flat`, async () => {
      // Count the events the store has handed out and the lines written: their difference is what the export holds.
      const stream = store.audit.stream.bind(store.audit);
      let read = 0;
      store.audit.stream = async function* (filter, batchSize) {
        for await (const event of stream(filter, batchSize)) { read++; yield event; }
      };
      const { services } = testServices(store);
      const baseline = heapAfterGc();
      let written = 0;
      let bytes = 0;
      let mostHeld = 0;
      let peakGrowth = 0;
      const output = {
        out: () => assert.fail('an export writes through the stream'),
        err: (text: string) => assert.fail(text),
        async stream(line: string) {
          written++;
          bytes += line.length;
          mostHeld = Math.max(mostHeld, read - (written - (format === 'csv' ? 1 : 0)));
          if (written % 1000 === 0) peakGrowth = Math.max(peakGrowth, heapAfterGc() - baseline);
        },
      };
      const exitCode = await runCli(services, output, ['audit', 'export', '--format', format]);
      assert.equal(exitCode, 0);
      assert.equal(written, EVENTS + (format === 'csv' ? 1 : 0));
      assert.ok(bytes > 40_000_000, `the export is about 40 MB (${bytes} bytes)`);
      assert.ok(mostHeld <= 1, `each event is written before the next is read (at most ${mostHeld} held)`);
      assert.ok(peakGrowth < bytes / 8, `the heap grew by ${peakGrowth} bytes during a ${bytes}-byte export`);
    });
  }
});
