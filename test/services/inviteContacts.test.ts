import assert from 'node:assert/strict';
import { createCodeVault } from '../../src/domain/codeVault.ts';
import { serviceContext } from '../../src/services/context.ts';
import { createServices } from '../../src/services/index.ts';
import { TEST_CODE_SECRET, useSeededServices } from '../support/services.ts';
import { invitationsAndSendJobs, oncePerRequestKey } from './requestKeyBehaviour.ts';

describe('services: inviting contacts', () => {
  const s = useSeededServices(2);

  describe('the default name', () => {
    it('names a single invitation after its contact and the date of the service clock', async () => {
      s.clock.set('2031-03-01T23:30:00Z');
      const { invitation } = await s.services.invitations.invite('cli', { type: 'single', people: [{ email: 'grace@example.com', firstName: 'Grace', lastName: 'Hopper' }], company: 'Fabrikam' });
      assert.equal(invitation.name, 'Grace Hopper – 2031-03-01');
    });

    it('uses the e-mail of a contact without a name', async () => {
      const { invitation } = await s.services.invitations.invite('cli', { type: 'single', people: [{ email: 'nameless@example.com', firstName: '', lastName: '' }] });
      assert.equal(invitation.name, 'nameless@example.com – 2026-06-01');
    });

    it('names a group after its company, or else its first contact and how many more', async () => {
      const withCompany = await s.services.invitations.invite('cli', { type: 'group', contactLines: 'a@example.com\nb@example.com', maxRedemptions: 2, company: 'Fabrikam' });
      assert.equal(withCompany.invitation.name, 'Fabrikam – 2026-06-01');
      const without = await s.services.invitations.invite('cli', { type: 'group', contacts: ['person1@example.com', 'person2@example.com'], maxRedemptions: 2 });
      assert.equal(without.invitation.name, 'person1 Tester and 1 more – 2026-06-01');
    });

    it('keeps a name that is given', async () => {
      const { invitation } = await s.services.invitations.invite('cli', { type: 'single', contacts: ['person1@example.com'], name: '  Spring fair  ' });
      assert.equal(invitation.name, 'Spring fair');
    });
  });

  describe('a request key', () => {
    oncePerRequestKey(() => s);

    it('keeps the keys of different actors, and different keys, apart', async () => {
      await s.store.staff.upsert({ id: 'staff-inviter', displayName: 'Ivy', roles: ['inviter'], createdAt: s.clock() });
      const request = { type: 'single' as const, contacts: ['person1@example.com'], requestKey: 'form-1' };
      await s.services.invitations.invite('cli', request);
      await s.services.invitations.invite('staff-inviter', request);
      await s.services.invitations.invite('cli', { ...request, requestKey: 'form-2' });
      assert.deepEqual(await invitationsAndSendJobs(s.store), [3, 3]);
    });

    it('lets a request that failed be sent again, corrected, with the same key', async () => {
      const request = { type: 'single' as const, people: [{ email: 'grace@example.com', firstName: '', lastName: '' }], requestKey: 'form-1' };
      await assert.rejects(s.services.invitations.invite('cli', { ...request, expires: 'soon' }), /Expires/);
      await assert.rejects(Promise.all([s.services.invitations.invite('cli', { ...request, expires: 'soon' }), s.services.invitations.invite('cli', { ...request, expires: 'soon' })]), /Expires/);
      const { invitation } = await s.services.invitations.invite('cli', { ...request, expires: '7d' });
      assert.equal((await s.services.invitations.invite('cli', request)).invitation.id, invitation.id);
      assert.deepEqual(await invitationsAndSendJobs(s.store), [1, 1]);
    });

    it('refuses a key that is empty or too long before anything is made', async () => {
      for (const requestKey of ['', 'x'.repeat(201), 'a\nb']) {
        await assert.rejects(s.services.invitations.invite('cli', { type: 'single', contacts: ['person1@example.com'], requestKey }), /requestKey/);
      }
      assert.deepEqual(await invitationsAndSendJobs(s.store), [0, 0]);
    });
  });

  describe('the redirect URL', () => {
    const withAllowlist = () => createServices(serviceContext({
      store: s.store, clock: s.clock, vault: createCodeVault(TEST_CODE_SECRET),
      redirectPolicy: { publicBaseUrl: 'https://invites.contoso.com', allowlist: ['portal.contoso.com'] },
    }));
    const invite = (redirectUrl: string) => withAllowlist().invitations.invite('cli', { type: 'single', contacts: ['person1@example.com'], redirectUrl });

    it('takes this site or an allow-listed https host, as the site will follow it after redemption', async () => {
      assert.equal((await invite('https://portal.contoso.com/welcome')).invitation.redirectUrl, 'https://portal.contoso.com/welcome');
      assert.equal((await invite('https://invites.contoso.com/profile')).invitation.redirectUrl, 'https://invites.contoso.com/profile');
    });

    it('refuses any other, which the site would not follow, before anything is made', async () => {
      for (const url of ['https://evil.example.com/', 'http://portal.contoso.com/', 'https://user:pw@portal.contoso.com/']) {
        await assert.rejects(invite(url), (error: { problems?: { field: string; message: string }[] }) => {
          assert.deepEqual(error.problems?.map(({ field, message }) => ({ field, message })), [{ field: 'redirectUrl', message: 'is neither this site nor an https site on REDIRECT_ALLOWLIST' }], url);
          return true;
        });
      }
      assert.deepEqual(await invitationsAndSendJobs(s.store), [0, 0]);
    });
  });
});
