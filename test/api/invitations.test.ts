import assert from 'node:assert/strict';
import { useApi, type Auth } from './support.ts';

const BASE = '/api/v1';

describe('API: invitations', () => {
  const api = useApi();
  let writer: Auth;
  let reader: Auth;
  let admin: Auth;
  beforeEach(async () => {
    writer = { key: await api.keyFor(['Invitations.ReadWrite'], 'CRM') };
    reader = { key: await api.keyFor(['Invitations.Read'], 'Reports') };
    admin = { key: await api.keyFor(['Admin'], 'Ops') };
  });
  const single = async (auth: Auth = writer, extra: object = {}) =>
    (await api.call('post', `${BASE}/invitations`, auth, { type: 'single', contacts: [api.seed.contacts[0]!.primaryEmail], expires: '14d', ...extra })).body as { id: string; code: string; version: number };

  describe('create', () => {
    it('invites a single contact and a group (people created, company and roles by name), answering 201 with the code once, Location and ETag', async () => {
      const created = await api.call('post', `${BASE}/invitations`, writer, { type: 'single', contacts: [api.seed.contacts[0]!.id], roles: ['Customer'] });
      assert.equal(created.status, 201);
      assert.match(created.body.code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
      assert.equal(created.headers.location, `${BASE}/invitations/${created.body.id}`);
      assert.equal(created.headers.etag, '"v1"');
      assert.equal(created.body.creator.name, 'API key "CRM"');
      assert.deepEqual(created.body.webRoles.map((r: { name: string }) => r.name), ['Customer']);

      const group = await api.call('post', `${BASE}/invitations`, writer, {
        type: 'group', maxRedemptions: 5, company: 'Fabrikam', people: [{ email: 'new@example.com', firstName: 'New', lastName: 'Person' }], contacts: [api.seed.contacts[1]!.id],
      });
      assert.equal(group.status, 201);
      assert.equal(group.body.status, 'pending-approval');
      assert.equal(group.body.account.name, 'Fabrikam');
      assert.deepEqual(group.body.invitedContacts.map((c: { email: string }) => c.email).sort(), ['new@example.com', 'person2@example.com']);
    });

    it('refuses each invalid input class: a missing field, a wrong type, an unknown field, an unknown id, a broken rule', async () => {
      const missing = await api.call('post', `${BASE}/invitations`, writer, { contacts: ['x'] });
      assert.equal(missing.status, 400);
      assert.equal(missing.body.code, 'invalid_input');
      assert.deepEqual(missing.body.errors, [{ field: 'type', message: 'is required' }]);
      const wrongType = await api.call('post', `${BASE}/invitations`, writer, { type: 'group', maxRedemptions: 'five', contacts: ['x'] });
      assert.equal(wrongType.status, 400);
      assert.equal(wrongType.body.errors[0].field, 'maxRedemptions');
      const unknownField = await api.call('post', `${BASE}/invitations`, writer, { type: 'single', contacts: ['x'], codeSealed: 'x' });
      assert.deepEqual(unknownField.body.errors, [{ field: 'codeSealed', message: 'is not a field of this request' }]);
      const unknownContact = await api.call('post', `${BASE}/invitations`, writer, { type: 'single', contacts: ['nobody@example.com'] });
      assert.equal(unknownContact.status, 404);
      assert.equal(unknownContact.body.code, 'not_found');
      const rule = await api.call('post', `${BASE}/invitations`, writer, { type: 'group', contacts: [api.seed.contacts[0]!.id] });
      assert.equal(rule.status, 400);
      assert.deepEqual(rule.body.errors.map((e: { field: string }) => e.field), ['maxRedemptions']);
      const badExpiry = await api.call('post', `${BASE}/invitations`, writer, { type: 'single', contacts: [api.seed.contacts[0]!.id], expires: 'soonish' });
      assert.equal(badExpiry.body.errors[0].field, 'expires');
      const noBody = await api.call('post', `${BASE}/invitations`, writer);
      assert.equal(noBody.status, 400);
    });

    it('is refused to a Read client, and skipping approval to anyone but Admin', async () => {
      const refused = await api.call('post', `${BASE}/invitations`, reader, { type: 'single', contacts: [api.seed.contacts[0]!.id] });
      assert.equal(refused.status, 403);
      assert.equal(refused.body.code, 'not_allowed');
      const group = { type: 'group', maxRedemptions: 2, contacts: [api.seed.contacts[0]!.id], skipApproval: true };
      assert.equal((await api.call('post', `${BASE}/invitations`, writer, group)).status, 403);
      const skipped = await api.call('post', `${BASE}/invitations`, admin, group);
      assert.equal(skipped.body.status, 'sent');
      assert.equal((await api.store.invitations.list({}, { limit: 10 })).items.length, 1);
    });
  });

  describe('find and list', () => {
    it('gets one by id, by code and by e-mail, the code masked unless an inviter asks for it', async () => {
      const { id, code } = await single();
      for (const reference of [id, code, code.toLowerCase().replace(/-/g, ' '), api.seed.contacts[0]!.primaryEmail!]) {
        const found = await api.call('get', `${BASE}/invitations/${encodeURIComponent(reference)}`, reader);
        assert.equal(found.status, 200);
        assert.equal(found.body.id, id);
        assert.equal(found.headers.etag, '"v1"');
        assert.notEqual(found.body.code, code);
      }
      assert.equal((await api.call('get', `${BASE}/invitations/${id}?revealCode=true`, writer)).body.code, code);
      assert.equal((await api.call('get', `${BASE}/invitations/${id}?revealCode=true`, reader)).status, 403);
      assert.equal((await api.call('get', `${BASE}/invitations/${id}?revealCode=maybe`, reader)).status, 400);
      const unknown = await api.call('get', `${BASE}/invitations/no-such-id`, reader);
      assert.equal(unknown.status, 404);
      assert.equal((await api.call('get', `${BASE}/invitations/${id}`, null)).status, 401);
    });

    it('lists with filters (status, contact, account, created range) a cursor page at a time', async () => {
      const first = await single(writer, { account: 'Contoso Ltd' });
      api.clock.advance(60_000);
      const second = await single(writer, { contacts: [api.seed.contacts[1]!.id] });
      api.clock.advance(60_000);
      const third = await single(writer, { contacts: [api.seed.contacts[2]!.id], account: api.seed.account.id });
      await api.call('post', `${BASE}/invitations/${second.id}/revoke`, writer, {});
      const ids = async (query: string) => (await api.call('get', `${BASE}/invitations?${query}`, reader)).body.items.map((i: { id: string }) => i.id);
      assert.deepEqual(await ids(''), [third.id, second.id, first.id]);
      assert.deepEqual(await ids('status=revoked'), [second.id]);
      assert.deepEqual(await ids(`contact=${encodeURIComponent('person2@example.com')}`), [second.id]);
      assert.deepEqual(await ids('account=Contoso%20Ltd'), [third.id, first.id]);
      const created = (await api.services.invitations.find('cli', second.id)).createdAt.toISOString();
      assert.deepEqual(await ids(`createdFrom=${created}`), [third.id, second.id]);
      assert.deepEqual(await ids(`createdBefore=${created}`), [first.id]);
      const page1 = await api.call('get', `${BASE}/invitations?limit=2`, reader);
      assert.equal(page1.body.items.length, 2);
      const page2 = await api.call('get', `${BASE}/invitations?limit=2&after=${page1.body.next}`, reader);
      assert.deepEqual(page2.body.items.map((i: { id: string }) => i.id), [first.id]);
      assert.equal(page2.body.next, null);
      for (const bad of ['status=lost', 'limit=0', 'limit=many', 'createdFrom=yesterday', 'colour=red', 'after=garbage']) {
        const refused = await api.call('get', `${BASE}/invitations?${bad}`, reader);
        assert.equal(refused.status, 400, bad);
        assert.equal(refused.body.code, 'invalid_input', bad);
      }
      assert.equal((await api.call('get', `${BASE}/invitations?contact=nobody@example.com`, reader)).status, 404);
    });

    it('lists the redemptions and resets of an invitation', async () => {
      const { id, code } = await single();
      await api.services.invitations.redeem({ code, contactId: api.seed.contacts[0]!.id });
      const redeemed = await api.call('get', `${BASE}/invitations/${id}/activities`, reader);
      assert.deepEqual(redeemed.body.items.map((a: { kind: string }) => a.kind), ['redemption']);
      api.clock.advance(1000);
      await api.call('post', `${BASE}/invitations/${id}/reset-redemption`, writer, { contact: api.seed.contacts[0]!.id, reason: 'colleague' });
      const both = await api.call('get', `${BASE}/invitations/${id}/activities?limit=1`, reader);
      assert.deepEqual(both.body.items.map((a: { kind: string }) => a.kind), ['redemption-reset']);
      assert.ok(both.body.next);
      assert.equal((await api.call('get', `${BASE}/invitations/nope/activities`, reader)).status, 404);
    });
  });

  describe('changes', () => {
    it('revokes, extends and resends, each answered with the invitation and its new ETag; a Read client may not', async () => {
      const { id } = await single();
      const extended = await api.call('post', `${BASE}/invitations/${id}/extend`, writer, { expires: '60d' });
      assert.equal(extended.status, 200);
      assert.equal(extended.headers.etag, '"v2"');
      assert.equal(new Date(extended.body.expiresAt).getTime(), api.clock().getTime() + 60 * 86_400_000);
      assert.equal((await api.call('post', `${BASE}/invitations/${id}/extend`, writer, { expires: null })).body.expiresAt, null);
      assert.equal((await api.call('post', `${BASE}/invitations/${id}/resend`, writer)).status, 200);
      for (const [verb, body] of [['revoke', {}], ['extend', { expires: '1d' }], ['resend', undefined]] as const) {
        const refused = await api.call('post', `${BASE}/invitations/${id}/${verb}`, reader, body);
        assert.equal(refused.status, 403, verb);
      }
      const revoked = await api.call('post', `${BASE}/invitations/${id}/revoke`, writer, { reason: 'wrong list' });
      assert.equal(revoked.body.status, 'revoked');
      const again = await api.call('post', `${BASE}/invitations/${id}/revoke`, writer, {});
      assert.equal(again.status, 409);
      assert.equal(again.body.code, 'invalid_state');
      assert.equal((await api.call('post', `${BASE}/invitations/${id}/extend`, writer, {})).status, 400);
      assert.equal((await api.call('post', `${BASE}/invitations/${id}/extend`, writer, { expires: 'later' })).status, 400);
      assert.equal((await api.call('post', `${BASE}/invitations/unknown/revoke`, writer, {})).status, 404);
    });

    it('makes a draft or a scheduled one, sends a draft, and renews an expired invitation in one step; a Read client may do neither', async () => {
      const draft = await single(writer, { draft: true, reminderDays: 2 });
      const made = await api.call('get', `${BASE}/invitations/${draft.id}`, reader);
      assert.deepEqual([made.body.status, made.body.reminderDays], ['draft', 2]);
      assert.equal((await api.call('post', `${BASE}/invitations/${draft.id}/send`, reader)).status, 403);
      const sent = await api.call('post', `${BASE}/invitations/${draft.id}/send`, writer);
      assert.deepEqual([sent.status, sent.body.status], [200, 'sent']);
      const twice = await api.call('post', `${BASE}/invitations/${draft.id}/send`, writer, {});
      assert.deepEqual([twice.status, twice.body.code], [409, 'invalid_state']);
      const scheduled = await single(writer, { draft: true, sendAt: '2d' });
      assert.equal(new Date((await api.call('get', `${BASE}/invitations/${scheduled.id}`, reader)).body.sendAt).getTime(), api.clock().getTime() + 2 * 86_400_000);
      assert.equal((await api.call('post', `${BASE}/invitations`, writer, { type: 'single', contacts: ['x@example.com'], sendAt: 42 })).status, 400);

      const short = await single(writer, { expires: '1d' });
      api.clock.advance(2 * 86_400_000);
      assert.equal((await api.call('get', `${BASE}/invitations/${short.id}`, reader)).body.status, 'expired');
      assert.equal((await api.call('post', `${BASE}/invitations/${short.id}/renew`, reader, { expires: '14d' })).status, 403);
      assert.equal((await api.call('post', `${BASE}/invitations/${short.id}/renew`, writer, {})).status, 400);
      const renewed = await api.call('post', `${BASE}/invitations/${short.id}/renew`, writer, { expires: '14d' });
      assert.deepEqual([renewed.status, renewed.body.status], [200, 'sent']);
      assert.equal((await api.call('post', `${BASE}/invitations/unknown/renew`, writer, { expires: '14d' })).status, 404);
    });

    it('changes only while If-Match names the current version (412 otherwise)', async () => {
      const { id } = await single();
      const stale = await api.call('post', `${BASE}/invitations/${id}/extend`, writer, { expires: '5d' }, { 'If-Match': '"v7"' });
      assert.equal(stale.status, 412);
      assert.equal(stale.body.code, 'precondition_failed');
      assert.equal((await api.call('post', `${BASE}/invitations/${id}/extend`, writer, { expires: '5d' }, { 'If-Match': 'garbage' })).status, 412);
      const fresh = await api.call('post', `${BASE}/invitations/${id}/extend`, writer, { expires: '5d' }, { 'If-Match': '"v1"' });
      assert.equal(fresh.status, 200);
      assert.equal((await api.call('post', `${BASE}/invitations/${id}/revoke`, writer, {}, { 'If-Match': fresh.headers.etag! })).status, 200);
    });

    it('resets a redemption (with a new code on request), refusing an unknown contact and a contact that did not redeem', async () => {
      const { id, code } = await single();
      assert.equal((await api.call('post', `${BASE}/invitations/${id}/reset-redemption`, writer, { contact: api.seed.contacts[0]!.id })).status, 409);
      await api.services.invitations.redeem({ code, contactId: api.seed.contacts[0]!.id });
      assert.equal((await api.call('post', `${BASE}/invitations/${id}/reset-redemption`, writer, { contact: 'ghost@example.com' })).status, 404);
      assert.equal((await api.call('post', `${BASE}/invitations/${id}/reset-redemption`, writer, {})).status, 400);
      assert.equal((await api.call('post', `${BASE}/invitations/${id}/reset-redemption`, reader, { contact: api.seed.contacts[0]!.id })).status, 403);
      const reset = await api.call('post', `${BASE}/invitations/${id}/reset-redemption`, writer, { contact: api.seed.contacts[0]!.id, reissue: true, reason: 'wrong person' });
      assert.equal(reset.status, 200);
      assert.equal(reset.body.redemptions, 0);
      assert.equal(reset.body.resets.length, 1);
    });

    it('approves and rejects waiting invitations: Admin only, never its own, a rejection says why', async () => {
      const asked = (await api.call('post', `${BASE}/invitations`, writer, { type: 'group', maxRedemptions: 3, contacts: [api.seed.contacts[0]!.id] })).body;
      assert.equal((await api.call('post', `${BASE}/invitations/${asked.id}/approve`, writer)).status, 403);
      assert.equal((await api.call('post', `${BASE}/invitations/${asked.id}/reject`, admin, {})).status, 400);
      const approved = await api.call('post', `${BASE}/invitations/${asked.id}/approve`, admin);
      assert.equal(approved.body.status, 'sent');
      assert.equal(approved.body.decider.name, 'API key "Ops"');
      assert.equal((await api.call('post', `${BASE}/invitations/${asked.id}/approve`, admin)).status, 409);
      const other = (await api.call('post', `${BASE}/invitations`, writer, { type: 'group', maxRedemptions: 3, contacts: [api.seed.contacts[1]!.id] })).body;
      const rejected = await api.call('post', `${BASE}/invitations/${other.id}/reject`, admin, { reason: 'not a partner' });
      assert.equal(rejected.body.status, 'rejected');
      assert.equal(rejected.body.decisionReason, 'not a partner');
      const own = (await api.call('post', `${BASE}/invitations`, admin, { type: 'group', maxRedemptions: 3, contacts: [api.seed.contacts[2]!.id] })).body;
      assert.equal((await api.call('post', `${BASE}/invitations/${own.id}/approve`, admin)).status, 403);
    });
  });

  describe('batches', () => {
    it('previews with dryRun (nothing written), then makes one single invitation per line and lists rejected lines', async () => {
      const text = 'ada@example.com\nGrace Hopper <grace@example.com>\nno address here\n';
      const preview = await api.call('post', `${BASE}/invitation-batches`, writer, { text, company: 'Fabrikam', dryRun: true });
      assert.equal(preview.status, 200);
      assert.equal(preview.body.count, 2);
      assert.equal((await api.store.invitations.list({}, { limit: 10 })).items.length, 0);
      const made = await api.call('post', `${BASE}/invitation-batches`, writer, { text, company: 'Fabrikam' });
      assert.equal(made.status, 201);
      assert.equal(made.body.invited, 2);
      assert.deepEqual(made.body.rejected.map((r: { line: number }) => r.line), [3]);
      assert.equal((await api.call('post', `${BASE}/invitation-batches`, reader, { text })).status, 403);
      assert.equal((await api.call('post', `${BASE}/invitation-batches`, writer, { text: 'nothing' })).status, 400);
      assert.equal((await api.call('post', `${BASE}/invitation-batches`, writer, {})).status, 400);
    });

    it('decides a waiting batch as a whole (Admin)', async () => {
      const made = api.services.forApiClient({ actor: 'api:key:x', name: 'x', roles: ['Invitations.ReadWrite'] }).invitations.many;
      const preview = await made.preview('api:key:x', { text: 'a@example.com\nb@example.com' });
      const { batchId, requiresApproval } = await made.confirm('api:key:x', preview.key);
      assert.equal(requiresApproval, false);
      const refused = await api.call('post', `${BASE}/invitation-batches/${batchId}/approve`, admin);
      assert.equal(refused.status, 409);
      assert.equal((await api.call('post', `${BASE}/invitation-batches/${batchId}/reject`, writer, { reason: 'no' })).status, 403);
      assert.equal((await api.call('post', `${BASE}/invitation-batches/unknown/approve`, admin)).status, 404);
    });
  });
});

describe('API: batches that wait for approval (APPROVAL_REQUIRED=all)', () => {
  const api = useApi({ approvalRequiredForAll: true });

  it('approves one batch and rejects another as a whole, saying why', async () => {
    const writer = { key: await api.keyFor(['Invitations.ReadWrite'], 'CRM') };
    const admin = { key: await api.keyFor(['Admin'], 'Ops') };
    const first = await api.call('post', `${BASE}/invitation-batches`, writer, { text: 'a@example.com\nb@example.com' });
    assert.equal(first.body.requiresApproval, true);
    const approved = await api.call('post', `${BASE}/invitation-batches/${first.body.batchId}/approve`, admin);
    assert.deepEqual(approved.body, { batchId: first.body.batchId, decided: 2, approved: true });
    assert.equal((await api.call('post', `${BASE}/invitation-batches/${first.body.batchId}/reject`, admin, { reason: 'late' })).status, 409);
    const second = await api.call('post', `${BASE}/invitation-batches`, writer, { text: 'c@example.com' });
    assert.equal((await api.call('post', `${BASE}/invitation-batches/${second.body.batchId}/reject`, admin, {})).status, 400);
    const rejected = await api.call('post', `${BASE}/invitation-batches/${second.body.batchId}/reject`, admin, { reason: 'not ours' });
    assert.deepEqual(rejected.body, { batchId: second.body.batchId, decided: 1, approved: false });
    const statuses = (await api.call('get', `${BASE}/invitations`, writer)).body.items.map((i: { status: string }) => i.status).sort();
    assert.deepEqual(statuses, ['rejected', 'sent', 'sent']);
  });
});
