import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import mongoose from 'mongoose';
import { createMongoStore } from '../../src/store/mongo/index.ts';
import { redeemAcrossProcesses } from '../support/processes.ts';
import { dropDatabase, outageProxy, startMongoServer, uniqueDatabaseName, withDatabase, type MongoServer } from '../../testkit/mongoServer.ts';
import { freePort } from '../../testkit/ports.ts';
import { seedDirectory, testClock, testServices, TEST_CODE_SECRET } from '../support/services.ts';
import { storeConformance } from './conformance.ts';
import { oncePerRequestKey } from '../services/requestKeyBehaviour.ts';
import { lifecycleBehaviour } from '../services/lifecycleBehaviour.ts';
import type { Services } from '../../src/services/index.ts';
import type { Store } from '../../src/store/port.ts';
import { randomUUID } from 'node:crypto';
import { audit, contact, invitation, job } from './fixtures.ts';

/*
 * The MongoDB adapter against a real server: MONGODB_URI if set, else a FerretDB started for
 * this file (see testkit/mongoServer.ts). Every store gets a database of its own.
 */
describe('MongoDB store', function () {
  let server: MongoServer | null = null;
  const freshUri = () => withDatabase(server!.uri, uniqueDatabaseName());

  before(async function () {
    this.timeout(60_000);
    server = await startMongoServer();
    if (!server) this.skip();
  });
  after(async () => {
    await server?.stop();
  });

  storeConformance('mongodb', async () => {
    const uri = freshUri();
    const store = await createMongoStore(uri);
    return { store, cleanup: async () => { await store.close(); await dropDatabase(uri); } };
  });

  describe('a request key', function () {
    this.timeout(120_000);
    const held = {} as { store: Store; services: Services; uri: string };
    beforeEach(async () => {
      held.uri = freshUri();
      held.store = await createMongoStore(held.uri);
      held.services = testServices(held.store, testClock(new Date())).services;
    });
    afterEach(async () => { await held.store.close(); await dropDatabase(held.uri); });
    oncePerRequestKey(() => held);
  });

  describe('invitation lifecycle: reminders, drafts, scheduled sends, renew', function () {
    this.timeout(120_000);
    lifecycleBehaviour(async () => {
      const uri = freshUri();
      const store = await createMongoStore(uri);
      return { store, cleanup: async () => { await store.close(); await dropDatabase(uri); } };
    });
  });

  describe('without transactions', function () {
    this.timeout(120_000);
    let uri: string;
    beforeEach(() => { uri = freshUri(); });
    afterEach(async () => { await dropDatabase(uri); });

    async function groupInvitation(contactCount: number, maxRedemptions: number) {
      const store = await createMongoStore(uri);
      const { services } = testServices(store, testClock(new Date()));
      const seeded = await seedDirectory(services, contactCount);
      const { invitation: created, code } = await services.invitations.create('cli', {
        type: 'group', invitedContactIds: seeded.contacts.slice(0, 3).map((c) => c.id), maxRedemptions,
        assignToAccountId: seeded.account.id, webRoleIds: seeded.roles.map((r) => r.id),
      });
      return { store, services, code, invitation: created, ...seeded };
    }

    it('completes a redemption whose process was killed between taking it and applying it, on the next start', async () => {
      const { store, code, invitation: created, contacts, account, roles } = await groupInvitation(2, 5);
      const redeemer = contacts[0]!;
      await store.close();

      const killed = await redeemInChildKilledAfterClaim(uri, code, redeemer.id);
      assert.equal(killed.signal, 'SIGKILL', `the child should have been killed after the claim; it said: ${killed.output}`);
      // As the crash left it (read around the store, whose start would finish the job): taken, not applied.
      const raw = await mongoose.createConnection(uri).asPromise();
      try {
        const left = await raw.collection('invitations').findOne({ _id: created.id as never });
        assert.deepEqual([left!.remaining, left!.pendingCount], [4, 1]);
        assert.deepEqual((await raw.collection('contacts').findOne({ _id: redeemer.id as never }))!.webRoleIds, []);
        assert.equal(await raw.collection('redemptionActivities').countDocuments(), 0);
      } finally {
        await raw.close();
      }

      const reopened = await createMongoStore(uri);
      try {
        assert.equal((await reopened.invitations.get(created.id))!.remaining, 4);
        const contact = (await reopened.contacts.get(redeemer.id))!;
        assert.equal(contact.parentAccountId, account.id);
        assert.deepEqual(contact.webRoleIds, roles.map((r) => r.id).sort());
        const activities = (await reopened.activities.listForInvitation(created.id, { limit: 10 })).items;
        assert.deepEqual(activities.map((a) => a.contactId), [redeemer.id]);
        assert.deepEqual(await reopened.recover(), { applied: 0, undone: 0 });

        const { services } = testServices(reopened, testClock(new Date()));
        await assert.rejects(services.invitations.redeem({ code, contactId: redeemer.id }), { code: 'already_redeemed' });
        const second = await services.invitations.redeem({ code, contactId: contacts[1]!.id });
        assert.equal(second.invitation.remaining, 3);
      } finally {
        await reopened.close();
      }
    });

    it('finishes an interrupted redemption when recover() runs, and only once', async () => {
      const { store, code, invitation: created, contacts } = await groupInvitation(1, 2);
      await store.close();
      const interrupted = await createMongoStore(uri, { hooks: { afterClaim: () => { throw new Error('interrupted'); } } });
      const { services } = testServices(interrupted, testClock(new Date()));
      await assert.rejects(services.invitations.redeem({ code, contactId: contacts[0]!.id }), /interrupted/);
      assert.deepEqual((await interrupted.contacts.get(contacts[0]!.id))!.webRoleIds, [], 'nothing applied before recovery');

      assert.deepEqual(await interrupted.recover(), { applied: 1, undone: 0 });
      assert.deepEqual(await interrupted.recover(), { applied: 0, undone: 0 });
      assert.equal((await interrupted.contacts.get(contacts[0]!.id))!.webRoleIds.length, 2);
      assert.equal((await interrupted.activities.listForInvitation(created.id, { limit: 10 })).items.length, 1);
      assert.equal((await interrupted.invitations.get(created.id))!.remaining, 1);
      await interrupted.close();
    });

    it('writes many invitations in a few commands and leaves no effect pending, also where another writer holds a marker', async () => {
      const store = await createMongoStore(uri);
      try {
        const people = [contact(), contact(), contact()];
        await store.contacts.insertMany(people);
        const entries = people.map((person) => {
          const made = invitation();
          return { invitation: made, invitedContactIds: [person.id], audit: audit(made.id, { action: 'invitation.created' }), jobs: [job({ subjectId: made.id })] };
        });
        const raw = await mongoose.createConnection(uri).asPromise();
        try {
          // A marker left by a writer that died: that invitation's effect is finished the slow way, once the marker counts as abandoned.
          await raw.collection('revisionMarkers').insertOne({ _id: JSON.stringify(['invitations', entries[1]!.invitation.id, 1]) as never, at: new Date(Date.now() - 60_000) });
          await store.invitations.insertMany(entries);
          const left = await raw.collection('invitations').find({ pendingCount: { $gt: 0 } }).toArray();
          assert.deepEqual(left, [], 'every effect was dropped');
        } finally {
          await raw.close();
        }
        assert.deepEqual(await store.recover(), { applied: 0, undone: 0 });
        for (const entry of entries) {
          assert.equal((await store.audit.listForSubject(entry.invitation.id, { limit: 5 })).items.length, 1);
          assert.ok(await store.jobs.get(entry.jobs[0]!.id));
        }
      } finally {
        await store.close();
      }
    });

    function resetRequest(invitationId: string, contactId: string) {
      const id = randomUUID();
      return {
        invitationId, contactId, now: new Date(), newCode: null, jobs: [job({ id: `notice:${id}` })],
        activity: { id, at: new Date(), actor: 'cli', reason: 'wrong person' },
        audit: audit(invitationId, { id, action: 'invitation.redemption-reset' }),
      };
    }

    it('finishes a reset interrupted after it was taken, once, even when two processes recover it at once', async () => {
      const { store, services: before, code, invitation: created, contacts } = await groupInvitation(1, 2);
      const ada = contacts[0]!;
      await before.invitations.redeem({ code, contactId: ada.id });
      await store.contacts.addIdentity(ada.id, { issuer: 'https://idp.example', subject: 'ada', viaInvitationId: created.id });
      await store.close();

      const interrupted = await createMongoStore(uri, { hooks: { afterResetClaim: () => { throw new Error('interrupted'); } } });
      const { services } = testServices(interrupted, testClock(new Date()));
      await assert.rejects(interrupted.invitations.resetRedemption(resetRequest(created.id, ada.id)), /interrupted/);
      assert.equal((await interrupted.invitations.get(created.id))!.remaining, 2, 'the slot is back at once');
      assert.equal((await interrupted.contacts.get(ada.id))!.webRoleIds.length, 2, 'nothing applied before recovery');
      await assert.rejects(services.invitations.redeem({ code, contactId: ada.id }), { code: 'already_redeemed' }, 'no new redemption while the reset is pending');
      await assert.rejects(interrupted.invitations.resetRedemption(resetRequest(created.id, ada.id)), { code: 'not_redeemed' }, 'a second reset is refused');

      const other = await createMongoStore(uri);
      try {
        const results = await Promise.all([interrupted.recover(), other.recover()]);
        assert.ok(results.every((r) => r.undone === 0));
        assert.deepEqual(await interrupted.recover(), { applied: 0, undone: 0 });
        const contact = (await other.contacts.get(ada.id))!;
        assert.deepEqual([contact.webRoleIds, contact.parentAccountId, contact.identities, contact.sessionGeneration], [[], null, [], 1]);
        assert.equal(await other.contacts.findByIdentity('https://idp.example', 'ada'), null);
        const activities = (await other.activities.listForInvitation(created.id, { limit: 10 })).items;
        assert.deepEqual(activities.map((a) => a.kind ?? 'redemption'), ['redemption-reset', 'redemption']);
        assert.equal(activities[0]!.webRoleIds.length, 2, 'the recovered record says what was taken');
        assert.equal((await other.audit.listForSubject(created.id, { limit: 10 })).items.filter((e) => e.action === 'invitation.redemption-reset').length, 1);
        assert.equal((await other.invitations.get(created.id))!.remaining, 2);

        const { services: again } = testServices(other, testClock(new Date()));
        assert.equal((await again.invitations.redeem({ code, contactId: ada.id })).invitation.remaining, 1, 'the contact can redeem again');
      } finally {
        await other.close();
        await interrupted.close();
      }
    });

    it('keeps, on a contact stored before provenance was kept, the roles no redemption explains', async () => {
      const { store, services, code, invitation: created, contacts, roles } = await groupInvitation(1, 2);
      const extra = await services.webRoles.add('Partner portal');
      const ada = contacts[0]!;
      const raw = await mongoose.createConnection(uri).asPromise();
      try {
        await raw.collection('contacts').updateOne({ _id: ada.id as never }, { $set: { webRoleIds: [extra.id] }, $unset: { staffWebRoleIds: '', staffAccountId: '' } });
      } finally {
        await raw.close();
      }
      await services.invitations.redeem({ code, contactId: ada.id });
      const result = await store.invitations.resetRedemption(resetRequest(created.id, ada.id));
      assert.deepEqual(result.contact.webRoleIds, [extra.id]);
      assert.deepEqual(result.activity.webRoleIds, roles.map((r) => r.id).sort());
      await store.close();
    });

    it('4 processes making 200 concurrent attempts on a group invitation of 10 give exactly 10', async () => {
      const { store, code, invitation: created, contacts, account } = await groupInvitation(200, 10);
      await store.close();

      const result = await redeemAcrossProcesses({ mongodbUri: uri }, code, contacts.map((c) => c.id), 4);
      assert.equal(result.succeeded, 10);
      assert.deepEqual(result.refused, { invitation_used_up: 190 });

      const reopened = await createMongoStore(uri);
      try {
        assert.equal((await reopened.invitations.get(created.id))!.remaining, 0);
        const activities = (await reopened.activities.listForInvitation(created.id, { limit: 100 })).items;
        assert.equal(activities.length, 10);
        assert.equal(new Set(activities.map((a) => a.contactId)).size, 10);
        const everyone = await reopened.contacts.getMany(contacts.map((c) => c.id));
        const changed = everyone.filter((c) => c.parentAccountId !== null || c.webRoleIds.length > 0);
        assert.deepEqual(changed.map((c) => c.id).sort(), activities.map((a) => a.contactId).sort());
        assert.ok(changed.every((c) => c.parentAccountId === account.id && c.webRoleIds.length === 2));
      } finally {
        await reopened.close();
      }
    });

    it('4 processes making 200 concurrent attempts by one contact on a single invitation give exactly 1', async () => {
      const store = await createMongoStore(uri);
      const { services } = testServices(store, testClock(new Date()));
      const { contacts } = await seedDirectory(services, 1);
      const { invitation: created, code } = await services.invitations.create('cli', { type: 'single', invitedContactIds: [contacts[0]!.id] });
      await store.close();

      const result = await redeemAcrossProcesses({ mongodbUri: uri }, code, Array(200).fill(contacts[0]!.id), 4);
      assert.equal(result.succeeded, 1);
      assert.deepEqual(result.refused, { already_redeemed: 199 });

      const reopened = await createMongoStore(uri);
      assert.equal((await reopened.invitations.get(created.id))!.remaining, 0);
      assert.equal((await reopened.activities.listForInvitation(created.id, { limit: 10 })).items.length, 1);
      await reopened.close();
    });

    it('keeps 10,000 invited contacts in order and pages through them', async () => {
      const store = await createMongoStore(uri);
      try {
        const ids = Array.from({ length: 10_000 }, (_, i) => `contact-${String(i).padStart(5, '0')}`);
        const record = invitation({ type: 'group', maxRedemptions: 10_000, invitedCount: ids.length });
        await store.invitations.insert(record, ids, audit(record.id));
        const seen: string[] = [];
        let after: string | null = null;
        do {
          const page = await store.invitations.invitedContactIds(record.id, { after, limit: 2500 });
          seen.push(...page.items);
          after = page.next;
        } while (after);
        assert.deepEqual(seen, ids);
        assert.equal(await store.invitations.isInvited(record.id, 'contact-09999'), true);
        assert.equal(await store.invitations.isInvited(record.id, 'contact-10000'), false);
      } finally {
        await store.close();
      }
    });
  });

  describe('connection', function () {
    this.timeout(30_000);

    it('fails to start with one line that names the server but not the password', async () => {
      const closedPort = await freePort();
      const started = Date.now();
      await assert.rejects(createMongoStore(`mongodb://admin:s3cret-pw@127.0.0.1:${closedPort}/invitedesk`), (error: Error) => {
        assert.match(error.message, new RegExp(`^Cannot reach MongoDB at mongodb://admin:\\*\\*\\*@127\\.0\\.0\\.1:${closedPort}/invitedesk: `));
        assert.doesNotMatch(error.message, /s3cret-pw|\n/);
        return true;
      });
      assert.ok(Date.now() - started < 15_000);
    });

    it('answers ping while the server is there, fails fast while it is gone, and recovers when it is back', async function () {
      const target = /^mongodb:\/\/(?:[^@/]*@)?([^/,?]+):(\d+)\//.exec(server!.uri);
      if (!target) {
        process.stderr.write('\n!!! MongoDB ping outage test SKIPPED: MONGODB_URI is not a single-host mongodb:// URI !!!\n\n');
        this.skip();
      }
      const proxy = await outageProxy(target[1]!, Number(target[2]));
      const uri = freshUri();
      const proxied = uri.replace(/^(mongodb:\/\/(?:[^@/]*@)?)[^/]+/, (_, start: string) => `${start}127.0.0.1:${proxy.port}`);
      const store = await createMongoStore(`${proxied}${proxied.includes('?') ? '&' : '?'}directConnection=true`);
      try {
        await store.ping();
        await proxy.down();
        const started = Date.now();
        await assert.rejects(store.ping());
        assert.ok(Date.now() - started < 6_000, `ping took ${Date.now() - started} ms to fail`);
        await proxy.up();
        await eventually(() => store.ping(), 10_000);

        proxy.hang();
        const hungAt = Date.now();
        await assert.rejects(store.ping());
        assert.ok(Date.now() - hungAt < 3_000, `ping took ${Date.now() - hungAt} ms to fail on a hung server`);
        proxy.unhang();
        await eventually(() => store.ping(), 15_000);
      } finally {
        await proxy.down();
        await store.close();
        await dropDatabase(uri);
      }
    });
  });
});

