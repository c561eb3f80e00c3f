import assert from 'node:assert/strict';
import { standingRedemptions } from '../../src/domain/activity.ts';
import { useSeededServices } from '../support/services.ts';

const DAY = 86_400_000;

describe('redeeming by code', () => {
  const s = useSeededServices(3);

  const group = (overrides: object = {}) => s.services.invitations.create('cli', {
    type: 'group', invitedContactIds: s.seed.contacts.map((c) => c.id), maxRedemptions: 2, expiresAt: new Date(s.clock().getTime() + 7 * DAY),
    assignToAccountId: s.seed.account.id, webRoleIds: s.seed.roles.map((r) => r.id), workflow: 'crm-sync', ...overrides,
  });

  async function unchanged(invitationId: string, contactId: string, attempt: () => Promise<unknown>, code: string) {
    const before = [await s.store.invitations.get(invitationId), await s.store.contacts.get(contactId), (await s.store.jobs.list({}, { limit: 50 })).items];
    await assert.rejects(attempt(), { code });
    const after = [await s.store.invitations.get(invitationId), await s.store.contacts.get(contactId), (await s.store.jobs.list({}, { limit: 50 })).items];
    assert.deepEqual(after, before);
  }

  it('gives the redeemer the account and roles, records who, when and from where, and queues the workflow', async () => {
    const { invitation, code } = await group();
    const who = s.seed.contacts[1]!;
    const result = await s.services.invitations.redeem({ code: code.toLowerCase().replace(/-/g, ' '), contactId: who.id, ip: '203.0.113.5', userAgent: 'Firefox' });
    assert.equal(result.contact.parentAccountId, s.seed.account.id);
    assert.deepEqual(result.contact.webRoleIds, s.seed.roles.map((r) => r.id).sort());
    const details = await s.services.invitations.details('cli', invitation.id);
    assert.equal(details.redemptions, 1);
    assert.equal(details.status, 'sent');
    assert.deepEqual(details.redeemedBy.map((r) => r.contactId), [who.id]);
    const [activity] = standingRedemptions((await s.store.activities.listForInvitation(invitation.id, { limit: 5 })).items);
    assert.deepEqual({ ip: activity!.ip, userAgent: activity!.userAgent, at: activity!.at }, { ip: '203.0.113.5', userAgent: 'Firefox', at: s.clock() });
    const jobs = (await s.store.jobs.list({ kind: 'workflow' }, { limit: 5 })).items;
    assert.equal(jobs.length, 1);
    assert.deepEqual(jobs[0]!.payload, { workflow: 'crm-sync', invitationId: invitation.id, contactId: who.id, activityId: activity!.id });
    await s.services.invitations.redeem({ code, contactId: s.seed.contacts[2]!.id });
    assert.equal((await s.services.invitations.find('cli', invitation.id)).status, 'redeemed');
  });

  it('refuses unknown codes without saying whether they exist, and malformed codes with what a code looks like', async () => {
    await group();
    await assert.rejects(s.services.invitations.redeem({ code: '0000-0000-0000-0000', contactId: s.seed.contacts[0]!.id }), { code: 'code_not_usable', message: 'This code cannot be used.' });
    await assert.rejects(s.services.invitations.redeem({ code: 'hello', contactId: s.seed.contacts[0]!.id }), { code: 'code_malformed' });
    await assert.rejects(s.services.invitations.checkCode('0000-0000-0000-0000'), { code: 'code_not_usable' });
  });

  it('refuses an expired code and changes nothing; extending it makes it usable again', async () => {
    const { invitation, code } = await group();
    s.clock.advance(8 * DAY);
    assert.equal((await s.services.invitations.find('cli', invitation.id)).status, 'expired');
    await unchanged(invitation.id, s.seed.contacts[0]!.id, () => s.services.invitations.redeem({ code, contactId: s.seed.contacts[0]!.id }), 'invitation_expired');
    await assert.rejects(s.services.invitations.checkCode(code), { code: 'invitation_expired' });
    await s.services.invitations.extend('cli', invitation.id, new Date(s.clock().getTime() + DAY));
    await s.services.invitations.redeem({ code, contactId: s.seed.contacts[0]!.id });
  });

  it('refuses a revoked code and changes nothing', async () => {
    const { invitation, code } = await group();
    await s.services.invitations.revoke('cli', invitation.id, 'sent to the wrong list');
    await unchanged(invitation.id, s.seed.contacts[0]!.id, () => s.services.invitations.redeem({ code, contactId: s.seed.contacts[0]!.id }), 'invitation_revoked');
  });

  it('refuses a code waiting for approval, then accepts it once approved', async () => {
    const { invitation, code } = await group({ requiresApproval: true });
    await unchanged(invitation.id, s.seed.contacts[0]!.id, () => s.services.invitations.redeem({ code, contactId: s.seed.contacts[0]!.id }), 'invitation_not_active');
    await s.store.staff.upsert({ id: 'approver-1', displayName: 'Abe Approver', roles: ['approver'], createdAt: s.clock() });
    await s.services.invitations.approve('approver-1', invitation.id);
    await s.services.invitations.redeem({ code, contactId: s.seed.contacts[0]!.id });
  });

  it('refuses a contact redeeming the same group invitation twice', async () => {
    const { invitation, code } = await group();
    await s.services.invitations.redeem({ code, contactId: s.seed.contacts[0]!.id });
    await unchanged(invitation.id, s.seed.contacts[0]!.id, () => s.services.invitations.redeem({ code, contactId: s.seed.contacts[0]!.id }), 'already_redeemed');
  });

  it('refuses a single invitation for a contact it was not sent to', async () => {
    const { invitation, code } = await s.services.invitations.create('cli', { type: 'single', invitedContactIds: [s.seed.contacts[0]!.id] });
    await unchanged(invitation.id, s.seed.contacts[1]!.id, () => s.services.invitations.redeem({ code, contactId: s.seed.contacts[1]!.id }), 'wrong_redeemer');
    await s.services.invitations.redeem({ code, contactId: s.seed.contacts[0]!.id });
    assert.equal((await s.services.invitations.find('cli', invitation.id)).status, 'redeemed');
  });
});
