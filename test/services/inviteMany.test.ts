import assert from 'node:assert/strict';
import { ConflictError, InvitationStateError, NotAllowedError, ValidationError } from '../../src/domain/errors.ts';
import { JOB_KINDS } from '../../src/domain/jobKinds.ts';
import { englishPhrase } from '../../src/domain/phrases.ts';
import { createServices } from '../../src/services/index.ts';
import { serviceContext } from '../../src/services/context.ts';
import { createCodeVault } from '../../src/domain/codeVault.ts';
import type { Store } from '../../src/store/port.ts';
import { TEST_CODE_SECRET, useSeededServices } from '../support/services.ts';
import { contactList, countingStore } from '../support/contactLists.ts';

const INVITER = '00000000-0000-4000-8000-00000000000a';
const APPROVER = '00000000-0000-4000-8000-00000000000b';
const VIEWER = '00000000-0000-4000-8000-00000000000c';

const invitationsIn = async (store: Store) => {
  const all = [];
  for (let after: string | null = null, first = true; first || after; first = false) {
    const page = await store.invitations.list({}, { limit: 500, after });
    all.push(...page.items);
    after = page.next;
  }
  return all;
};
const jobCount = async (store: Store, kind: string) => Object.values(await store.jobs.countByState({ kind })).reduce((a, b) => a + b, 0);

