import assert from 'node:assert/strict';
import { newJob } from '../../src/domain/job.ts';
import { useApi, type Auth } from './support.ts';

const BASE = '/api/v1';
const MEMBER = '6b1c1e0a-2f1d-4c5e-9a7b-1234567890ab';

describe('API: jobs, workflows and staff', () => {
  const api = useApi();
  let admin: Auth;
  let writer: Auth;
  beforeEach(async () => {
    admin = { key: await api.keyFor(['Admin'], 'Ops') };
    writer = { key: await api.keyFor(['Invitations.ReadWrite'], 'CRM') };
  });

  it('lists dead jobs and sends one round again (Admin only), without payloads', async () => {
    const now = api.clock();
    await api.store.jobs.enqueue(newJob({ id: 'job-1', kind: 'invitation.mail', payload: { to: 'secret@example.com' }, subjectId: 'inv-1' }, now));
    await api.store.jobs.claim('worker', now, 60_000);
    await api.store.jobs.deadLetter('job-1', 'worker', 'mailbox full', now);
    const dead = await api.call('get', `${BASE}/jobs?state=dead`, admin);
    assert.deepEqual(dead.body.items.map((j: { id: string; lastError: string }) => [j.id, j.lastError]), [['job-1', 'mailbox full']]);
    assert.ok(!dead.text.includes('secret@example.com'));
    assert.equal((await api.call('get', `${BASE}/jobs?state=dead`, writer)).status, 403);
    assert.equal((await api.call('get', `${BASE}/jobs?state=sleeping`, admin)).status, 400);
    const retried = await api.call('post', `${BASE}/jobs/job-1/retry`, admin);
    assert.equal(retried.body.state, 'queued');
    assert.equal((await api.call('post', `${BASE}/jobs/job-1/retry`, admin)).status, 409);
    assert.equal((await api.call('post', `${BASE}/jobs/nope/retry`, admin)).status, 404);
    assert.equal((await api.call('post', `${BASE}/jobs/job-1/retry`, writer)).status, 403);
  });

  it('adds a workflow (its secret answered once), lists workflows without secrets, removes one', async () => {
    const created = await api.call('post', `${BASE}/workflows`, admin, { name: 'erp-sync', url: 'https://hooks.example.com/erp' });
    assert.equal(created.status, 201);
    assert.ok(created.body.secret);
    const listed = await api.call('get', `${BASE}/workflows`, writer);
    assert.deepEqual(listed.body.items.map((w: { name: string }) => w.name).sort(), ['crm-sync', 'erp-sync']);
    assert.ok(!listed.text.includes(created.body.secret));
    assert.equal((await api.call('post', `${BASE}/workflows`, writer, { name: 'x', url: 'https://hooks.example.com/x' })).status, 403);
    assert.equal((await api.call('post', `${BASE}/workflows`, admin, { name: 'bad', url: 'http://hooks.example.com/x' })).status, 400);
    assert.equal((await api.call('post', `${BASE}/workflows`, admin, { name: 'erp-sync', url: 'https://hooks.example.com/erp' })).status, 409);
    assert.equal((await api.call('post', `${BASE}/workflows`, admin, { url: 'https://hooks.example.com/erp' })).status, 400);
    assert.equal((await api.call('delete', `${BASE}/workflows/erp-sync`, admin)).status, 204);
    assert.equal((await api.call('delete', `${BASE}/workflows/erp-sync`, admin)).status, 404);
  });

  it('adds, changes, lists and removes staff (Admin only)', async () => {
    const saved = await api.call('put', `${BASE}/staff/${MEMBER}`, admin, { displayName: 'Ann Admin', roles: ['inviter'], email: 'ann@example.com' });
    assert.equal(saved.status, 200);
    assert.deepEqual(saved.body.roles, ['inviter']);
    assert.equal((await api.call('put', `${BASE}/staff/${MEMBER}`, admin, { displayName: 'Ann Admin', roles: ['approver'] })).body.email, 'ann@example.com');
    assert.equal((await api.call('put', `${BASE}/staff/${MEMBER}`, admin, { displayName: 'Ann', roles: ['boss'] })).status, 400);
    assert.equal((await api.call('put', `${BASE}/staff/not-a-guid`, admin, { displayName: 'Ann', roles: ['viewer'] })).status, 400);
    assert.equal((await api.call('put', `${BASE}/staff/${MEMBER}`, writer, { displayName: 'Ann', roles: ['admin'] })).status, 403);
    const listed = await api.call('get', `${BASE}/staff?limit=10`, admin);
    assert.deepEqual(listed.body.items.map((m: { id: string }) => m.id), [MEMBER]);
    assert.equal((await api.call('delete', `${BASE}/staff/${MEMBER}`, admin)).status, 204);
    assert.equal((await api.call('delete', `${BASE}/staff/${MEMBER}`, admin)).status, 404);
    const audit = (await api.store.audit.listForSubject(MEMBER, { limit: 10 })).items.map((e) => e.action).sort();
    assert.deepEqual(audit, ['staff.added', 'staff.removed', 'staff.updated']);
  });
});
