import assert from 'node:assert/strict';
import request from 'supertest';
import { assertMatchesDocument, useApi, type Auth } from './support.ts';

const BASE = '/api/v1';
const ADMIN_MEMBER = '00000000-0000-0000-0000-0000000000a1';

describe('API: the audit trail', () => {
  const api = useApi();
  let admin: Auth;
  beforeEach(async () => {
    admin = { key: await api.keyFor(['Admin'], 'Ops') };
    await api.services.staff.save('cli', { id: ADMIN_MEMBER, displayName: '=HYPERLINK("http://evil")', roles: ['admin'] });
    await api.store.audit.append({ id: 'e1', at: new Date('2026-06-01T10:00:00Z'), actor: ADMIN_MEMBER, action: 'contact.added', subjectId: '+cmd|calc', detail: { note: 'a,"b"' } });
    await api.store.audit.append({ id: 'e2', at: new Date('2026-06-01T11:00:00Z'), actor: 'cli', action: 'staff.removed', subjectId: '@SUM(A1)', detail: {} });
    await api.store.audit.append({ id: 'e3', at: new Date('2026-06-01T11:30:00Z'), actor: 'cli', action: 'staff.added', subjectId: 'someone', detail: {} });
  });

  /** An export as a client reads it (its body as text, whatever its media type), checked against the document. */
  async function exported(query: string) {
    const path = `${BASE}/audit-events/export?${query}`;
    const response = await request(api.app).get(path).set('X-API-Key', (admin as { key: string }).key).buffer(true)
      .parse((res, done) => { let text = ''; res.setEncoding('utf8'); res.on('data', (chunk: string) => { text += chunk; }); res.on('end', () => done(null, text)); });
    assertMatchesDocument('get', path, response);
    return response;
  }

  it('lists events by actor, subject, action and time, newest first, in cursor pages, with actor names', async () => {
    const byActor = await api.call('get', `${BASE}/audit-events?actor=CLI&action=staff.*&until=2026-06-02T00:00:00Z&limit=1`, admin);
    assert.deepEqual(byActor.body.items.map((e: { id: string; actorName: string }) => [e.id, e.actorName]), [['e3', 'the admin CLI']]);
    const rest = await api.call('get', `${BASE}/audit-events?actor=cli&action=staff.*&until=2026-06-02T00:00:00Z&limit=1&after=${encodeURIComponent(byActor.body.next)}`, admin);
    assert.deepEqual([rest.body.items.map((e: { id: string }) => e.id), rest.body.next], [['e2'], null]);
    const bySubject = await api.call('get', `${BASE}/audit-events?subject=${encodeURIComponent('+cmd|calc')}`, admin);
    assert.deepEqual(bySubject.body.items.map((e: { id: string; actorName: string }) => [e.id, e.actorName]), [['e1', '=HYPERLINK("http://evil")']]);
    const window = await api.call('get', `${BASE}/audit-events?since=2026-06-01T10:30:00Z&until=2026-06-01T11:15:00Z`, admin);
    assert.deepEqual(window.body.items.map((e: { id: string }) => e.id), ['e2']);
    assert.equal(window.body.items[0].at, '2026-06-01T11:00:00.000Z');
  });

  it('refuses a wrong type, an empty range, an unknown contact, an unknown filter, and clients that are not Admin', async () => {
    const badDate = await api.call('get', `${BASE}/audit-events?since=yesterday`, admin);
    assert.deepEqual([badDate.status, badDate.body.errors[0].field], [400, 'query.since']);
    const backwards = await api.call('get', `${BASE}/audit-events?since=2026-06-02T00:00:00Z&until=2026-06-01T00:00:00Z`, admin);
    assert.deepEqual([backwards.status, backwards.body.errors[0].field], [400, 'until']);
    assert.equal((await api.call('get', `${BASE}/audit-events?subject=nobody@example.com`, admin)).status, 404);
    assert.equal((await api.call('get', `${BASE}/audit-events?who=cli`, admin)).status, 400);
    assert.equal((await api.call('get', `${BASE}/audit-events?limit=0`, admin)).status, 400);
    for (const roles of [['Invitations.Read'], ['Invitations.ReadWrite'], ['Directory.ReadWrite']] as const) {
      const auth = { key: await api.keyFor([...roles]) };
      assert.equal((await api.call('get', `${BASE}/audit-events`, auth)).status, 403);
      const refused = await api.call('get', `${BASE}/audit-events/export?format=csv`, auth);
      assert.deepEqual([refused.status, refused.headers['content-type']], [403, 'application/problem+json; charset=utf-8']);
    }
  });

  it('exports a range as CSV, formula cells neutralised, streamed as text/csv', async () => {
    const csv = await exported('format=csv&until=2026-06-01T11:15:00Z');
    assert.equal(csv.status, 200);
    assert.match(csv.headers['content-type']!, /^text\/csv/);
    assert.match(csv.headers['content-disposition']!, /attachment; filename="audit-events\.csv"/);
    assert.equal(csv.headers['content-length'], undefined, 'sent as it is read, not measured first');
    assert.deepEqual((csv.body as string).split('\n'), [
      'id,at,actor,actorName,action,subject,detail',
      `e1,2026-06-01T10:00:00.000Z,${ADMIN_MEMBER},"'=HYPERLINK(""http://evil"")",contact.added,'+cmd|calc,"{""note"":""a,\\""b\\""""}"`,
      "e2,2026-06-01T11:00:00.000Z,cli,the admin CLI,staff.removed,'@SUM(A1),{}",
      '',
    ]);
  });

  it('exports a range as JSON Lines, oldest first, streamed as application/x-ndjson', async () => {
    const jsonl = await exported('format=jsonl&since=2026-06-01T10:30:00Z&until=2026-06-02T00:00:00Z&actor=cli');
    assert.equal(jsonl.status, 200);
    assert.match(jsonl.headers['content-type']!, /^application\/x-ndjson/);
    const lines = (jsonl.body as string).split('\n');
    assert.equal(lines.pop(), '', 'every line ends');
    assert.deepEqual(lines.map((line) => JSON.parse(line)), [
      { id: 'e2', at: '2026-06-01T11:00:00.000Z', actor: 'cli', actorName: 'the admin CLI', action: 'staff.removed', subjectId: '@SUM(A1)', detail: {} },
      { id: 'e3', at: '2026-06-01T11:30:00.000Z', actor: 'cli', actorName: 'the admin CLI', action: 'staff.added', subjectId: 'someone', detail: {} },
    ]);
  });

  it('refuses an export without a format, with an unknown one, or with a bad range', async () => {
    const missing = await api.call('get', `${BASE}/audit-events/export`, admin);
    assert.deepEqual([missing.status, missing.body.errors[0].field], [400, 'query.format']);
    assert.equal((await api.call('get', `${BASE}/audit-events/export?format=xml`, admin)).status, 400);
    assert.equal((await api.call('get', `${BASE}/audit-events/export?format=csv&until=soon`, admin)).status, 400);
    assert.equal((await api.call('get', `${BASE}/audit-events/export?format=csv&subject=nobody@example.com`, admin)).status, 404);
  });
});

