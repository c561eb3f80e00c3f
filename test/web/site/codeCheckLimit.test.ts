import assert from 'node:assert/strict';
import { createMongoStore } from '../../../src/store/mongo/index.ts';
import type { Store } from '../../../src/store/port.ts';
import { createSqliteStore } from '../../../src/store/sqlite/index.ts';
import { createApp } from '../../../web/app.ts';
import { silentLogger } from '../../support/mailTestbed.ts';
import { dropDatabase, startMongoServer, type MongoServer } from '../../../testkit/mongoServer.ts';
import { listen } from '../../support/network.ts';
import { countingSqliteStore } from '../../../testkit/storeWork.ts';
import { seedDirectory, testServices } from '../../support/services.ts';
import { TEST_SITE } from '../../support/siteTestbed.ts';

const LIMIT = 10;

/** The site over `store` on a port of its own, with code checks slowed as a busy store would. */
async function siteOn(store: Store, checkDelayMs: number) {
  const { services } = testServices(store);
  const seed = await seedDirectory(services, 1);
  const summary = services.customers.invitationSummary.bind(services.customers);
  services.customers.invitationSummary = async (...args) => { await new Promise((resolve) => setTimeout(resolve, checkDelayMs)); return summary(...args); };
  const server = await listen(createApp({ store, services, logger: silentLogger, site: TEST_SITE }), '127.0.0.1');
  return { services, seed, url: `http://127.0.0.1:${server.port}`, close: server.close };
}

/** `count` wrong codes from one address, all at once; the statuses that came back, counted. */
async function burst(url: string, count: number): Promise<Record<number, number>> {
  const statuses = await Promise.all(Array.from({ length: count }, async (_, i) =>
    (await fetch(`${url}/redeem?code=0000-0000-0000-${String(i).padStart(4, '0')}`)).status));
  const counted: Record<number, number> = {};
  for (const status of statuses) counted[status] = (counted[status] ?? 0) + 1;
  return counted;
}

function limitHeld(counted: Record<number, number>, count: number) {
  const answered = count - (counted[429] ?? 0);
  assert.ok(answered <= LIMIT, `${answered} of ${count} wrong codes were checked (limit ${LIMIT}): ${JSON.stringify(counted)}`);
  assert.equal(counted[404] ?? 0, answered, JSON.stringify(counted));
}

