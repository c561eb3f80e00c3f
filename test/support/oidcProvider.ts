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
