import { ResponseType } from '@microsoft/microsoft-graph-client';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Mailer, OutgoingMail } from './mailer.ts';
import { withDeadline } from './graph/deadline.ts';
import { failureFromError } from './graph/errorFailure.ts';
import { createGraphClient, PUBLIC_AUTHORITY_HOST } from './graph/graphClient.ts';
import { failureFromRefusal, readRefusal } from './graph/responseFailure.ts';
import type { GraphRefusal } from './graph/responseFailure.ts';
import { sendMailBody } from './graph/sendMailBody.ts';

export type GraphMailerOptions = {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Default https://graph.microsoft.com. */
  graphBaseUrl?: string;
  /** Default https://login.microsoftonline.com; set for national clouds and tests. */
  authorityHost?: string;
  /** Token plus sendMail, default 30 s; past it the attempt fails as transient. */
  timeoutMs?: number;
};

/**
 * Sends mail as `POST /v1.0/users/{from}/sendMail` with app-only credentials (Mail.Send). Never
 * retries by itself; see `Mailer` for what it throws. A 401 from Graph drops the client and its
 * cached token, so that the next attempt signs in afresh.
 */
export function createGraphMailer(options: GraphMailerOptions): Mailer {
  const connection = {
    tenantId: options.tenantId,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    graphBaseUrl: options.graphBaseUrl ?? 'https://graph.microsoft.com',
    authorityHost: options.authorityHost ?? PUBLIC_AUTHORITY_HOST,
  };
  const timeoutMs = options.timeoutMs ?? 30_000;
  let client: Client = createGraphClient(connection);

  async function attempt(mail: OutgoingMail, signal: AbortSignal): Promise<GraphRefusal | undefined> {
    const response = (await client
      .api(`/users/${encodeURIComponent(mail.from)}/sendMail`)
      .version('v1.0')
      .responseType(ResponseType.RAW)
      .option('signal', signal)
      .post(sendMailBody(mail))) as Response;
    if (!response.ok) return readRefusal(response);
    await response.body?.cancel();
    return undefined;
  }

  return {
    kind: 'graph',
    async send(mail) {
      let refusal: GraphRefusal | undefined;
      try {
        refusal = await withDeadline(timeoutMs, (signal) => attempt(mail, signal));
      } catch (error) {
        throw failureFromError(error, connection.clientSecret);
      }
      if (!refusal) return;
      if (refusal.status === 401) client = createGraphClient(connection);
      throw failureFromRefusal(refusal, Date.now());
    },
  };
}
