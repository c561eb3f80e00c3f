/**
 * The load generator: autocannon in a process of its own, so that the service under test does not
 * share an event loop with the client. Input: one JSON argument (a `LoadPlan`); output: one JSON
 * line on stdout (a `LoadResult`).
 *
 * Plans:
 *   - `fixed`: the same request again and again (baseline, redeem-page);
 *   - `redeem`: each request takes the next pre-made signed-in session from `sessionsFile` (a cookie
 *     and its CSRF token per line) and accepts the first of `codes` with it; when the sessions run
 *     out they start again with the next code (each customer redeems each invitation once), and
 *     the run stops when the codes run out. `startAt` skips that many (session, code) pairs, so
 *     consecutive loads go on where the last one ended;
 *   - `bot`: a Teams message activity per request, each connection its own user and conversation.
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

export type LoadPlan = {
  url: string;
  connections: number;
  durationSeconds: number;
  warmupSeconds?: number;
  /** A steady rate over all connections (autocannon's `overallRate`); as fast as it goes without. */
  ratePerSecond?: number;
} & (
  | { kind: 'fixed'; method?: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string }
  | { kind: 'redeem'; sessionsFile: string; codes: string[]; startAt?: number }
  | { kind: 'bot'; text: string; serviceUrl: string; tenantId: string; adminObjectId: string }
);

export type LoadResult = {
  requests: number;
  durationSeconds: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; mean: number; max: number };
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
};

type Request = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
type Connection = { conversation?: string };

function requestsFor(plan: LoadPlan, stop: () => void): Request[] {
  switch (plan.kind) {
    case 'fixed':
      return [{ method: plan.method ?? 'GET', path: plan.path, headers: plan.headers, body: plan.body }];
    case 'redeem': {
      const sessions = readFileSync(plan.sessionsFile, 'utf8').trim().split('\n').map((line) => line.split('\t') as [string, string]);
      let next = plan.startAt ?? 0;
      return [{
        method: 'POST',
        path: '/redeem/accept',
        setupRequest(request: Request) {
          const pair = next++;
          const code = plan.codes[Math.floor(pair / sessions.length)];
          if (code === undefined) {
            stop();
            return { ...request, path: '/healthz', method: 'GET', body: undefined };
          }
          const [cookie, csrf] = sessions[pair % sessions.length]!;
          return {
            ...request,
            headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ _csrf: csrf, code }).toString(),
          };
        },
      } as Request];
    }
    case 'bot': {
      let connections = 0;
      let messages = 0;
      return [{
        method: 'POST',
        path: '/api/messages',
        setupRequest(request: Request, context: Connection) {
          context.conversation ??= `a:bench-${process.pid}-${++connections}`;
          const activity = {
            type: 'message', id: `m-${++messages}`, text: plan.text, channelId: 'msteams', serviceUrl: plan.serviceUrl,
            from: { id: `29:${context.conversation}`, name: 'Bench Admin', aadObjectId: plan.adminObjectId },
            recipient: { id: '28:invite-desk', name: 'Invite Desk' },
            conversation: { id: context.conversation, tenantId: plan.tenantId, conversationType: 'personal' },
            channelData: { tenant: { id: plan.tenantId } },
          };
          return { ...request, headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) };
        },
      } as Request];
    }
  }
}

async function run(plan: LoadPlan): Promise<LoadResult> {
  let instance: autocannon.Instance | null = null;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    setImmediate(() => instance?.stop());
  };
  const options = {
    url: plan.url,
    connections: plan.connections,
    duration: plan.durationSeconds,
    requests: requestsFor(plan, stop),
    ...(plan.ratePerSecond ? { overallRate: plan.ratePerSecond } : {}),
    ...(plan.warmupSeconds ? { warmup: { connections: plan.connections, duration: plan.warmupSeconds } } : {}),
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(options as autocannon.Options, (error: unknown, outcome: autocannon.Result) => (error ? reject(error) : resolve(outcome)));
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = (stats as { count: number }).count;
  const requests = Object.values(statusCodes).reduce((sum, count) => sum + count, 0);
  return {
    requests,
    durationSeconds: result.duration,
    requestsPerSecond: Math.round(requests / result.duration),
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, mean: Math.round(result.latency.mean * 100) / 100, max: result.latency.max },
    statusCodes,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

const plan = JSON.parse(process.argv[2]!) as LoadPlan;
process.stdout.write(`${JSON.stringify(await run(plan))}\n`);
