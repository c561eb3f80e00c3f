import assert from 'node:assert/strict';
import { createSqliteStore } from '../../src/store/sqlite/index.ts';
import type { Store } from '../../src/store/port.ts';
import { seedDirectory, testServices } from '../support/services.ts';

const DAY = 86_400_000;

describe('changing invitations', () => {
  let store: Store;
  let t: ReturnType<typeof testServices>;
  let seed: Awaited<ReturnType<typeof seedDirectory>>;
  beforeEach(async () => {
    store = createSqliteStore(':memory:');
    t = testServices(store);
    seed = await seedDirectory(t.services, 2);
  });
  afterEach(() => store.close());

  const single = (overrides: object = {}) =>
    t.services.invitations.create('inviter-1', { type: 'single', invitedContactIds: [seed.contacts[0]!.id], expiresAt: new Date(t.clock().getTime() + DAY), ...overrides });
  const actions = async (id: string) => (await store.audit.listForSubject(id, { limit: 20 })).items.map((e) => `${e.actor} ${e.action}`).reverse();

  it('revokes once, with the reason in the audit trail', async () => {
    const { invitation } = await single();
    t.clock.advance(1000);
    await t.services.invitations.revoke('admin-1', invitation.id, 'wrong person');
    assert.equal((await t.services.invitations.get(invitation.id)).status, 'revoked');
    await assert.rejects(t.services.invitations.revoke('admin-1', invitation.id), { code: 'invalid_state', message: 'This invitation is already revoked.' });
    assert.deepEqual(await actions(invitation.id), ['inviter-1 invitation.created', 'admin-1 invitation.revoked']);
    const revoked = (await store.audit.listForSubject(invitation.id, { limit: 1 })).items[0]!;
    assert.deepEqual(revoked.detail, { reason: 'wrong person' });
  });

  it('does not revoke a fully redeemed invitation', async () => {
    const { invitation, code } = await single();
    await t.services.invitations.redeem({ code, contactId: seed.contacts[0]!.id });
    await assert.rejects(t.services.invitations.revoke('admin-1', invitation.id), { code: 'invalid_state' });
  });

  it('extends into the future only, including an expired invitation, and can remove the expiry', async () => {
    const { invitation } = await single();
    await assert.rejects(t.services.invitations.extend('admin-1', invitation.id, new Date(t.clock().getTime() - 1)), { code: 'invalid_input' });
    t.clock.advance(2 * DAY);
    assert.equal((await t.services.invitations.get(invitation.id)).status, 'expired');
    const later = new Date(t.clock().getTime() + 3 * DAY);
    await t.services.invitations.extend('admin-1', invitation.id, later);
    const extended = await t.services.invitations.get(invitation.id);
    assert.deepEqual([extended.status, extended.expiresAt], ['sent', later]);
    await t.services.invitations.extend('admin-1', invitation.id, null);
    assert.equal((await t.services.invitations.get(invitation.id)).expiresAt, null);
  });

  it('does not extend a revoked invitation', async () => {
    const { invitation } = await single();
    await t.services.invitations.revoke('admin-1', invitation.id);
    await assert.rejects(t.services.invitations.extend('admin-1', invitation.id, new Date(t.clock().getTime() + DAY)), { code: 'invalid_state' });
  });

  it('lets another staff member approve or reject a pending invitation, never the requester', async () => {
    const { invitation } = await single({ requiresApproval: true });
    await assert.rejects(t.services.invitations.approve('inviter-1', invitation.id), { code: 'not_allowed' });
    await assert.rejects(t.services.invitations.reject('approver-1', invitation.id, '  '), { code: 'invalid_input' });
    await t.services.invitations.reject('approver-1', invitation.id, 'not a customer yet');
    const rejected = await t.services.invitations.get(invitation.id);
    assert.deepEqual([rejected.status, rejected.decidedBy, rejected.decisionReason], ['rejected', 'approver-1', 'not a customer yet']);
    await assert.rejects(t.services.invitations.approve('approver-2', invitation.id), { code: 'invalid_state' });

    const { invitation: second } = await single({ requiresApproval: true });
    await t.services.invitations.approve('approver-1', second.id);
    assert.equal((await t.services.invitations.get(second.id)).status, 'sent');
  });

  it('reports unknown invitations clearly', async () => {
    await assert.rejects(t.services.invitations.revoke('admin-1', 'missing'), { code: 'not_found', message: 'Invitation missing was not found.' });
  });
});
