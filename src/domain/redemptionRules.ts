import type { DomainError } from './errors.ts';
import {
  AlreadyRedeemedError,
  InvitationExpiredError,
  InvitationNotActiveError,
  InvitationRevokedError,
  InvitationUsedUpError,
  WrongRedeemerError,
} from './errors.ts';
import type { Invitation } from './invitation.ts';
import { isExpired } from './invitation.ts';

export type RedemptionAttempt = {
  invitation: Pick<Invitation, 'type' | 'lifecycle' | 'remaining' | 'expiresAt'>;
  /** The contact is one of the invitation's invited contacts. */
  isInvitedContact: boolean;
  /** The contact has already redeemed this invitation. */
  hasRedeemed: boolean;
  now: Date;
};

/**
 * Why this contact may not redeem this invitation now, or null when they may. Store adapters call
 * it inside their atomic step, so the answer and the write see the same state.
 */
export function redemptionRefusal(attempt: RedemptionAttempt): DomainError | null {
  const { invitation } = attempt;
  if (invitation.lifecycle === 'revoked') return new InvitationRevokedError();
  if (invitation.lifecycle !== 'sent') return new InvitationNotActiveError(invitation.lifecycle);
  if (attempt.hasRedeemed) return new AlreadyRedeemedError();
  if (invitation.remaining <= 0) return new InvitationUsedUpError();
  if (isExpired(invitation, attempt.now)) return new InvitationExpiredError();
  if (invitation.type === 'single' && !attempt.isInvitedContact) return new WrongRedeemerError();
  return null;
}
