import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { RedemptionResetActivity } from '../../../src/domain/activity.ts';
import { NotFoundError, NotRedeemedError } from '../../../src/domain/errors.ts';
import { invitationStatus, type Invitation } from '../../../src/domain/invitation.ts';
import type { RedemptionResetRequest, Store } from '../../../src/store/port.ts';
import { activity, at, audit, contact, job, NOW, snapshot, storedInvitation, useStore, type MakeStore } from '../fixtures.ts';

function redeem(store: Store, invitationId: string, contactId: string, when = NOW) {
  return store.invitations.redeem({ invitationId, contactId, now: when, activity: activity(invitationId, contactId, when), jobs: [] });
}

function reset(store: Store, invitationId: string, contactId: string, overrides: Partial<RedemptionResetRequest> = {}) {
  const id = randomUUID();
  return store.invitations.resetRedemption({
    invitationId, contactId, now: at(5000),
    activity: { id, at: at(5000), actor: 'cli', reason: 'redeemed by the wrong person' },
    audit: audit(invitationId, { id, action: 'invitation.redemption-reset', at: at(5000), detail: { contactId } }),
    jobs: [job({ id: `notice:${id}` })],
    newCode: null,
    ...overrides,
  });
}

export function redemptionResetBehaviour(makeStore: MakeStore): void {
  describe('resetting a redemption', () => {
    const s = useStore(makeStore);

    async function directory() {
      const accounts = [0, 1].map(() => ({ id: randomUUID(), name: `Account ${randomUUID()}`, createdAt: NOW }));
      const roles = [0, 1, 2].map(() => ({ id: randomUUID(), name: `Role ${randomUUID()}`, createdAt: NOW }));
      for (const a of accounts) await s.store.accounts.insert(a);
      for (const r of roles) await s.store.webRoles.insert(r);
      return { accounts, roles };
    }

    async function group(overrides: Partial<Invitation>) {
      return (await storedInvitation(s.store, { type: 'group', maxRedemptions: 3, remaining: 3, ...overrides })).invitation;
    }

    async function person(overrides = {}) {
      const c = contact(overrides);
      await s.store.contacts.insert(c);
      return c;
    }

    it('gives the slot back and takes away the account and roles it gave, ending sessions, with an activity, audit event and jobs', async () => {
      const { accounts, roles } = await directory();
      const invitation = await group({ assignToAccountId: accounts[0]!.id, webRoleIds: [roles[0]!.id, roles[1]!.id] });
      const ada = await person();
      const redeemed = await redeem(s.store, invitation.id, ada.id);
      const request = { activity: { id: randomUUID(), at: at(5000), actor: 'staff-1', reason: 'wrong person' } };
      const result = await reset(s.store, invitation.id, ada.id, request);

      assert.equal(result.invitation.remaining, 3);
      assert.equal(result.invitation.version, redeemed.invitation.version + 1);
      assert.deepEqual([result.contact.parentAccountId, result.contact.webRoleIds, result.contact.sessionGeneration], [null, [], 1]);
      assert.deepEqual(await s.store.contacts.get(ada.id), result.contact);
      assert.deepEqual(await s.store.invitations.get(invitation.id), result.invitation);
      const expected: RedemptionResetActivity = {
        kind: 'redemption-reset', id: request.activity.id, invitationId: invitation.id, contactId: ada.id, at: at(5000), actor: 'staff-1',
        reason: 'wrong person', redemptionActivityId: (await s.store.activities.listForInvitation(invitation.id, { limit: 10 })).items[1]!.id,
        accountId: accounts[0]!.id, webRoleIds: [roles[0]!.id, roles[1]!.id].sort(), identities: [], localAccountRemoved: false, reissued: false,
      };
      assert.deepEqual(result.activity, expected);
      const listed = (await s.store.activities.listForInvitation(invitation.id, { limit: 10 })).items;
      assert.deepEqual(listed.map((a) => a.kind ?? 'redemption'), ['redemption-reset', 'redemption']);
      assert.deepEqual(listed[0], expected);
      assert.deepEqual((await s.store.audit.listForSubject(invitation.id, { limit: 10 })).items.map((e) => e.action), ['invitation.redemption-reset', 'invitation.created']);
      assert.equal((await s.store.jobs.list({}, { limit: 10 })).items.length, 1);
      assert.deepEqual(await s.store.invitations.redemptionsOf(ada.id), []);
    });

    it('turns a redeemed single invitation back to sent', async () => {
      const { invitation, invited } = await storedInvitation(s.store);
      await redeem(s.store, invitation.id, invited[0]!.id);
      assert.equal(invitationStatus((await s.store.invitations.get(invitation.id))!, NOW), 'redeemed');
      const result = await reset(s.store, invitation.id, invited[0]!.id);
      assert.equal(invitationStatus(result.invitation, NOW), 'sent');
      assert.equal(result.invitation.remaining, 1);
    });

    it('keeps what the contact also holds from staff or from another redemption that stands', async () => {
      const { accounts, roles } = await directory();
      const first = await group({ assignToAccountId: accounts[0]!.id, webRoleIds: [roles[0]!.id, roles[1]!.id] });
      const second = await group({ assignToAccountId: accounts[1]!.id, webRoleIds: [roles[1]!.id] });

      const staffMade = await person({ parentAccountId: accounts[0]!.id, webRoleIds: [roles[0]!.id] });
      await redeem(s.store, first.id, staffMade.id);
      const kept = await reset(s.store, first.id, staffMade.id);
      assert.deepEqual([kept.contact.parentAccountId, kept.contact.webRoleIds], [accounts[0]!.id, [roles[0]!.id]]);
      assert.deepEqual([kept.activity.accountId, kept.activity.webRoleIds], [null, [roles[1]!.id]]);

      const twice = await person();
      await redeem(s.store, second.id, twice.id, at(1));
      await redeem(s.store, first.id, twice.id, at(2));
      const fellBack = await reset(s.store, first.id, twice.id);
      assert.deepEqual([fellBack.contact.parentAccountId, fellBack.contact.webRoleIds], [accounts[1]!.id, [roles[1]!.id]]);
      assert.deepEqual([fellBack.activity.accountId, fellBack.activity.webRoleIds], [accounts[0]!.id, [roles[0]!.id]]);
      assert.deepEqual((await s.store.invitations.redemptionsOf(twice.id)).map((r) => r.invitationId), [second.id]);

      const staffAccount = await person({ parentAccountId: accounts[1]!.id });
      await redeem(s.store, first.id, staffAccount.id);
      assert.equal((await s.store.contacts.get(staffAccount.id))!.parentAccountId, accounts[0]!.id);
      assert.equal((await reset(s.store, first.id, staffAccount.id)).contact.parentAccountId, accounts[1]!.id, 'back to the account staff set');
    });

    it('takes away a grant that staff removed and a redemption gave again', async () => {
      const { roles } = await directory();
      const invitation = await group({ webRoleIds: [roles[0]!.id] });
      const ada = await person({ webRoleIds: [roles[0]!.id] });
      assert.equal(await s.store.contacts.removeWebRole(ada.id, roles[0]!.id), true);
      await redeem(s.store, invitation.id, ada.id);
      assert.deepEqual((await reset(s.store, invitation.id, ada.id)).contact.webRoleIds, []);
    });

    it('unlinks the identities and deletes the local account bound through this invitation, and nothing else', async () => {
      const invitation = await group({});
      const other = randomUUID();
      const ada = await person();
      const eve = await person();
      const issuer = 'https://login.example';
      await redeem(s.store, invitation.id, ada.id);
      await s.store.contacts.addIdentity(ada.id, { issuer, subject: 'by-code', viaInvitationId: invitation.id, linkedAt: NOW });
      await s.store.contacts.addIdentity(ada.id, { issuer, subject: 'proven', viaInvitationId: null, linkedAt: NOW });
      await s.store.contacts.addIdentity(ada.id, { issuer, subject: 'elsewhere', viaInvitationId: other });
      await s.store.localAccounts.create({ contactId: ada.id, email: ada.primaryEmail!, passwordHash: 'h', createdAt: NOW, updatedAt: NOW, viaInvitationId: invitation.id });
      await redeem(s.store, invitation.id, eve.id);
      await s.store.localAccounts.create({ contactId: eve.id, email: eve.primaryEmail!, passwordHash: 'h', createdAt: NOW, updatedAt: NOW, viaInvitationId: other });

      const result = await reset(s.store, invitation.id, ada.id);
      assert.deepEqual(result.contact.identities.map((i) => i.subject), ['proven', 'elsewhere']);
      assert.equal(await s.store.contacts.findByIdentity(issuer, 'by-code'), null);
      assert.equal((await s.store.contacts.findByIdentity(issuer, 'proven'))!.id, ada.id);
      assert.equal(await s.store.localAccounts.get(ada.id), null);
      assert.deepEqual([result.activity.identities, result.activity.localAccountRemoved], [[{ issuer, subject: 'by-code' }], true]);

      const eveReset = await reset(s.store, invitation.id, eve.id);
      assert.ok(await s.store.localAccounts.get(eve.id), 'an account bound through another invitation stays');
      assert.equal(eveReset.activity.localAccountRemoved, false);
    });

    it('lets the contact redeem again', async () => {
      const { roles } = await directory();
      const invitation = await group({ webRoleIds: [roles[2]!.id] });
      const ada = await person();
      await redeem(s.store, invitation.id, ada.id);
      await reset(s.store, invitation.id, ada.id);
      const again = await redeem(s.store, invitation.id, ada.id, at(9000));
      assert.equal(again.invitation.remaining, 2);
      assert.deepEqual(again.contact.webRoleIds, [roles[2]!.id]);
      assert.equal((await s.store.invitations.redemptionsOf(ada.id)).length, 1);
    });

    it('replaces the code in the same step when asked: the old one no longer finds the invitation', async () => {
      const { invitation, invited } = await storedInvitation(s.store);
      await redeem(s.store, invitation.id, invited[0]!.id);
      const result = await reset(s.store, invitation.id, invited[0]!.id, { newCode: { lookupKey: `key-${randomUUID()}`, sealed: 'sealed-new' } });
      assert.equal(await s.store.invitations.findByCodeLookupKey(invitation.codeLookupKey), null);
      assert.equal((await s.store.invitations.findByCodeLookupKey(result.invitation.codeLookupKey))!.id, invitation.id);
      assert.equal(result.invitation.codeSealed, 'sealed-new');
      assert.equal(result.activity.reissued, true);
    });

    it('refuses what was not redeemed, or was reset already, with a clear error and changes nothing', async () => {
      const invitation = await group({});
      const ada = await person();
      const before = await snapshot(s.store, invitation.id, ada.id);
      await assert.rejects(reset(s.store, invitation.id, ada.id), NotRedeemedError);
      assert.deepEqual(await snapshot(s.store, invitation.id, ada.id), before);

      await redeem(s.store, invitation.id, ada.id);
      await reset(s.store, invitation.id, ada.id);
      const afterReset = await snapshot(s.store, invitation.id, ada.id);
      await assert.rejects(reset(s.store, invitation.id, ada.id), { code: 'not_redeemed' });
      assert.deepEqual(await snapshot(s.store, invitation.id, ada.id), afterReset);
      await assert.rejects(reset(s.store, 'no-such-invitation', ada.id), NotFoundError);
      await assert.rejects(reset(s.store, invitation.id, 'no-such-contact'), NotFoundError);
    });

    it('resets one redemption once under 10 concurrent resets', async () => {
      const { roles } = await directory();
      const invitation = await group({ webRoleIds: [roles[0]!.id] });
      const ada = await person();
      await redeem(s.store, invitation.id, ada.id);
      const attempts = await Promise.allSettled(Array.from({ length: 10 }, () => reset(s.store, invitation.id, ada.id)));
      assert.equal(attempts.filter((a) => a.status === 'fulfilled').length, 1);
      assert.ok(attempts.every((a) => a.status === 'fulfilled' || a.reason instanceof NotRedeemedError), 'the others are told it is not redeemed');
      const after = await snapshot(s.store, invitation.id, ada.id);
      assert.equal(after.invitation!.remaining, 3);
      assert.equal(after.contact!.sessionGeneration, 1);
      assert.deepEqual(after.activities.map((a) => a.kind ?? 'redemption'), ['redemption-reset', 'redemption']);
      assert.equal(after.jobs.length, 1);
    });
  });
}
