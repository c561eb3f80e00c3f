import assert from 'node:assert/strict';
import type { TrustProxy } from '../../../src/config.ts';
import { createSqliteStore } from '../../../src/store/sqlite/index.ts';
import { createApp } from '../../../web/app.ts';
import { silentLogger } from '../../support/mailTestbed.ts';
import { listen, needNetworkAddress } from '../../support/network.ts';
import { testServices } from '../../support/services.ts';
import { TEST_SITE } from '../../support/siteTestbed.ts';

/** The site with TRUST_PROXY as given, listening on every interface. */
async function siteTrusting(trustProxy: TrustProxy | undefined) {
  const store = createSqliteStore(':memory:');
  const { services } = testServices(store);
  const server = await listen(createApp({ store, services, logger: silentLogger, trustProxy, site: TEST_SITE }));
  let guess = 0;
  return {
    /** A wrong code from `from` (the caller's own address), saying it forwards for `forwardedFor`; the status. */
    wrongCode: async (from: string, forwardedFor?: string) => (await fetch(`http://${from}:${server.port}/redeem?code=0000-0000-0000-${String(guess++).padStart(4, '0')}`, {
      headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
    })).status,
    close: async () => {
      await server.close();
      await store.close();
    },
  };
}

async function tenRefusals(wrongCode: () => Promise<number>) {
  for (let i = 0; i < 10; i++) assert.equal(await wrongCode(), 404);
}

describe('redeem site: TRUST_PROXY and the code-check limit', () => {
  let networkAddress: string;
  before(function () { networkAddress = needNetworkAddress(this, 'TRUST_PROXY tests'); });

  it('gives each customer behind a trusted proxy on the network a bucket of their own', async () => {
    const site = await siteTrusting([networkAddress]);
    try {
      await tenRefusals(() => site.wrongCode(networkAddress, '203.0.113.1'));
      assert.equal(await site.wrongCode(networkAddress, '203.0.113.1'), 429);
      assert.equal(await site.wrongCode(networkAddress, '203.0.113.2'), 404, 'another customer is not blocked by the guesser');
      assert.equal(await site.wrongCode(networkAddress, '198.51.100.7, 203.0.113.1'), 429, 'a customer cannot name another address before the one the proxy saw');
    } finally {
      await site.close();
    }
  });

  it('lets the hop count name the proxy', async () => {
    const site = await siteTrusting(1);
    try {
      await tenRefusals(() => site.wrongCode(networkAddress, '203.0.113.1'));
      assert.equal(await site.wrongCode(networkAddress, '203.0.113.2'), 404);
      assert.equal(await site.wrongCode(networkAddress, '203.0.113.2, 203.0.113.1'), 429, 'only the last hop is believed');
    } finally {
      await site.close();
    }
  });

  it('does not let a caller that is not a trusted proxy choose its bucket with X-Forwarded-For', async () => {
    for (const [trustProxy, caller] of [[undefined, networkAddress], [['10.9.8.7'], '127.0.0.1'], [false, '127.0.0.1']] as const) {
      const site = await siteTrusting(trustProxy);
      try {
        let n = 0;
        await tenRefusals(() => site.wrongCode(caller, `203.0.113.${++n}`));
        assert.equal(await site.wrongCode(caller, '203.0.113.99'), 429, `TRUST_PROXY ${JSON.stringify(trustProxy ?? 'loopback')}, caller ${caller}`);
        assert.equal(await site.wrongCode(caller), 429);
      } finally {
        await site.close();
      }
    }
  });
});
