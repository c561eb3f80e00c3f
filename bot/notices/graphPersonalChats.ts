import { ResponseType, type Client } from '@microsoft/microsoft-graph-client';
import { PermanentJobError, RetryLaterError } from '../../src/domain/jobOutcomes.ts';
import { retryAfterMs, throttledRetry } from '../../src/domain/retryAfter.ts';
import { withDeadline } from '../../src/mail/graph/deadline.ts';
import { failureFromError } from '../../src/mail/graph/errorFailure.ts';
import { createGraphClient, type GraphConnection } from '../../src/mail/graph/graphClient.ts';
import { readRefusal, type GraphRefusal } from '../../src/mail/graph/responseFailure.ts';

/** The personal chat between a user and the bot, made by installing the app for them when needed. */
export type PersonalChats = { chatIdFor(userObjectId: string): Promise<string> };

/**
 * Installs the Teams app for a user through Graph (`POST /users/{id}/teamwork/installedApps`,
 * application permission TeamsAppInstallation.ReadWriteSelfForUser.All; 409, already installed, is
 * fine), finds the installation and returns the id of the chat Teams made between them and the
 * bot. Throws as a job expects: RetryLaterError when throttled, PermanentJobError when Graph
 * refuses for good (no permission, unknown user or app), a plain Error for anything transient.
 */
export function createGraphPersonalChats(options: { connection: GraphConnection; catalogAppId: string; timeoutMs?: number }): PersonalChats {
  const { connection, catalogAppId } = options;
  const timeoutMs = options.timeoutMs ?? 30_000;
  let client: Client = createGraphClient(connection);
  const appBinding = `${connection.graphBaseUrl.replace(/\/+$/, '')}/v1.0/appCatalogs/teamsApps/${encodeURIComponent(catalogAppId)}`;

  async function call(path: string, signal: AbortSignal, body?: unknown, query?: Record<string, string>): Promise<Response> {
    let request = client.api(path).version('v1.0').responseType(ResponseType.RAW).option('signal', signal);
    if (query) request = request.query(query);
    return (await (body === undefined ? request.get() : request.post(body))) as Response;
  }

  async function chatId(user: string, signal: AbortSignal): Promise<string | GraphRefusal> {
    const installedApps = `/users/${encodeURIComponent(user)}/teamwork/installedApps`;
    const installed = await call(installedApps, signal, { 'teamsApp@odata.bind': appBinding });
    if (!installed.ok && installed.status !== 409) return readRefusal(installed);
    await installed.body?.cancel();
    const listed = await call(installedApps, signal, undefined, { $expand: 'teamsApp', $filter: `teamsApp/id eq '${catalogAppId}'` });
    if (!listed.ok) return readRefusal(listed);
    const installation = ((await listed.json()) as { value?: { id?: unknown }[] }).value?.[0]?.id;
    if (typeof installation !== 'string') throw new Error(`Graph installed the app for ${user} but does not list the installation yet`);
    const chat = await call(`${installedApps}/${encodeURIComponent(installation)}/chat`, signal);
    if (!chat.ok) return readRefusal(chat);
    const id = ((await chat.json()) as { id?: unknown }).id;
    if (typeof id !== 'string' || !id) throw new Error(`Graph gave no chat for ${user}'s installation of the app`);
    return id;
  }

  return {
    async chatIdFor(user) {
      let answer: string | GraphRefusal;
      try {
        answer = await withDeadline(timeoutMs, (signal) => chatId(user, signal));
      } catch (error) {
        throw failureFromError(error, connection.clientSecret);
      }
      if (typeof answer === 'string') return answer;
      if (answer.status === 401) client = createGraphClient(connection);
      throw installFailure(user, answer, Date.now());
    },
  };
}

const HINTS: Record<number, string> = {
  403: 'the Graph app lacks the application permission TeamsAppInstallation.ReadWriteSelfForUser.All (with admin consent), or an app policy blocks the app for them',
  404: 'the user, or the app TEAMS_CATALOG_APP_ID names, is not in the tenant (the app\'s id in the org app catalog, not the manifest id)',
};

function installFailure(user: string, refusal: GraphRefusal, now: number): Error {
  const described = `(${refusal.code ? `${refusal.status} ${refusal.code}` : refusal.status})${refusal.message ? `: ${refusal.message}` : ''}`;
  const throttled = throttledRetry(refusal, now, `Graph is throttling the app installation for ${user} ${described}`);
  if (throttled) return throttled;
  const delay = retryAfterMs(refusal.retryAfter, now);
  if (refusal.status >= 500 && delay !== undefined) return new RetryLaterError(delay, `Graph is unavailable ${described}`);
  if (refusal.status >= 500 || refusal.status === 401 || refusal.status === 408) return new Error(`Graph failed to install the app for ${user} ${described}`);
  const hint = HINTS[refusal.status];
  return new PermanentJobError(`Graph refused to install the app for ${user} ${described}${hint ? ` — ${hint}` : ''}`);
}
