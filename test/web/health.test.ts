import assert from 'node:assert/strict';
import request from 'supertest';
import { createApp } from '../../web/app.ts';
import { createLogger } from '../../src/logger.ts';
import { createSqliteStore } from '../../src/store/sqlite/index.ts';
import { testServices } from '../support/services.ts';

describe('health endpoints', () => {
  it('answers /healthz, and /readyz while the store answers, 503 once it does not', async () => {
    const store = createSqliteStore(':memory:');
    const { services } = testServices(store);
    const app = createApp({ store, services, logger: createLogger({ logLevel: 'silent' }) });
    await request(app).get('/healthz').expect(200, { status: 'ok' });
    await request(app).get('/readyz').expect(200, { status: 'ready', store: 'sqlite' });
    await store.close();
    const down = await request(app).get('/readyz').expect(503);
    assert.equal(down.body.status, 'unavailable');
    await request(app).get('/nowhere').expect(404);
  });
});
