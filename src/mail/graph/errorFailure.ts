import { GraphError } from '@microsoft/microsoft-graph-client';
import { PermanentJobError } from '../../domain/jobOutcomes.ts';

const TOKEN_ERRORS = new Set(['AuthenticationRequiredError', 'AuthenticationError', 'CredentialUnavailableError']);
const CREDENTIALS_REFUSED = /\b(invalid_client|unauthorized_client|invalid_request|invalid_grant|invalid_scope|unsupported_grant_type)\b/;

/**
 * The error `send` throws when no answer came from Graph: `PermanentJobError` when the token
 * endpoint refused the app's credentials, a plain Error (transient) for anything else: token
 * endpoint unreachable, network failure, timeout. `secret` is masked out of every message.
 */
export function failureFromError(error: unknown, secret: string): Error {
  const name = error instanceof GraphError ? error.code : error instanceof Error ? error.name : undefined;
  const message = mask(error instanceof Error ? error.message : String(error), secret);
  if (name && TOKEN_ERRORS.has(name)) {
    return CREDENTIALS_REFUSED.test(message)
      ? new PermanentJobError(`The token endpoint refused the Graph app credentials (tenant, client id or secret): ${message}`)
      : new Error(`Could not get a Graph access token: ${message}`);
  }
  return new Error(`Graph request failed: ${message}`);
}

function mask(text: string, secret: string): string {
  return secret ? text.replaceAll(secret, '[secret]') : text;
}
