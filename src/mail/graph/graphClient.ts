import { ClientSecretCredential } from '@azure/identity';
import { AuthenticationHandler, Client, TelemetryHandler } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';
import { fetchHandler } from './fetchHandler.ts';

export type GraphConnection = {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  graphBaseUrl: string;
  /** Token authority; any but the public cloud's is trusted as it is, without asking Microsoft. */
  authorityHost: string;
};

export const PUBLIC_AUTHORITY_HOST = 'https://login.microsoftonline.com';

/**
 * A Graph client with app-only credentials. Nothing in it retries: the job queue owns retries, and
 * both the Graph client's RetryHandler and the token pipeline's retry policy would sleep through
 * `Retry-After` inside the job. So the middleware chain leaves out RetryHandler (and
 * RedirectHandler), and the credential gets `maxRetries: 0`.
 * The base URL's hostname is a custom host, else the client would not send the bearer token to
 * it; the client compares hostnames without port.
 */
export function createGraphClient(connection: GraphConnection): Client {
  const base = new URL(connection.graphBaseUrl);
  const credential = new ClientSecretCredential(
    connection.tenantId,
    connection.clientId,
    connection.clientSecret,
    {
      authorityHost: connection.authorityHost,
      disableInstanceDiscovery: new URL(connection.authorityHost).origin !== PUBLIC_AUTHORITY_HOST,
      retryOptions: { maxRetries: 0 },
    },
  );
  const authProvider = new TokenCredentialAuthenticationProvider(credential, { scopes: [`${base.origin}/.default`] });
  return Client.initWithMiddleware({
    baseUrl: connection.graphBaseUrl.replace(/\/+$/, ''),
    customHosts: new Set([base.hostname]),
    middleware: [new AuthenticationHandler(authProvider), new TelemetryHandler(), fetchHandler],
  });
}
