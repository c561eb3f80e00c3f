import type { RequestListener } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';

/** An IPv4 address of this machine that is not loopback: where a caller or a proxy on the network comes from. */
export const networkAddress = Object.values(networkInterfaces()).flat().find((address) => address && !address.internal && address.family === 'IPv4')?.address;

/** The network address, or a loud skip of the test on a machine that has none. */
export function needNetworkAddress(test: Mocha.Context, what: string): string {
  if (!networkAddress) {
    process.stderr.write(`\n!!! ${what} SKIPPED: this machine has no IPv4 address besides loopback !!!\n\n`);
    test.skip();
  }
  return networkAddress;
}

/** Serves `app` on a free port (on every interface unless `host` is given); `close` ends open connections too. */
export async function listen(app: RequestListener, host?: string): Promise<{ port: number; close(): Promise<void> }> {
  const server = createServer(app);
  await new Promise<void>((resolve) => (host ? server.listen(0, host, resolve) : server.listen(0, resolve)));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
