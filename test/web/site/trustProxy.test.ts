import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { TrustProxy } from '../../../src/config.ts';
import { createSqliteStore } from '../../../src/store/sqlite/index.ts';
import { createApp } from '../../../web/app.ts';
import { silentLogger } from '../../support/mailTestbed.ts';
import { testServices } from '../../support/services.ts';

/** An address of this machine that is not loopback: a proxy in front of the service, on the network. */
const networkAddress = Object.values(networkInterfaces()).flat().find((address) => address && !address.internal && address.family === 'IPv4')?.address;

/** The site with TRUST_PROXY as given, listening on every interface. */
async function siteTrusting(trustProxy: TrustProxy | undefined) {
  const store = createSqliteStore(':memory:');
  const { services } = testServices(store);
  const app = createApp({
    store, services, logger: silentLogger, trustProxy,
    site: {
      organisationName: 'Contoso', publicBaseUrl: 'http://127.0.0.1', redirectAllowlist: [], openRegistration: false,
      sessionSecret: 'test-session-secret-test-session-secret', microsoft: null,
    },
  });
  const server: Server = await new Promise((resolve) => { const s = app.listen(0, () => resolve(s)); });
  const port = (server.address() as AddressInfo).port;
  let guess = 0;
  return {
    /** A wrong code from `from` (the caller's own address), saying it forwards for `forwardedFor`; the status. */
    wrongCode: async (from: string, forwardedFor?: string) => (await fetch(`http://${from}:${port}/redeem?code=0000-0000-0000-${String(guess++).padStart(4, '0')}`, {
      headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
    })).status,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await store.close();
    },
  };
}

async function tenRefusals(wrongCode: () => Promise<number>) {
  for (let i = 0; i < 10; i++) assert.equal(await wrongCode(), 404);
}

describe('redeem site: TRUST_PROXY and the code-check limit', () => {
  before(function () {
    if (!networkAddress) {
      process.stderr.write('\n!!! TRUST_PROXY tests SKIPPED: this machine has no IPv4 address besides loopback !!!\n\n');
      this.skip();
    }
  });

  it('gives each customer behind a trusted proxy on the network a bucket of their own', async () => {
    const site = await siteTrusting([networkAddress!]);
    try {
      await tenRefusals(() => site.wrongCode(networkAddress!, '203.0.113.1'));
      assert.equal(await site.wrongCode(networkAddress!, '203.0.113.1'), 429);
      assert.equal(await site.wrongCode(networkAddress!, '203.0.113.2'), 404, 'another customer is not blocked by the guesser');
      assert.equal(await site.wrongCode(networkAddress!, '198.51.100.7, 203.0.113.1'), 429, 'a customer cannot name another address before the one the proxy saw');
    } finally {
      await site.close();
    }
  });

  it('lets the hop count name the proxy', async () => {
    const site = await siteTrusting(1);
    try {
      await tenRefusals(() => site.wrongCode(networkAddress!, '203.0.113.1'));
      assert.equal(await site.wrongCode(networkAddress!, '203.0.113.2'), 404);
      assert.equal(await site.wrongCode(networkAddress!, '203.0.113.2, 203.0.113.1'), 429, 'only the last hop is believed');
    } finally {
      await site.close();
    }
  });

  it('does not let a caller that is not a trusted proxy choose its bucket with X-Forwarded-For', async () => {
    for (const [trustProxy, caller] of [[undefined, networkAddress!], [['10.9.8.7'], '127.0.0.1'], [false, '127.0.0.1']] as const) {
      const site = await siteTrusting(trustProxy as TrustProxy | undefined);
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
