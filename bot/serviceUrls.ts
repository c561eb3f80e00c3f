import { isLoopbackUrl } from '../src/loopback.ts';

/**
 * Where the bot may send replies and notices (an activity's `serviceUrl`). With Bot Framework
 * credentials: the Bot Framework's own hosts, over https: Teams (public cloud, GCC, GCC High, DoD,
 * as Microsoft's Teams documentation lists them) and the Bot Service's channels (`*.botframework.com`,
 * `*.botframework.azure.us`). Without credentials (local use): this machine only, where the Agents
 * Playground and the tests' connector stand-in run. Anything else would let whoever sends an
 * activity make the service post to an address of their choosing.
 */
export type ReplyPolicy = 'bot-framework' | 'loopback';

const BOT_FRAMEWORK_HOSTS = ['smba.trafficmanager.net', 'smba.infra.gcc.teams.microsoft.com', 'smba.infra.gov.teams.microsoft.us', 'smba.infra.dod.teams.microsoft.us'];
const BOT_FRAMEWORK_DOMAINS = ['.botframework.com', '.botframework.azure.us'];

export function serviceUrlAllowed(serviceUrl: string, policy: ReplyPolicy): boolean {
  if (policy === 'loopback') return isLoopbackUrl(serviceUrl);
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  const host = url.hostname.toLowerCase();
  return url.protocol === 'https:' && (BOT_FRAMEWORK_HOSTS.includes(host) || BOT_FRAMEWORK_DOMAINS.some((domain) => host.endsWith(domain)));
}
