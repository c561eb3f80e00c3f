import { BlockList, isIP } from 'node:net';

/* What counts as "this machine": the loopback addresses and the `localhost` names. */

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** A socket's address (`127.0.0.1`, `::1`, `::ffff:127.0.0.1`) on loopback. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  const family = isIP(plain);
  return family !== 0 && LOOPBACK.check(plain, family === 4 ? 'ipv4' : 'ipv6');
}

/** A URL whose host is this machine: `localhost` (or a name under it), 127.x.x.x or [::1]. */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  return isLoopbackAddress(host.replace(/^\[(.*)\]$/, '$1'));
}
