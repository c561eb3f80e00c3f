import type { JWTPayload } from 'jose';
import { entraClientActor, isApiRole, type ApiClient, type ApiRole } from '../../src/domain/apiClient.ts';
import { lazy } from '../../src/lazy.ts';
import { ApiProblem } from './problems.ts';

export type EntraTokenSettings = { issuers: readonly string[]; jwksUri: string; audiences: readonly string[] };

/** Asymmetric algorithms only: `none` and HMAC (a public key taken for a shared secret) are never accepted. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];

/** Loaded with the first token, not at start: most API clients use keys, most processes see no token. */
const jose = lazy(() => import('jose'));

/**
 * Checks a Microsoft Entra app-only access token (client credentials): signed by a key of the
 * issuer's key set (fetched once, kept, and fetched again when a token names a key it does not
 * hold: Entra rotates its keys), issued by one of the issuers, for one of our audiences, within its
 * lifetime by the service clock. A user's (delegated) token is refused: the API serves
 * applications. The client is named `api:<client id>`; its app roles come from the `roles` claim.
 */
export function entraTokenVerifier(settings: EntraTokenSettings, clock: () => Date, options: { cooldownMs?: number } = {}) {
  const keySet = lazy(async () => (await jose()).createRemoteJWKSet(new URL(settings.jwksUri), { cooldownDuration: options.cooldownMs ?? 30_000, cacheMaxAge: 24 * 3_600_000 }));
  return async (token: string): Promise<ApiClient> => {
    const { jwtVerify, errors } = await jose();
    const keys = await keySet();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: [...settings.issuers], audience: [...settings.audiences], algorithms: ALGORITHMS, currentDate: clock(), requiredClaims: ['exp', 'iat'],
      }));
    } catch (error) {
      throw tokenProblem(error, errors);
    }
    if (payload.scp !== undefined) throw invalidToken('a user\'s (delegated) token is not accepted; use an app-only token (client credentials)');
    const clientId = [payload.azp, payload.appid, payload.client_id].find((value) => typeof value === 'string' && value.length > 0) as string | undefined;
    if (!clientId) throw invalidToken('the token names no client (azp or appid)');
    const roles = Array.isArray(payload.roles) ? [...new Set(payload.roles.filter((role): role is ApiRole => typeof role === 'string' && isApiRole(role)))] : [];
    const appName = typeof payload.app_displayname === 'string' && payload.app_displayname.trim() ? payload.app_displayname.trim().slice(0, 100) : null;
    return { actor: entraClientActor(clientId), name: appName ? `API client "${appName}"` : `API client ${clientId}`, roles };
  };
}

const invalidToken = (description: string) => new ApiProblem(401, 'invalid_token', `The access token was refused: ${description}.`, {
  headers: { 'WWW-Authenticate': `Bearer error="invalid_token", error_description="${description.replace(/["\\]/g, '')}"` },
});

function tokenProblem(error: unknown, errors: typeof import('jose').errors): ApiProblem {
  if (error instanceof errors.JWTExpired) return invalidToken('it has expired');
  if (error instanceof errors.JWTClaimValidationFailed) return invalidToken(`its "${error.claim}" claim is not one this API accepts`);
  if (error instanceof errors.JWKSTimeout || (error instanceof errors.JOSEError && error.code === 'ERR_JOSE_GENERIC' && /fetch|network/i.test(error.message))) {
    return new ApiProblem(503, 'token_keys_unavailable', 'The token issuer\'s signing keys could not be fetched. Try again in a moment.', { headers: { 'Retry-After': '30' } });
  }
  if (error instanceof errors.JWKSNoMatchingKey) return invalidToken('it is not signed by a key of the issuer');
  if (error instanceof errors.JWSSignatureVerificationFailed) return invalidToken('its signature is not valid');
  if (error instanceof errors.JOSEAlgNotAllowed) return invalidToken('its signing algorithm is not accepted');
  if (error instanceof errors.JOSEError) return invalidToken('it is not a well-formed, signed JWT');
  if (error instanceof TypeError) return new ApiProblem(503, 'token_keys_unavailable', 'The token issuer\'s signing keys could not be fetched. Try again in a moment.', { headers: { 'Retry-After': '30' } });
  return invalidToken('it could not be read');
}
