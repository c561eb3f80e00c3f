import assert from 'node:assert/strict';
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { AuditEvent } from '../../src/domain/audit.ts';
import { useApi } from './support.ts';

const EVENTS = 10_000;
/** Each event carries about 4 KB of detail: 10,000 of them are about 40 MB of export. */
const PADDING = 'x'.repeat(4_000);

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const heapAfterGc = () => { collectGarbage(); return process.memoryUsage().heapUsed; };

describe('API: audit export of 10,000 events over HTTP', function () {
  this.timeout(120_000);
  const api = useApi();
  beforeEach(async () => {
    const start = Date.parse('2026-01-01T00:00:00Z');
    const events: AuditEvent[] = [];
    for (let i = 0; i < EVENTS; i++) {
      events.push({ id: `event-${String(i).padStart(5, '0')}`, at: new Date(start + i * 1000), actor: 'cli', action: 'contact.added', subjectId: `contact-${i}`, detail: { padding: PADDING, i } });
      if (events.length === 1000) await api.store.audit.appendMany(events.splice(0));
    }
  });

  for (const format of ['csv', 'jsonl']) {
    it(`streams as ${format}: events are read as the client reads, and the heap stays flat`, async () => {
      const stream = api.store.audit.stream.bind(api.store.audit);
      let read = 0;
      api.store.audit.stream = async function* (filter, batchSize) {
        for await (const event of stream(filter, batchSize)) { read++; yield event; }
      };
      const key = await api.keyFor(['Admin']);
      const server = api.app.listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      try {
        const baseline = heapAfterGc();
        const { port } = server.address() as AddressInfo;
        const response = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
          get({ host: '127.0.0.1', port, path: `/api/v1/audit-events/export?format=${format}&until=2026-02-01T00:00:00Z`, headers: { 'X-API-Key': key } }, resolve).on('error', reject);
        });
        assert.equal(response.statusCode, 200);
        let lines = 0;
        let bytes = 0;
        let mostAhead = 0;
        let peakGrowth = 0;
        let rest = '';
        for await (const chunk of response) {
          const text = rest + (chunk as Buffer).toString('utf8');
          const parts = text.split('\n');
          rest = parts.pop()!;
          lines += parts.length;
          bytes += (chunk as Buffer).length;
          mostAhead = Math.max(mostAhead, read - lines);
          if (Math.floor(lines / 1000) !== Math.floor((lines - parts.length) / 1000)) peakGrowth = Math.max(peakGrowth, heapAfterGc() - baseline);
        }
        assert.equal(rest, '');
        assert.equal(lines, EVENTS + (format === 'csv' ? 1 : 0));
        assert.ok(bytes > 40_000_000, `the export is about 40 MB (${bytes} bytes)`);
        // Socket buffers hold some lines in flight; an export held whole would be all 10,000 ahead.
        assert.ok(mostAhead < EVENTS / 4, `the server read at most ${mostAhead} events ahead of the client`);
        assert.ok(peakGrowth < bytes / 8, `the heap grew by ${peakGrowth} bytes during a ${bytes}-byte export`);
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });
  }
});
