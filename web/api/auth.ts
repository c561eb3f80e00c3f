import type { Request } from 'express';
import type { ApiClient } from '../../src/domain/apiClient.ts';
import type { Services } from '../../src/services/index.ts';
import { ApiProblem } from './problems.ts';

/** Checks an Entra access token and names its client; see entraTokens.ts. */
export type TokenVerifier = (token: string) => Promise<ApiClient>;

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="invite-desk-api"' };

/**
 * Who is calling: an API key (`X-API-Key`), or a Microsoft Entra app-only token
 * (`Authorization: Bearer`). Exactly one of them; anything else is 401. A revoked or unknown key
 * is refused at once (every request looks the key up).
 */
export function apiAuthenticator(services: Services, verifyToken: TokenVerifier | null) {
  return async (req: Request): Promise<ApiClient> => {
    const key = req.get('x-api-key');
    const authorization = req.get('authorization');
    if (key !== undefined && authorization !== undefined) throw new ApiProblem(401, 'unauthenticated', 'Send an API key or a token, not both.', { headers: CHALLENGE });
    if (key !== undefined) {
      const client = await services.apiKeys.authenticate(key.trim());
      if (!client) throw new ApiProblem(401, 'invalid_api_key', 'This API key is not valid (unknown, or revoked).', { headers: CHALLENGE });
      return client;
    }
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    if (!token) throw new ApiProblem(401, 'unauthenticated', 'Send an access token (Authorization: Bearer …) or an API key (X-API-Key).', { headers: CHALLENGE });
    if (!verifyToken) throw new ApiProblem(401, 'invalid_token', 'This service accepts no Entra tokens (API_TENANT_ID is not set); use an API key.', { headers: CHALLENGE });
    return verifyToken(token);
  };
}
