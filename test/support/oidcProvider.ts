import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type RequestListener } from 'node:http';
// @ts-expect-error oidc-provider ships no type declarations; the little used here is typed below.
import OidcProviderClass from 'oidc-provider';
import { freePort } from '../../testkit/ports.ts';

/**
 * A local OpenID Connect provider (panva/oidc-provider) standing in for Entra ID: issuer
 * http://127.0.0.1:PORT, one confidential client (code flow, PKCE required, client_secret_post as
 * openid-client sends it) and the built-in development login and consent pages. The login page
 * takes any login name and any password; the login name is the subject, and the people map gives
 * its claims. A login name not in the map ends on the provider's error page.
 */
/**
 * `email: null` issues no e-mail claim; `emailVerified` is the `email_verified` claim (true unless
 * given; `null` leaves the claim out), so a test can try every shape of claim a provider sends.
 */
export type OidcPerson = { email: string | null; emailVerified?: boolean | null; givenName: string; familyName: string };
export type LocalOidcProvider = { issuer: string; clientId: string; clientSecret: string; serverErrors: unknown[]; stop(): Promise<void> };

type ProviderInstance = { callback(): RequestListener; on(event: string, listener: (...args: unknown[]) => void): void };
type ProviderConstructor = new (issuer: string, configuration: Record<string, unknown>) => ProviderInstance;
const Provider = OidcProviderClass as ProviderConstructor;

export async function startOidcProvider(options: { redirectUri: string; people: Record<string, OidcPerson>; port?: number }): Promise<LocalOidcProvider> {
  const port = options.port ?? (await freePort());
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'invite-desk-site';
  const clientSecret = randomBytes(24).toString('base64url');
  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [options.redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    }],
    pkce: { required: () => true },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    jwks: { keys: [{ ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' }] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'given_name', 'family_name'] },
    // Entra puts the profile and e-mail claims in the ID token, which is all the site reads.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    findAccount: (_ctx: unknown, sub: string) => {
      const person = Object.hasOwn(options.people, sub) ? options.people[sub] : undefined;
      if (!person) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          ...(person.email === null ? {} : { email: person.email }),
          ...(person.email === null || person.emailVerified === null ? {} : { email_verified: person.emailVerified ?? true }),
          given_name: person.givenName, family_name: person.familyName, name: `${person.givenName} ${person.familyName}`,
        }),
      };
    },
  });
  const serverErrors: unknown[] = [];
  provider.on('server_error', (_ctx, error) => { serverErrors.push(error); });
  const server = createServer(provider.callback());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    issuer,
    clientId,
    clientSecret,
    serverErrors,
    stop: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** A client of the provider's client credentials grant, and the app roles its tokens carry (Entra's `roles` claim). */
export type AppClient = { clientId: string; clientSecret: string; roles: readonly string[] };
export type ClientCredentialsProvider = {
  issuer: string;
  jwksUri: string;
  /** A real access token (a signed JWT) for the client, for the resource (its audience) asked for. */
  token(client: AppClient, resource?: string): Promise<string>;
  stop(): Promise<void>;
};

/**
 * A local provider issuing app-only access tokens the way Entra ID does for client credentials: a
 * JWT signed with the provider's key (its own `kid`, so a restart is a key rotation), for the
 * resource asked for (the `aud` claim, by resource indicators), with the client's app roles in
 * `roles` and its id in `azp`.
 */
export async function startClientCredentialsProvider(options: { clients: readonly AppClient[]; audience: string; port?: number }): Promise<ClientCredentialsProvider> {
  const port = options.port ?? (await freePort());
  const issuer = `http://127.0.0.1:${port}`;
  const byId = new Map(options.clients.map((client) => [client.clientId, client]));
  const provider = new Provider(issuer, {
    clients: options.clients.map((client) => ({
      client_id: client.clientId, client_secret: client.clientSecret, grant_types: ['client_credentials'], redirect_uris: [], response_types: [],
      token_endpoint_auth_method: 'client_secret_post',
    })),
    cookies: { keys: [randomBytes(32).toString('hex')] },
    ttl: { ClientCredentials: 600, AccessToken: 600 },
    jwks: { keys: [{ ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: randomBytes(6).toString('hex'), use: 'sig', alg: 'RS256' }] },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => options.audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, resource: string) => ({ scope: 'api', audience: resource, accessTokenTTL: 600, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } }),
      },
    },
    extraTokenClaims: (_ctx: unknown, token: { clientId: string }) => ({ roles: [...(byId.get(token.clientId)?.roles ?? [])], azp: token.clientId }),
  });
  const server = createServer(provider.callback());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    issuer,
    jwksUri: `${issuer}/jwks`,
    async token(client, resource = options.audience) {
      const response = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret, resource, scope: 'api' }),
      });
      const answer = await response.json() as { access_token?: string; error?: string; error_description?: string };
      if (!answer.access_token) throw new Error(`no token: ${answer.error ?? response.status} ${answer.error_description ?? ''}`);
      return answer.access_token;
    },
    // Closed connections are let go by this process's fetch pools before the port is used again.
    stop: () => new Promise<void>((resolve) => {
      server.close(() => setTimeout(resolve, 50));
      server.closeAllConnections();
    }),
  };
}