/** Runs a redemption in a new process whose store SIGKILLs it right after taking the redemption. */
function redeemInChildKilledAfterClaim(uri: string, code: string, contactId: string): Promise<{ signal: NodeJS.Signals | null; output: string }> {
  const module = (path: string) => JSON.stringify(new URL(`../../${path}`, import.meta.url).href);
  const script = `
    import { createMongoStore } from ${module('src/store/mongo/index.ts')};
    import { createCodeVault } from ${module('src/domain/codeVault.ts')};
    import { serviceContext } from ${module('src/services/context.ts')};
    import { createServices } from ${module('src/services/index.ts')};
    const input = JSON.parse(process.env.REDEEM_INPUT);
    const store = await createMongoStore(input.uri, { hooks: { afterClaim: () => { process.kill(process.pid, 'SIGKILL'); } } });
    const services = createServices(serviceContext({ store, vault: createCodeVault(input.secret) }));
    await services.invitations.redeem({ code: input.code, contactId: input.contactId });
    console.log('redeemed without being killed');`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, REDEEM_INPUT: JSON.stringify({ uri, code, contactId, secret: TEST_CODE_SECRET }) },
    });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; });
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.on('error', reject);
    child.on('close', (_code, signal) => resolve({ signal, output }));
  });
}

async function eventually(check: () => Promise<unknown>, withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