describe('API: statistics', () => {
  // A client whose token carries no app role (Entra grants none by default).
  const api = useApi({ api: { verifyToken: async () => ({ actor: 'api:roleless-app', name: 'roleless-app', roles: [] }) } });

  it('gives any staff client the weeks, the rate and the top inviters; refuses bad numbers and clients without a role', async () => {
    const reader = { key: await api.keyFor(['Invitations.Read']) };
    await api.services.invitations.invite('cli', { type: 'single', contacts: [api.seed.contacts[0]!.id] });
    const stats = await api.call('get', `${BASE}/stats?weeks=2&top=1`, reader);
    assert.equal(stats.status, 200);
    assert.equal(stats.body.weeks.length, 2);
    assert.equal(stats.body.weeks[1].sent, 1);
    assert.deepEqual([stats.body.sentInRange, stats.body.redemptionRate], [1, 0]);
    assert.deepEqual(stats.body.topInviters, [{ actor: 'cli', name: 'the admin CLI', count: 1 }]);
    assert.equal((await api.call('get', `${BASE}/stats`, reader)).body.weeks.length, 8);
    assert.equal((await api.call('get', `${BASE}/stats?weeks=53`, reader)).status, 400);
    assert.equal((await api.call('get', `${BASE}/stats?weeks=eight`, reader)).status, 400);
    assert.equal((await api.call('get', `${BASE}/stats`, null)).status, 401);
    const roleless = await api.call('get', `${BASE}/stats`, { token: 'any' });
    assert.deepEqual([roleless.status, roleless.body.code], [403, 'not_allowed']);
  });
});
