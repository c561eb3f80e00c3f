/**
 * Where a visitor may be sent after redeeming: a path on this site, or an https URL on this site's
 * host or a host on REDIRECT_ALLOWLIST. Anything else is ignored (never an open redirect).
 */
export function safeRedirect(target: unknown, publicBaseUrl: string, allowlist: readonly string[]): string | null {
  if (typeof target !== 'string' || !target || target.length > 2000) return null;
  if (/^\/(?![/\\])/.test(target) && !/[\r\n]/.test(target)) return target;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return null;
  }
  const own = new URL(publicBaseUrl);
  if (url.origin === own.origin) return url.href;
  if (url.protocol === 'https:' && allowlist.includes(url.hostname.toLowerCase()) && !url.username && !url.password) return url.href;
  return null;
}
