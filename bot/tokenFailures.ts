/**
 * What a failed Bot Framework token check answers: 503 when the signing keys (or the OpenID
 * metadata that names them) could not be fetched, so the token could not be checked at all; 401
 * for anything else (no token, a malformed, forged, expired or misaddressed one). botbuilder
 * throws its AuthenticationError (with a status code) for most, node-fetch's FetchError when the
 * keys' host cannot be reached, and jsonwebtoken's errors for a bad signature.
 */
export function tokenFailureStatus(error: unknown): 401 | 503 {
  const { name, message, statusCode } = (error ?? {}) as { name?: unknown; message?: unknown; statusCode?: unknown };
  if (name === 'FetchError') return 503;
  if (statusCode === 500 && typeof message === 'string' && /^Failed to load (openID config|Keys)/.test(message)) return 503;
  return 401;
}
