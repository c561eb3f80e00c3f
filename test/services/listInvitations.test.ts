import assert from 'node:assert/strict';
import { useSeededServices } from '../support/services.ts';

const DAY = 86_400_000;

describe('listing invitations', () => {
  const s = useSeededServices(3);

  it('filters by status (expiry taken from the clock), contact and name, in pages', async () => {
    const make = async (name: string, contact: number, expiresInDays: number | null) => {
      s.clock.advance(1000);
      return s.services.invitations.create('cli', {
        type: 'single', name, invitedContactIds: [s.seed.contacts[contact]!.id],
        expiresAt: expiresInDays === null ? null : new Date(s.clock().getTime() + expiresInDays * DAY),
      });
    };
    const a = await make('Alpha', 0, 1);
    await make('Beta', 1, 10);
    const c = await make('Gamma', 2, null);
    await s.services.invitations.revoke('cli', c.invitation.id);
    s.clock.advance(2 * DAY);

    const names = async (filter: object, page: object = {}) => (await s.services.invitations.list('cli', filter, page)).items.map((i) => i.name);
    assert.deepEqual(await names({ status: 'expired' }), ['Alpha']);
    assert.deepEqual(await names({ status: 'sent' }), ['Beta']);
    assert.deepEqual(await names({ status: 'revoked' }), ['Gamma']);
    assert.deepEqual(await names({ contact: s.seed.contacts[0]!.primaryEmail! }), ['Alpha']);
    assert.deepEqual(await names({ search: 'be' }), ['Beta']);
    const first = await s.services.invitations.list('cli', {}, { limit: 2 });
    assert.deepEqual(first.items.map((i) => [i.name, i.status]), [['Gamma', 'revoked'], ['Beta', 'sent']]);
    assert.deepEqual(await names({}, { limit: 2, after: first.next }), ['Alpha']);
    assert.equal(a.invitation.name, 'Alpha');
  });

  it('refuses an unknown status, a bad cursor and an unknown contact with clear messages', async () => {
    await assert.rejects(s.services.invitations.list('cli', { status: 'lost' }), { message: /status: must be one of draft, pending-approval/ });
    await assert.rejects(s.services.invitations.list('cli', {}, { after: 'garbage' }), { message: /cursor: is not a cursor/ });
    await assert.rejects(s.services.invitations.list('cli', {}, { limit: 1000 }), { code: 'invalid_input' });
    await assert.rejects(s.services.invitations.list('cli', { contact: 'nobody@example.com' }), { code: 'not_found' });
  });

  it('lists "mine": what the speaker owns or created; names the owner and creator, never by object id', async () => {
    const IVY = 'bbbbbbbb-0000-4000-8000-000000000002';
    await s.services.staff.save('cli', { id: IVY, displayName: 'Ivy Inviter', roles: ['inviter'] });
    const contact = [s.seed.contacts[0]!.id];
    const byIvy = await s.services.invitations.create(IVY, { type: 'single', name: 'By Ivy', invitedContactIds: contact });
    s.clock.advance(1000);
    await s.services.invitations.create('cli', { type: 'single', name: 'For Ivy', ownerId: IVY, invitedContactIds: contact });
    s.clock.advance(1000);
    await s.services.invitations.create('cli', { type: 'single', name: 'By the CLI', invitedContactIds: contact });
    assert.deepEqual((await s.services.invitations.list(IVY, { mine: true })).items.map((i) => i.name), ['For Ivy', 'By Ivy']);
    assert.deepEqual((await s.services.invitations.list('cli', { mine: true })).items.map((i) => i.name), ['By the CLI', 'For Ivy']);
    const details = await s.services.invitations.details(IVY, byIvy.invitation.id);
    assert.deepEqual([details.creator.name, details.owner], ['Ivy Inviter', null]);
    const [cliMade, forIvy] = (await s.services.invitations.list('cli', {}, { limit: 2 })).items;
    assert.equal((await s.services.invitations.details(IVY, cliMade!.id)).creator.name, 'the admin CLI');
    assert.equal((await s.services.invitations.details(IVY, forIvy!.id)).owner?.name, 'Ivy Inviter');
    const firsts = await s.services.invitations.firstInvitedContacts(IVY, [byIvy.invitation.id]);
    assert.equal(firsts.get(byIvy.invitation.id)?.email, s.seed.contacts[0]!.primaryEmail);
  });
});