describe('inviting many contacts at once', () => {
  const s = useSeededServices(2);
  beforeEach(async () => {
    await s.store.staff.upsert({ id: INVITER, displayName: 'Ines Inviter', roles: ['inviter'], createdAt: s.clock() });
    await s.store.staff.upsert({ id: APPROVER, displayName: 'Abe Approver', roles: ['approver'], createdAt: s.clock() });
    await s.store.staff.upsert({ id: VIEWER, displayName: 'Vic Viewer', roles: ['viewer'], createdAt: s.clock() });
  });

  it('previews 1,000 lines (12 bad) without writing, then makes 988 single invitations and 988 mail jobs in bounded store work', async () => {
    const { text, bad } = contactList(1_000, 12, { known: ['person1@example.com'] });
    const before = await invitationsIn(s.store);
    const preview = await s.services.invitations.many.preview(INVITER, { text, company: 'Contoso Ltd', roles: ['Customer'], expires: '14d', locale: 'da' });
    assert.equal(preview.count, 988);
    assert.deepEqual(preview.rejected.map((r) => r.line), bad);
    assert.ok(preview.rejected.every((r) => englishPhrase(r.reason).length < 60), 'reasons are short and never echo the line');
    assert.equal(preview.knownContacts, 1);
    assert.deepEqual(preview.newCompanies, ['Fabrikam']);
    assert.equal(preview.newContacts.length, 987);
    assert.deepEqual((await invitationsIn(s.store)).length, before.length);
    assert.equal(await s.store.contacts.findByPrimaryEmail(preview.newContacts[0]!.email), null, 'a preview creates no contact');

    const counted = countingStore(s.store);
    const services = createServices(serviceContext({ store: counted.store, clock: s.clock, vault: createCodeVault(TEST_CODE_SECRET) }));
    const result = await services.invitations.many.confirm(INVITER, preview.key);
    assert.deepEqual({ invited: result.invited, requiresApproval: result.requiresApproval, alreadyConfirmed: result.alreadyConfirmed }, { invited: 988, requiresApproval: false, alreadyConfirmed: false });
    assert.ok(counted.calls() < 40, `store calls for 988 invitations: ${counted.calls()} (${JSON.stringify(counted.byMethod())})`);

    const made = (await invitationsIn(s.store)).filter((i) => !before.some((b) => b.id === i.id));
    assert.equal(made.length, 988);
    assert.ok(made.every((i) => i.type === 'single' && i.lifecycle === 'sent' && i.locale === 'da' && i.webRoleIds[0] === s.seed.roles[0]!.id));
    assert.equal(new Set(made.map((i) => i.codeLookupKey)).size, 988, 'each its own code');
    assert.ok(made.every((i) => i.expiresAt?.getTime() === s.clock().getTime() + 14 * 86_400_000));
    assert.equal(made.filter((i) => i.assignToAccountId === s.seed.account.id).length, 987, 'the form company, where a line names none');
    const fabrikam = await s.store.accounts.findByName('Fabrikam');
    assert.equal(made.filter((i) => i.assignToAccountId === fabrikam?.id).length, 1, 'the company a line names, created as invite does');
    assert.equal(await jobCount(s.store, JOB_KINDS.invitationSend), 988);
    const known = await s.store.contacts.findByPrimaryEmail('person1@example.com');
    assert.equal((await s.store.invitations.list({ invitedContactId: known!.id }, { limit: 5 })).items.length, 1, 'a known contact is matched, not duplicated');
  });

  it('confirms a preview once, however often and however fast Confirm is pressed', async () => {
    const { text } = contactList(20, 0);
    const preview = await s.services.invitations.many.preview(INVITER, { text });
    const first = await s.services.invitations.many.confirm(INVITER, preview.key);
    const again = await s.services.invitations.many.confirm(INVITER, preview.key);
    assert.equal(again.alreadyConfirmed, true);
    assert.equal(again.batchId, first.batchId);
    assert.equal(await jobCount(s.store, JOB_KINDS.invitationSend), 20);

    const second = await s.services.invitations.many.preview(INVITER, { text: contactList(20, 0, { prefix: 'other' }).text });
    const both = await Promise.allSettled([s.services.invitations.many.confirm(INVITER, second.key), s.services.invitations.many.confirm(INVITER, second.key)]);
    assert.equal(both.filter((o) => o.status === 'fulfilled' && !o.value.alreadyConfirmed).length, 1);
    for (const outcome of both) if (outcome.status === 'rejected') assert.ok(outcome.reason instanceof ConflictError);
    assert.equal(await jobCount(s.store, JOB_KINDS.invitationSend), 40);
  });

  it('finishes a confirm that died half-way: the next confirm after its lease writes only what is missing, under the same batch', async () => {
    const { text } = contactList(600, 0, { prefix: 'crash' });
    const preview = await s.services.invitations.many.preview(INVITER, { text });
    let writes = 0;
    const dying: Store = { ...s.store, invitations: { ...s.store.invitations, insertMany: async (entries) => {
      if (++writes === 2) throw new Error('the process died here');
      return s.store.invitations.insertMany(entries);
    } } };
    const crashed = createServices(serviceContext({ store: dying, clock: s.clock, vault: createCodeVault(TEST_CODE_SECRET) }));
    await assert.rejects(crashed.invitations.many.confirm(INVITER, preview.key), /the process died here/);
    const halfWay = (await invitationsIn(s.store)).filter((i) => i.batchId);
    assert.equal(halfWay.length, 500, 'the first chunk was written before the crash');

    await assert.rejects(s.services.invitations.many.confirm(INVITER, preview.key), ConflictError, 'while the dead confirm\'s lease runs, nobody writes twice');
    s.clock.advance(5 * 60_000 + 1);
    const finished = await s.services.invitations.many.confirm(INVITER, preview.key);
    assert.deepEqual([finished.invited, finished.alreadyConfirmed, finished.batchId], [600, false, halfWay[0]!.batchId]);
    const made = (await invitationsIn(s.store)).filter((i) => i.batchId === finished.batchId);
    assert.equal(made.length, 600, 'each contact once');
    assert.equal(await jobCount(s.store, JOB_KINDS.invitationSend), 600, 'one mail each');
    const batch = await s.services.invitations.many.batch('cli', finished.batchId);
    assert.equal(batch.count, 600);
    assert.equal((await s.services.invitations.many.confirm(INVITER, preview.key)).alreadyConfirmed, true);
  });

  it('lets only inviters preview and confirm, and only their own preview', async () => {
    const { text } = contactList(3, 0);
    await assert.rejects(s.services.invitations.many.preview(VIEWER, { text }), NotAllowedError);
    const preview = await s.services.invitations.many.preview(INVITER, { text });
    await assert.rejects(s.services.invitations.many.confirm(VIEWER, preview.key), NotAllowedError);
    await assert.rejects(s.services.invitations.many.confirm('cli', preview.key), ValidationError);
    assert.equal((await s.services.invitations.many.confirm(INVITER, preview.key)).invited, 3);
  });

  it('refuses a list over 1,000 contacts or over the size limit, and an empty one, with a clear message', async () => {
    await assert.rejects(s.services.invitations.many.preview(INVITER, { text: contactList(1_001, 0).text }), /at most 1,000 contacts/);
    await assert.rejects(s.services.invitations.many.preview(INVITER, { text: 'x'.repeat(600_000) }), /at most 512 KB/);
    await assert.rejects(s.services.invitations.many.preview(INVITER, { text: 'nobody here\n\n' }), /No line holds a contact; contacts: line 1: has no e-mail address/);
    await assert.rejects(s.services.invitations.many.preview(INVITER, { text: 'a@example.com', expires: 'someday' }), /Expires/);
  });

  describe('with APPROVAL_REQUIRED=all', () => {
    beforeEach(() => {
      (s.services.invitations as unknown as { many: unknown }).many = createServices(serviceContext({
        store: s.store, clock: s.clock, vault: createCodeVault(TEST_CODE_SECRET), invitePolicy: { approvalRequiredForAll: true, defaultExpiry: '30d' },
      })).invitations.many;
    });

    it('makes the batch wait as one request, and one approval sends all of it', async () => {
      const preview = await s.services.invitations.many.preview(INVITER, { text: contactList(30, 0).text });
      assert.equal(preview.requiresApproval, true);
      const { batchId, requiresApproval } = await s.services.invitations.many.confirm(INVITER, preview.key);
      assert.equal(requiresApproval, true);
      assert.equal((await invitationsIn(s.store)).filter((i) => i.lifecycle === 'pending-approval').length, 30);
      assert.equal(await jobCount(s.store, JOB_KINDS.invitationSend), 0);
      const notices = (await s.store.jobs.list({ kind: JOB_KINDS.notice }, { limit: 50 })).items;
      assert.deepEqual(notices.map((n) => n.payload.to), [APPROVER], 'one approval request for the batch, to each approver');

      await assert.rejects(s.services.invitations.many.decideBatch(INVITER, batchId, { approve: true }), NotAllowedError);
      const outcome = await s.services.invitations.many.decideBatch(APPROVER, batchId, { approve: true });
      assert.deepEqual(outcome, { batchId, decided: 30, approved: true });
      assert.equal((await invitationsIn(s.store)).filter((i) => i.lifecycle === 'sent' && i.decidedBy === APPROVER).length, 30);
      assert.equal(await jobCount(s.store, JOB_KINDS.invitationSend), 30);
      await assert.rejects(s.services.invitations.many.decideBatch(APPROVER, batchId, { approve: false, reason: 'no' }), ConflictError);
      const told = (await s.store.jobs.list({ kind: JOB_KINDS.notice }, { limit: 50 })).items.filter((n) => n.payload.to === INVITER);
      assert.equal(told.length, 1, 'the requester hears once for the batch');
    });

    it('refuses to approve or reject one member of a waiting batch on its own, naming the batch decision', async () => {
      const preview = await s.services.invitations.many.preview(INVITER, { text: contactList(3, 0).text });
      const { batchId } = await s.services.invitations.many.confirm(INVITER, preview.key);
      const members = (await invitationsIn(s.store)).filter((i) => i.batchId === batchId);
      assert.equal(members.length, 3, 'each invitation knows its batch');
      await assert.rejects(s.services.invitations.approve(APPROVER, members[0]!.id), (error: Error) => error instanceof InvitationStateError && /list of 3 invitations/.test(error.message) && /approve or reject the list/i.test(error.message));
      await assert.rejects(s.services.invitations.reject(APPROVER, members[1]!.id, 'no'), InvitationStateError);
      assert.ok((await invitationsIn(s.store)).filter((i) => i.batchId === batchId).every((i) => i.lifecycle === 'pending-approval'));
      const waiting = await s.services.invitations.many.batch(VIEWER, batchId);
      assert.deepEqual({ pending: waiting.pending, count: waiting.count, shown: waiting.contacts.length, more: waiting.moreContacts, approvers: waiting.approvers, decision: waiting.decision },
        { pending: true, count: 3, shown: 3, more: 0, approvers: [APPROVER], decision: null });
      assert.equal((await s.services.invitations.many.decideBatch(APPROVER, batchId, { approve: true })).decided, 3);
      const decided = await s.services.invitations.many.batch(VIEWER, batchId);
      assert.deepEqual({ pending: decided.pending, approved: decided.decision?.approved, by: decided.decision?.by, n: decided.decision?.decided }, { pending: false, approved: true, by: APPROVER, n: 3 });
    });

    it('rejects a whole batch with a reason, and never lets the requester decide it', async () => {
      await s.store.staff.upsert({ id: INVITER, displayName: 'Ines', roles: ['inviter', 'approver'], createdAt: s.clock() });
      const preview = await s.services.invitations.many.preview(INVITER, { text: contactList(5, 0).text });
      const { batchId } = await s.services.invitations.many.confirm(INVITER, preview.key);
      await assert.rejects(s.services.invitations.many.decideBatch(INVITER, batchId, { approve: true }), NotAllowedError);
      await assert.rejects(s.services.invitations.many.decideBatch(APPROVER, batchId, { approve: false, reason: ' ' }), ValidationError);
      assert.equal((await s.services.invitations.many.decideBatch(APPROVER, batchId, { approve: false, reason: 'Wrong list' })).decided, 5);
      assert.equal((await invitationsIn(s.store)).filter((i) => i.lifecycle === 'rejected' && i.decisionReason === 'Wrong list').length, 5);
    });
  });
});
