import assert from 'node:assert/strict';
import { expiryProblem, invitationStatus, type Lifecycle } from '../../src/domain/invitation.ts';
import { redemptionRefusal } from '../../src/domain/redemptionRules.ts';

const now = new Date('2026-06-01T12:00:00Z');
const past = new Date('2026-06-01T11:59:59Z');
const future = new Date('2026-06-02T00:00:00Z');

describe('invitation status', () => {
  const cases: Array<[Lifecycle, number, Date | null, string]> = [
    ['sent', 1, null, 'sent'],
    ['sent', 1, future, 'sent'],
    ['sent', 1, past, 'expired'],
    ['sent', 1, now, 'expired'],
    ['sent', 0, past, 'redeemed'],
    ['draft', 1, null, 'draft'],
    ['pending-approval', 2, future, 'pending-approval'],
    ['pending-approval', 2, past, 'expired'],
    ['revoked', 0, past, 'revoked'],
    ['rejected', 3, past, 'rejected'],
  ];
  for (const [lifecycle, remaining, expiresAt, expected] of cases) {
    it(`is ${expected} when ${lifecycle}, ${remaining} left, expiring ${expiresAt?.toISOString() ?? 'never'}`, () => {
      assert.equal(invitationStatus({ lifecycle, remaining, expiresAt }, now), expected);
    });
  }

  it('becomes expired by the passing of time alone', () => {
    const invitation = { lifecycle: 'sent' as const, remaining: 1, expiresAt: future };
    assert.equal(invitationStatus(invitation, now), 'sent');
    assert.equal(invitationStatus(invitation, future), 'expired');
  });
});

describe('redemption rules', () => {
  const open = { type: 'group' as const, lifecycle: 'sent' as const, remaining: 2, expiresAt: future };
  const refusal = (overrides: object, facts: { isInvitedContact?: boolean; hasRedeemed?: boolean } = {}) =>
    redemptionRefusal({ invitation: { ...open, ...overrides }, isInvitedContact: facts.isInvitedContact ?? false, hasRedeemed: facts.hasRedeemed ?? false, now })?.code ?? null;

  it('allow an open group invitation to anyone who has not redeemed it', () => {
    assert.equal(refusal({}), null);
  });
  it('allow a single invitation only to its invited contact', () => {
    assert.equal(refusal({ type: 'single' }), 'wrong_redeemer');
    assert.equal(refusal({ type: 'single' }, { isInvitedContact: true }), null);
  });
  it('refuse each state that must never be redeemed', () => {
    assert.equal(refusal({ lifecycle: 'revoked' }), 'invitation_revoked');
    assert.equal(refusal({ lifecycle: 'rejected' }), 'invitation_not_active');
    assert.equal(refusal({ lifecycle: 'pending-approval' }), 'invitation_not_active');
    assert.equal(refusal({ lifecycle: 'draft' }), 'invitation_not_active');
    assert.equal(refusal({ expiresAt: past }), 'invitation_expired');
    assert.equal(refusal({ remaining: 0 }), 'invitation_used_up');
    assert.equal(refusal({}, { hasRedeemed: true }), 'already_redeemed');
  });

  it('accepts as an expiry only a moment still to come (or none)', () => {
    assert.equal(expiryProblem(future, now), null);
    assert.equal(expiryProblem(null, now), null);
    assert.equal(expiryProblem(now, now)?.key, 'expiry.past', 'the moment it expires is already too late');
    assert.equal(expiryProblem(past, now)?.key, 'expiry.past');
    assert.equal(expiryProblem(new Date('nonsense'), now)?.key, 'expiry.notADate');
  });
});