describe('redeem site: the code-check limit under a concurrent burst', function () {
  this.timeout(120_000);

  it('checks at most the limit of a burst of wrong codes from one address (SQLite)', async () => {
    const store = createSqliteStore(':memory:');
    const site = await siteOn(store, 30);
    try {
      limitHeld(await burst(site.url, 60), 60);
      assert.deepEqual(await burst(site.url, 5), { 429: 5 }, 'and the address stays blocked');
    } finally {
      await site.close();
      await store.close();
    }
  });

  it('answers an address that has used up its refusals without asking the store again', async () => {
    const counting = countingSqliteStore(':memory:');
    const site = await siteOn(counting.store, 0);
    try {
      limitHeld(await burst(site.url, LIMIT + 1), LIMIT + 1);
      const work = await counting.count(async () => assert.deepEqual(await burst(site.url, 5), { 429: 5 }));
      assert.equal(work.statements, 0, 'a used-up address is refused from what this process already knows');
    } finally {
      await site.close();
      await counting.store.close();
    }
  });

  it('gives back the places of visitors who leave while waiting their turn (they would hold them for good)', async () => {
    const store = createSqliteStore(':memory:');
    const site = await siteOn(store, 300);
    try {
      const { code } = await site.services.invitations.create('cli', { type: 'group', maxRedemptions: 50, invitedContactIds: [site.seed.contacts[0]!.id] });
      const leaving = Array.from({ length: 60 }, () => fetch(`${site.url}/redeem?code=${code}`, { signal: AbortSignal.timeout(100) }).catch(() => 'left'));
      assert.ok((await Promise.all(leaving)).every((outcome) => outcome === 'left'));
      // Every attempt that got in finishes its (slowed) check; none is refused, so every place comes back.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      const used = await store.ephemeral.get('rate:code', '127.0.0.1', new Date());
      assert.equal(Number(used?.count ?? 0), 0, 'no place is held by a visitor who left');
      const after = await fetch(`${site.url}/redeem?code=${code}`, { signal: AbortSignal.timeout(5000) });
      assert.equal(after.status, 200, 'the next visitor is served');
    } finally {
      await site.close();
      await store.close();
    }
  });

  it('does not take accepted checks in flight with one refusal kept for a used-up address (one process)', async () => {
    const store = createSqliteStore(':memory:');
    const site = await siteOn(store, 300);
    try {
      const { code } = await site.services.invitations.create('cli', { type: 'group', maxRedemptions: 50, invitedContactIds: [site.seed.contacts[0]!.id] });
      assert.deepEqual(await burst(site.url, 1), { 404: 1 }, 'one typo: one refusal kept');
      // Colleagues at one office address check the right code at once: with the typo's place, the limit's places are all taken for a moment.
      await Promise.all(Array.from({ length: LIMIT }, () => fetch(`${site.url}/redeem?code=${code}`)));
      const after = await fetch(`${site.url}/redeem?code=${code}`);
      assert.equal(after.status, 200, 'one refusal kept of ten: the address is not used up for the rest of its window');
    } finally {
      await site.close();
      await store.close();
    }
  });

  it('does not take another process\'s accepted checks in flight for a used-up address', async () => {
    const store = createSqliteStore(':memory:');
    const busy = await siteOn(store, 300);
    // A second process over the same store: its own services and limiter, the directory already seeded.
    const other = await listen(createApp({ store, services: testServices(store).services, logger: silentLogger, site: TEST_SITE }), '127.0.0.1');
    const otherUrl = `http://127.0.0.1:${other.port}`;
    try {
      const { code } = await busy.services.invitations.create('cli', { type: 'group', maxRedemptions: 50, invitedContactIds: [busy.seed.contacts[0]!.id] });
      const inFlight = Promise.all(Array.from({ length: LIMIT }, () => fetch(`${busy.url}/redeem?code=${code}`)));
      await new Promise((resolve) => setTimeout(resolve, 100));
      // At this very moment the other process's places are all taken: this one check may be refused (the documented collision).
      await fetch(`${otherUrl}/redeem?code=${code}`);
      await inFlight;
      const after = await fetch(`${otherUrl}/redeem?code=${code}`);
      assert.equal(after.status, 200, 'no refusal was kept: the address is served once the other process\'s checks are done');
    } finally {
      await busy.close();
      await other.close();
      await store.close();
    }
  });

  describe('on FerretDB (the MongoDB store)', () => {
    let server: MongoServer | null = null;
    before(async function () {
      this.timeout(60_000);
      server = await startMongoServer();
      if (!server) this.skip();
    });
    after(async () => { await server?.stop(); });

    /** The site over a fresh database of the server, for one test. */
    async function withSite(test: (site: Awaited<ReturnType<typeof siteOn>>) => Promise<void>) {
      const store = await createMongoStore(server!.uri);
      const site = await siteOn(store, 30);
      try {
        await test(site);
      } finally {
        await site.close();
        await store.close();
        await dropDatabase(server!.uri);
      }
    }

    it('checks at most the limit of a burst of wrong codes from one address', () => withSite(async (site) => {
      limitHeld(await burst(site.url, 60), 60);
      assert.deepEqual(await burst(site.url, 5), { 429: 5 });
    }));

    it('never refuses accepted code checks from one address arriving at once', () => withSite(async (site) => {
      const { code } = await site.services.invitations.create('cli', { type: 'group', maxRedemptions: 50, invitedContactIds: [site.seed.contacts[0]!.id] });
      const statuses = await Promise.all(Array.from({ length: 25 }, async () => (await fetch(`${site.url}/redeem?code=${code}`)).status));
      assert.deepEqual(statuses, Array(25).fill(200));
    }));
  });
});
