import assert from 'node:assert/strict';
import type { StaffRole } from '../../src/domain/staff.ts';
import { useSeededServices } from '../support/services.ts';

const DAY = 86_400_000;
const MEMBERS: Record<StaffRole | 'stranger', string> = {
  admin: 'staff-admin', inviter: 'staff-inviter', approver: 'staff-approver', viewer: 'staff-viewer', stranger: 'not-staff',
};

/**
 * Every staff use case decides who may use it, whichever edge (bot, CLI, API) calls it: the bot's
 * own refusals are only its way of saying so early, not the rule.
 */
describe('services: who may do what', () => {
  const s = useSeededServices(2);
  let invitationId = '';
  let code = '';
  beforeEach(async () => {
    for (const role of ['admin', 'inviter', 'approver', 'viewer'] as const) {
      await s.store.staff.upsert({ id: MEMBERS[role], displayName: role, roles: [role], createdAt: s.clock() });
    }
    ({ invitation: { id: invitationId }, code } = await s.services.invitations.create('cli', {
      type: 'single', invitedContactIds: [s.seed.contacts[0]!.id], expiresAt: new Date(s.clock().getTime() + DAY),
    }));
  });

  /** Each use case with the least role that may use it. */
  const useCases: Array<[string, StaffRole, (actor: string) => Promise<unknown>]> = [
    ['find an invitation', 'viewer', (actor) => s.services.invitations.find(actor, invitationId)],
    ['list invitations', 'viewer', (actor) => s.services.invitations.list(actor)],
    ['see details', 'viewer', (actor) => s.services.invitations.details(actor, invitationId)],
    ['see mail delivery', 'viewer', (actor) => s.services.jobs.mailDelivery(actor, invitationId)],
    ['see a code in full', 'inviter', (actor) => s.services.invitations.details(actor, invitationId, { revealCode: true })],
    ['resend', 'inviter', (actor) => s.services.invitations.resend(actor, invitationId)],
    ['extend', 'inviter', (actor) => s.services.invitations.extend(actor, invitationId, new Date(s.clock().getTime() + 2 * DAY))],
    ['send a draft', 'inviter', (actor) => s.services.invitations.send(actor, invitationId)],
    ['send a draft without approval', 'admin', (actor) => s.services.invitations.send(actor, invitationId, { skipApproval: true })],
    ['renew', 'inviter', (actor) => s.services.invitations.renew(actor, invitationId, new Date(s.clock().getTime() + 2 * DAY))],
    ['revoke', 'inviter', (actor) => s.services.invitations.revoke(actor, invitationId)],
    ['invite', 'inviter', (actor) => s.services.invitations.invite(actor, { type: 'single', contacts: ['person2@example.com'] })],
    ['choose a workflow', 'inviter', (actor) => s.services.workflows.list(actor)],
    ['add a workflow', 'admin', (actor) => s.services.workflows.add(actor, { name: `hook-${actor}`, url: 'https://hooks.example.com/x' })],
    ['list staff', 'admin', (actor) => s.services.staff.list(actor)],
    ['add staff', 'admin', (actor) => s.services.staff.save(actor, { id: '0b5e0a5e-3333-4c1e-9e3a-3f0c2a1d5e77', displayName: 'New', roles: ['viewer'] })],
    ['list templates', 'admin', (actor) => s.services.templates.list(actor)],
    ['preview a template', 'admin', (actor) => s.services.templates.preview(actor, 'invitation', 'en')],
    ['reset a template', 'admin', (actor) => s.services.templates.reset(actor, 'invitation', 'en')],
    ['see the branding settings', 'admin', (actor) => s.services.branding.show(actor)],
    ['change the branding', 'admin', (actor) => s.services.branding.set(actor, { colour: '#7a1f5c' })],
    ['look at the outbox', 'admin', (actor) => s.services.jobs.list(actor, {})],
    ['list who redeemed', 'viewer', (actor) => s.services.invitations.redeemers(actor, invitationId)],
    ['see statistics', 'viewer', (actor) => s.services.stats.invitations(actor)],
    ['read the audit trail', 'admin', (actor) => s.services.audit.list(actor)],
    ['export the audit trail', 'admin', (actor) => s.services.audit.export(actor)],
    ['retry every dead letter', 'admin', (actor) => s.services.jobs.retryAllDead(actor)],
  ];
  /** Allowed: it may still fail for what it finds (revoking twice), never for who asked. */
  const notRefused = (work: Promise<unknown>) => work.catch((error: Error & { code?: string }) => assert.notEqual(error.code, 'not_allowed', error.message));
  const allowed = (role: StaffRole | 'stranger', least: StaffRole) =>
    role !== 'stranger' && (role === 'admin' || role === least || least === 'viewer');

  for (const [what, least] of useCases) {
    it(`${what}: ${least} or admin only`, async () => {
      const run = useCases.find(([name]) => name === what)![2];
      for (const role of ['stranger', 'viewer', 'approver', 'inviter', 'admin'] as const) {
        if (allowed(role, least)) await notRefused(run(MEMBERS[role]));
        else await assert.rejects(run(MEMBERS[role]), { code: 'not_allowed' }, `${role} may not ${what}`);
      }
      await notRefused(run('cli')); // the admin CLI on this machine may do everything
    });
  }

  it('refuses someone without the role before looking anything up, so an unknown reference answers the same', async () => {
    for (const reference of [invitationId, 'no-such-id', code, 'person1@example.com']) {
      await assert.rejects(s.services.invitations.details(MEMBERS.stranger, reference), { code: 'not_allowed' }, reference);
      await assert.rejects(s.services.invitations.revoke(MEMBERS.viewer, reference), { code: 'not_allowed' }, reference);
    }
    assert.equal((await s.services.invitations.find('cli', invitationId)).status, 'sent');
  });

  it('leaves no trace of a refused change', async () => {
    await assert.rejects(s.services.invitations.revoke(MEMBERS.approver, invitationId), { code: 'not_allowed' });
    const actions = (await s.store.audit.listForSubject(invitationId, { limit: 10 })).items.map((e) => e.action);
    assert.deepEqual(actions, ['invitation.created']);
  });
});

