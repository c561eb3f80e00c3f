import { lazy } from '../../src/lazy.ts';

/**
 * "Sign in with Microsoft": OpenID Connect authorization code flow with PKCE through
 * openid-client, against Entra ID (or another issuer). Discovery happens on first use, so the
 * site starts without reaching the identity provider. With a multi-tenant authority
 * (`organizations`), openid-client checks the token's issuer against the `{tenantid}` template.
 */
export type MicrosoftSignInSettings = { issuer: string; clientId: string; clientSecret: string; redirectUri: string };
export type SignInChecks = { state: string; nonce: string; verifier: string };
export type VerifiedIdentity = { issuer: string; subject: string; email: string | null; emailVerified: boolean; firstName: string; lastName: string };

/** Loaded with the first sign-in, not at start. */
const openIdClient = lazy(() => import('openid-client'));

export function microsoftSignIn(settings: MicrosoftSignInSettings) {
  const local = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(`${settings.issuer}/`);
  // Kept once it succeeds; a failed discovery is tried again by the next sign-in.
  const configure = lazy(async () => {
    const client = await openIdClient();
    return client.discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, local ? { execute: [client.allowInsecureRequests] } : undefined);
  });

  return {
    async start(): Promise<{ url: string; checks: SignInChecks }> {
      const client = await openIdClient();
      const config = await configure();
      const checks = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier() };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri, scope: 'openid profile email', state: checks.state, nonce: checks.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(checks.verifier), code_challenge_method: 'S256',
      });
      return { url: url.href, checks };
    },

    async finish(currentUrl: URL, checks: SignInChecks): Promise<VerifiedIdentity> {
      const client = await openIdClient();
      const config = await configure();
      const tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: checks.verifier, expectedState: checks.state, expectedNonce: checks.nonce, idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new Error('the identity provider returned no ID token');
      const text = (value: unknown) => (typeof value === 'string' ? value.trim().slice(0, 200) : '');
      const [first = '', ...rest] = text(claims.name).split(/\s+/);
      return {
        issuer: claims.iss,
        subject: claims.sub,
        // Only the `email` claim counts as an address, and only `email_verified: true` as the provider vouching for it;
        // `preferred_username` is a sign-in name that a tenant may set to anything.
        email: text(claims.email) || null,
        emailVerified: claims.email_verified === true,
        firstName: text(claims.given_name) || first,
        lastName: text(claims.family_name) || rest.join(' '),
      };
    },
  };
}

export type MicrosoftSignIn = ReturnType<typeof microsoftSignIn>;
