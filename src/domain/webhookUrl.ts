/**
 * Where a webhook (a subscription, a redemption workflow) may point. Deliveries are made by the
 * server, so a URL must not reach into its own network: https only, no credentials in the URL,
 * and no loopback, private or link-local host unless local URLs are allowed (tests, a workflow on
 * this machine; plain http is then allowed for loopback when `allowHttpLoopback`). Returns what is
 * wrong, or null. Hosts are checked as typed: a public name that resolves to a private address is
 * not caught here.
 */
export function webhookUrlProblem(value: string, options: { allowLocal: boolean; allowHttpLoopback?: boolean }): string | null {
  if (!URL.canParse(value)) return 'must be a URL';
  const url = new URL(value);
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const httpAllowed = url.protocol === 'http:' && options.allowHttpLoopback === true && isLoopback(host);
  if (url.protocol !== 'https:' && !httpAllowed) return options.allowHttpLoopback ? 'must be an https URL (http only for localhost)' : 'must be an https URL';
  if (url.username || url.password) return 'must not carry a user name or password (the signature authenticates deliveries)';
  if (!options.allowLocal && (isLoopback(host) || isPrivate(host))) return 'must not point at this machine or a private network';
  return null;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function isLoopback(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || host.startsWith('127.') && IPV4.test(host);
}

/** Private, link-local (cloud metadata), carrier-grade NAT and unspecified addresses, and names only a local resolver knows. */
function isPrivate(host: string): boolean {
  if (/\.(local|internal|lan|home\.arpa)$/.test(host)) return true;
  const mappedV4 = /^::ffff:(.+)$/.exec(host);
  const v4 = IPV4.exec(mappedV4 ? mappedV4[1]! : host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  if (!host.includes(':')) return false;
  return host === '::' || /^f[cd][0-9a-f]{0,2}:/.test(host) || /^fe[89ab][0-9a-f]?:/.test(host) || host.startsWith('::ffff:');
}