describe('services: one invitation look-up by id, code or e-mail', () => {
  const s = useSeededServices(2);

  it('finds by id, by the code in any spelling, and by an invited contact\'s e-mail (the newest invitation)', async () => {
    const [ada, alan] = s.seed.contacts;
    const older = await s.services.invitations.create('cli', { type: 'single', invitedContactIds: [ada!.id], name: 'older' });
    s.clock.advance(1000);
    const newer = await s.services.invitations.create('cli', { type: 'group', maxRedemptions: 2, invitedContactIds: [ada!.id, alan!.id], name: 'newer' });
    const find = (reference: string) => s.services.invitations.find('cli', reference);
    assert.equal((await find(` ${older.invitation.id} `)).name, 'older');
    assert.equal((await find(older.code.toLowerCase().replace(/-/g, ' '))).name, 'older');
    assert.equal((await find(older.code.replace(/-/g, ''))).name, 'older');
    assert.equal((await find(ada!.primaryEmail!.toUpperCase())).name, 'newer');
    assert.equal((await find(alan!.primaryEmail!)).name, 'newer');
    assert.equal((await s.services.invitations.details('cli', alan!.primaryEmail!)).id, newer.invitation.id);
  });

  it('says "not found" for an unknown id, e-mail or code, and for a code-length reference no code could be', async () => {
    const find = (reference: string) => s.services.invitations.find('cli', reference);
    await assert.rejects(find('missing'), { code: 'not_found', message: 'Invitation missing was not found.' });
    await assert.rejects(find('nobody@example.com'), { code: 'not_found' });
    await assert.rejects(find(s.seed.contacts[1]!.primaryEmail!), { code: 'not_found' }, 'a contact never invited');
    await assert.rejects(find('ABCD-ABCD-ABCD-ABCD'), { code: 'not_found', message: 'Invitation with that code was not found.' });
    await assert.rejects(find('!!!!-!!!!-!!!!-!!!!'), { code: 'not_found' });
  });

  it('changes the invitation an e-mail names, the same way as by id', async () => {
    const { invitation } = await s.services.invitations.create('cli', { type: 'single', invitedContactIds: [s.seed.contacts[0]!.id] });
    await s.services.invitations.revoke('cli', s.seed.contacts[0]!.primaryEmail!, 'wrong list');
    assert.equal((await s.services.invitations.find('cli', invitation.id)).status, 'revoked');
  });
});
