import { createHash, randomBytes } from 'node:crypto';

/*
 * Links mailed to a customer's address: the token is made when the mail is sent and only its hash
 * is kept, so neither a leaked store nor the outbox holds a usable link.
 */

/** Password reset links: one use, one hour. */
export const RESET_NAMESPACE = 'password-reset';
export const RESET_TOKEN_TTL_MS = 60 * 60_000;

/** What a visitor asked to bind once their address is proven (see services/emailProofs.ts). */
export const PROOF_NAMESPACE = 'email-proof';
/** How long the request waits for its mail and its link to be followed. */
export const PROOF_TTL_MS = 60 * 60_000;
/** The newest request per address (keyed by the address's hash): asking again, or finishing, voids older links. */
export const PROOF_LATEST_NAMESPACE = 'email-proof-latest';
/** Confirmation links: one use, fifteen minutes from sending. */
export const PROOF_LINK_NAMESPACE = 'email-proof-link';
export const PROOF_LINK_TTL_MS = 15 * 60_000;

export function newLinkToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The stored key of a mailed token (or of any secret the store must not hold in the clear). */
export function linkKey(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
