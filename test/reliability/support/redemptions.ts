import assert from 'node:assert/strict';
import type { createServices } from '../../../src/services/index.ts';
import type { Store } from '../../../src/store/port.ts';
import type { TestDatabase } from './databases.ts';

/**
 * An invitation with everything a redemption touches: its own account, two web roles, a workflow,
 * a staff member as its maker (so each redemption also queues a notice), and a pool of contacts
 * that try to redeem it (nobody outside the pool does).
 */
export type Cast = {
  label: string;
  invitationId: string;
  code: string;
  maxRedemptions: number;
  accountId: string;
  roleIds: string[];
  /** The contacts that try to redeem it; the first is the invited one. */
  pool: string[];
};

type Services = ReturnType<typeof createServices>;

/** The staff member (an Entra object id) who makes the invitations, so that redemptions queue notices. */
export const INVITER = '0b5e0a5e-1111-4c1e-9e3a-3f0c2a1d5e77';

/** Job kinds a redemption queues, one each per redeemer (see src/services/redeemInvitation.ts). */
export const REDEMPTION_JOB_KINDS = ['workflow', 'redemption.mail', 'notice'] as const;

export async function seedCast(services: Services, label: string, options: { contacts: number; maxRedemptions: number; single?: boolean }): Promise<Cast> {
  const account = await services.accounts.add(`${label} Ltd`);
  const roles = [await services.webRoles.add(`${label} Customer`), await services.webRoles.add(`${label} Partner`)];
  const workflow = await services.workflows.add('cli', { name: `${label}-sync`, url: `https://hooks.example.com/${label}` });
  const pool: string[] = [];
  for (let i = 1; i <= options.contacts; i++) {
    pool.push((await services.contacts.add({ firstName: `${label}${i}`, lastName: 'Tester', primaryEmail: `${label}${i}@example.com` })).id);
  }
  const { invitation, code } = await services.invitations.create(INVITER, {
    type: options.single ? 'single' : 'group', name: label,
    invitedContactIds: options.single ? [pool[0]!] : pool.slice(0, 3),
    ...(options.single ? {} : { maxRedemptions: options.maxRedemptions }),
    assignToAccountId: account.id, webRoleIds: roles.map((r) => r.id), workflow: workflow.name,
  });
  return { label, invitationId: invitation.id, code, maxRedemptions: invitation.maxRedemptions, accountId: account.id, roleIds: roles.map((r) => r.id).sort(), pool };
}

/**
 * Checks, on a store just opened (so nothing is half done), that the redemptions of the cast's
 * invitation are whole and exact, and returns its redeemers:
 * - the invitation's `remaining` is its maximum less the redeemers recorded, never below 0;
 * - one activity per redeemer, no more, no fewer;
 * - every redeemer has the account and all the web roles; nobody else in the pool has any of them;
 * - each redemption job (workflow, mail, notice) is queued exactly once per redeemer.
 */
export async function checkRedemptions(database: TestDatabase, store: Store, cast: Cast): Promise<string[]> {
  const where = `${cast.label} on ${database.kind}`;
  const redeemers = (await database.redeemersOf(cast.invitationId)).sort();
  assert.equal(new Set(redeemers).size, redeemers.length, `${where}: a contact is recorded twice as redeemer`);
  const outsiders = redeemers.filter((id) => !cast.pool.includes(id));
  assert.deepEqual(outsiders, [], `${where}: redeemers from outside the pool`);

  const invitation = await store.invitations.get(cast.invitationId);
  assert.ok(invitation, `${where}: the invitation is gone`);
  assert.ok(redeemers.length <= cast.maxRedemptions, `${where}: ${redeemers.length} redeemers for at most ${cast.maxRedemptions}`);
  assert.equal(invitation.remaining, cast.maxRedemptions - redeemers.length, `${where}: remaining does not match the ${redeemers.length} redeemers`);

  const activities: string[] = [];
  for (let after: string | null = null; ;) {
    const page = await store.activities.listForInvitation(cast.invitationId, { after, limit: 100 });
    activities.push(...page.items.map((a) => a.contactId));
    if (!(after = page.next)) break;
  }
  assert.deepEqual(activities.sort(), redeemers, `${where}: activities do not match the redeemers one to one`);

  const redeemerSet = new Set(redeemers);
  const contacts = await store.contacts.getMany(cast.pool);
  assert.equal(contacts.length, cast.pool.length, `${where}: contacts went missing`);
  for (const contact of contacts) {
    const got = { parentAccountId: contact.parentAccountId, webRoleIds: [...contact.webRoleIds].sort() };
    if (redeemerSet.has(contact.id)) {
      assert.deepEqual(got, { parentAccountId: cast.accountId, webRoleIds: cast.roleIds }, `${where}: redeemer ${contact.id} is not fully applied`);
    } else {
      assert.deepEqual(got, { parentAccountId: null, webRoleIds: [] }, `${where}: ${contact.id} did not redeem but was changed`);
    }
  }

  for (const kind of REDEMPTION_JOB_KINDS) {
    const jobContacts: string[] = [];
    for (let after: string | null = null; ;) {
      const page = await store.jobs.list({ kind, subjectId: cast.invitationId }, { after, limit: 100 });
      // The notice names its contact in its id only (notice:redeemed:<invitation>:<activity>:<contact>).
      jobContacts.push(...page.items.map((job) => (job.payload.contactId as string | undefined) ?? job.id.split(':').at(-1)!));
      if (!(after = page.next)) break;
    }
    assert.deepEqual(jobContacts.sort(), redeemers, `${where}: ${kind} jobs do not match the redeemers one to one`);
  }
  return redeemers;
}
