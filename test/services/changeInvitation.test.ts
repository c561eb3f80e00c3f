import assert from 'node:assert/strict';
import { useSeededServices } from '../support/services.ts';

const DAY = 86_400_000;

describe('changing invitations', () => {
  const s = useSeededServices(2);
  beforeEach(async () => {
    for (const id of ['approver-1', 'approver-2']) await s.store.staff.upsert({ id, displayName: id, roles: ['approver'], createdAt: s.clock() });
    await s.store.staff.upsert({ id: 'admin-1', displayName: 'admin-1', roles: ['admin'], createdAt: s.clock() });
  });

  const single = (overrides: object = {}) =>
    s.services.invitations.create('inviter-1', { type: 'single', invitedContactIds: [s.seed.contacts[0]!.id], expiresAt: new Date(s.clock().getTime() + DAY), ...overrides });
  const actions = async (id: string) => (await s.store.audit.listForSubject(id, { limit: 20 })).items.map((e) => `${e.actor} ${e.action}`).reverse();

  it('revokes once, with the reason in the audit trail', async () => {
    const { invitation } = await single();
    s.clock.advance(1000);
    await s.services.invitations.revoke('admin-1', invitation.id, 'wrong person');
    assert.equal((await s.services.invitations.find('cli', invitation.id)).status, 'revoked');
    await assert.rejects(s.services.invitations.revoke('admin-1', invitation.id), { code: 'invalid_state', message: 'This invitation is already revoked.' });
    assert.deepEqual(await actions(invitation.id), ['inviter-1 invitation.created', 'admin-1 invitation.revoked']);
    const revoked = (await s.store.audit.listForSubject(invitation.id, { limit: 1 })).items[0]!;
    assert.deepEqual(revoked.detail, { reason: 'wrong person' });
  });

  it('does not revoke a fully redeemed invitation', async () => {
    const { invitation, code } = await single();
    await s.services.invitations.redeem({ code, contactId: s.seed.contacts[0]!.id });
    await assert.rejects(s.services.invitations.revoke('admin-1', invitation.id), { code: 'invalid_state' });
  });

  it('extends into the future only, including an expired invitation, and can remove the expiry', async () => {
    const { invitation } = await single();
    await assert.rejects(s.services.invitations.extend('admin-1', invitation.id, new Date(s.clock().getTime() - 1)), { code: 'invalid_input' });
    s.clock.advance(2 * DAY);
    assert.equal((await s.services.invitations.find('cli', invitation.id)).status, 'expired');
    const later = new Date(s.clock().getTime() + 3 * DAY);
    await s.services.invitations.extend('admin-1', invitation.id, later);
    const extended = await s.services.invitations.find('cli', invitation.id);
    assert.deepEqual([extended.status, extended.expiresAt], ['sent', later]);
    await s.services.invitations.extend('admin-1', invitation.id, null);
    assert.equal((await s.services.invitations.find('cli', invitation.id)).expiresAt, null);
  });

  it('does not extend a revoked invitation', async () => {
    const { invitation } = await single();
    await s.services.invitations.revoke('admin-1', invitation.id);
    await assert.rejects(s.services.invitations.extend('admin-1', invitation.id, new Date(s.clock().getTime() + DAY)), { code: 'invalid_state' });
  });

  it('lets another staff member approve or reject a pending invitation, never the requester', async () => {
    const { invitation } = await single({ requiresApproval: true });
    await assert.rejects(s.services.invitations.approve('inviter-1', invitation.id), { code: 'not_allowed' });
    await assert.rejects(s.services.invitations.reject('approver-1', invitation.id, '  '), { code: 'invalid_input' });
    await s.services.invitations.reject('approver-1', invitation.id, 'not a customer yet');
    const rejected = await s.services.invitations.find('cli', invitation.id);
    assert.deepEqual([rejected.status, rejected.decidedBy, rejected.decisionReason], ['rejected', 'approver-1', 'not a customer yet']);
    await assert.rejects(s.services.invitations.approve('approver-2', invitation.id), { code: 'invalid_state' });

    const { invitation: second } = await single({ requiresApproval: true });
    await s.services.invitations.approve('approver-1', second.id);
    assert.equal((await s.services.invitations.find('cli', second.id)).status, 'sent');
  });

  it('reports unknown invitations clearly', async () => {
    await assert.rejects(s.services.invitations.revoke('admin-1', 'missing'), { code: 'not_found', message: 'Invitation missing was not found.' });
  });
});
