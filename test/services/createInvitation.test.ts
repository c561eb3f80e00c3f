import assert from 'node:assert/strict';
import { useSeededServices } from '../support/services.ts';

describe('creating invitations', () => {
  const s = useSeededServices(3);

  const problemsOf = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      return (error as { problems?: { field: string; message: string }[] }).problems?.map((p) => `${p.field}: ${p.message}`) ?? [(error as Error).message];
    }
    assert.fail('expected the input to be refused');
  };

  it('creates a group invitation with every field and returns its code once', async () => {
    const { invitation, code } = await s.services.invitations.create('cli', {
      type: 'group', name: 'Spring partners', invitedContactIds: s.seed.contacts.map((c) => c.id), maxRedemptions: 3,
      expiresAt: new Date('2026-07-01T00:00:00Z'), assignToAccountId: s.seed.account.id, webRoleIds: s.seed.roles.map((r) => r.id),
      inviterContactId: s.seed.contacts[0]!.id, workflow: 'crm-sync', locale: 'da', redirectUrl: 'https://portal.example/welcome',
    });
    assert.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    const details = await s.services.invitations.details('cli', invitation.id);
    assert.equal(details.status, 'sent');
    assert.equal(details.redemptions, 0);
    assert.equal(details.account!.name, 'Contoso Ltd');
    assert.deepEqual(details.webRoles.map((r) => r.name), ['Customer', 'Partner']);
    assert.deepEqual(details.invitedContacts.map((c) => c.email), s.seed.contacts.map((c) => c.primaryEmail));
    assert.equal(details.code, `••••-••••-••••-${code.slice(-4)}`);
    assert.equal((await s.services.invitations.details('cli', invitation.id, { revealCode: true })).code, code);
    assert.equal((await s.services.invitations.find('cli', code.toLowerCase())).id, invitation.id);
    const audit = await s.store.audit.listForSubject(invitation.id, { limit: 5 });
    assert.deepEqual(audit.items.map((e) => [e.actor, e.action]), [['cli', 'invitation.created']]);
  });

  it('gives a single invitation exactly one contact and one redemption', async () => {
    const { invitation } = await s.services.invitations.create('cli', { type: 'single', invitedContactIds: [s.seed.contacts[0]!.id] });
    assert.equal(invitation.maxRedemptions, 1);
    assert.deepEqual(await problemsOf(s.services.invitations.create('cli', { type: 'single', invitedContactIds: s.seed.contacts.map((c) => c.id) })),
      ['invitedContactIds: a single invitation invites exactly one contact']);
    assert.deepEqual(await problemsOf(s.services.invitations.create('cli', { type: 'single', invitedContactIds: [s.seed.contacts[0]!.id], maxRedemptions: 5 })),
      ['maxRedemptions: a single invitation is redeemed once; use a group invitation for more']);
  });

  it('needs at least one contact and a maximum of at least 1 for a group', async () => {
    assert.deepEqual(await problemsOf(s.services.invitations.create('cli', { type: 'group', invitedContactIds: [], maxRedemptions: 2 })),
      ['invitedContactIds: needs at least one contact']);
    assert.deepEqual(await problemsOf(s.services.invitations.create('cli', { type: 'group', invitedContactIds: [s.seed.contacts[0]!.id] })),
      ['maxRedemptions: a group invitation needs a maximum number of redemptions']);
    assert.deepEqual(await problemsOf(s.services.invitations.create('cli', { type: 'group', invitedContactIds: [s.seed.contacts[0]!.id], maxRedemptions: 0 })),
      ['maxRedemptions: must be at least 1']);
  });

  it('refuses an expiry that is not in the future', async () => {
    assert.deepEqual(await problemsOf(s.services.invitations.create('cli', { type: 'single', invitedContactIds: [s.seed.contacts[0]!.id], expiresAt: s.clock() })),
      ['expiresAt: must be in the future']);
  });

  it('refuses contacts without a primary e-mail, naming them, even if they have other addresses', async () => {
    const noMail = await s.services.contacts.add({ firstName: 'Nomail', lastName: 'Person', secondaryEmail: 'other@example.com' });
    assert.deepEqual(await problemsOf(s.services.invitations.create('cli', { type: 'group', maxRedemptions: 2, invitedContactIds: [s.seed.contacts[0]!.id, noMail.id] })),
      ['invitedContactIds: Nomail Person has no primary e-mail, so the invitation cannot be sent to them']);
  });

  it('reports every unknown reference at once and writes nothing', async () => {
    const problems = await problemsOf(s.services.invitations.create('cli', {
      type: 'group', maxRedemptions: 2, invitedContactIds: ['nope'], assignToAccountId: 'no-account', webRoleIds: ['no-role'], inviterContactId: 'no-inviter', ownerId: 'no-owner',
    }));
    assert.deepEqual(problems, [
      'invitedContactIds: Contact nope was not found.',
      'inviterContactId: contact no-inviter was not found',
      'assignToAccountId: account no-account was not found',
      'webRoleIds: web role no-role was not found',
      'ownerId: staff member no-owner was not found',
    ]);
    assert.equal((await s.services.invitations.list('cli')).items.length, 0);
  });

  it('holds an invitation for approval when asked', async () => {
    const { invitation } = await s.services.invitations.create('cli', { type: 'single', invitedContactIds: [s.seed.contacts[0]!.id], requiresApproval: true });
    assert.equal((await s.services.invitations.find('cli', invitation.id)).status, 'pending-approval');
  });

  it('refuses a redirect that is not an http(s) URL and an unknown locale', async () => {
    assert.deepEqual(await problemsOf(s.services.invitations.create('cli', {
      type: 'single', invitedContactIds: [s.seed.contacts[0]!.id], redirectUrl: 'javascript:alert(1)', locale: 'fr' as 'en',
    })), ['locale: must be one of en, da', 'redirectUrl: must be an http(s) URL']);
  });
});
