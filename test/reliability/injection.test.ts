import assert from 'node:assert/strict';
import { createGraphMailer } from '../../src/mail/graphMailer.ts';
import { parseConfig } from '../../src/config.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { openRuntime, type Runtime } from '../../src/runtime.ts';
import { startFakeGraph, type FakeGraph } from '../support/fakeGraph.ts';
import { mailTestbed, silentLogger } from '../support/mailTestbed.ts';
import { startMongoServer, uniqueDatabaseName, withDatabase, type MongoServer } from '../../testkit/mongoServer.ts';
import { startService } from '../support/serviceProcess.ts';
import { tempDir } from '../support/tempDir.ts';
import { startConnector } from '../support/connector.ts';
import { browserNonce, confirmationToken } from './support/mailedLinks.ts';

/**
 * Injection probes against the service process on SQLite and on FerretDB: MongoDB operators where
 * the site and the bot expect text, oversized bodies, and mail header injection through names,
 * addresses and template subjects. Each probe must be refused (or neutralised) and change nothing.
 */
const ADMIN = 'aaaaaaaa-0000-4000-8000-000000000001';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const VISITOR = { email: 'visitor@example.com', password: 'quiet orange telescope' };


const session = async (url: string, path = '/') => {
  const res = await fetch(`${url}${path}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await res.text())?.[1] ?? '';
  return { cookie, csrf };
};

for (const storeKind of ['sqlite', 'mongodb'] as const) describe(`reliability: injection probes (${storeKind})`, function () {
  this.timeout(120_000);
  const dir = tempDir('invite-desk-injection-');
  let mongo: MongoServer | null = null;
  let runtime: Runtime;
  let service: Awaited<ReturnType<typeof startService>>;
  let connector: Awaited<ReturnType<typeof startConnector>>;
  let code = '';
  let invitationId = '';
  let groupCode = '';

  before(async function () {
    const env: Record<string, string> = { DATA_DIR: dir.path, OPEN_REGISTRATION: 'true', ADMIN_OBJECT_IDS: ADMIN, LOG_LEVEL: 'warn' };
    if (storeKind === 'mongodb') {
      mongo = await startMongoServer();
      if (!mongo) return this.skip();
      env.MONGODB_URI = withDatabase(mongo.uri, uniqueDatabaseName('injection'));
    }
    // The test's own runtime on the same store (and code secret) as the service: to seed and to look.
    runtime = await openRuntime(parseConfig(env), silentLogger);
    const { services } = runtime;
    const ada = await services.contacts.add({ firstName: 'Ada', lastName: 'Lovelace', primaryEmail: 'ada@example.com' });
    ({ code, invitation: { id: invitationId } } = await services.invitations.create('cli', { type: 'single', invitedContactIds: [ada.id] }));
    const grace = await services.contacts.add({ firstName: 'Grace', lastName: 'Hopper', primaryEmail: 'grace@example.com' });
    ({ code: groupCode } = await services.invitations.create('cli', { type: 'group', invitedContactIds: [grace.id], maxRedemptions: 50 }));
    // The visitor gets an account as anyone does: register, then follow the mailed link in the same browser.
    const nonce = browserNonce('vera');
    const registered = await services.customers.register({ email: VISITOR.email, firstName: 'Vera', lastName: 'Visitor', password: VISITOR.password, confirm: VISITOR.password, sessionNonce: nonce });
    assert.deepEqual(registered, { kind: 'check-mail', email: VISITOR.email });
    const token = await confirmationToken(runtime.store, () => runtime.createWorker().drain(), VISITOR.email);
    await services.customers.confirmEmail(token, { sessionNonce: nonce });
    assert.ok(await runtime.store.localAccounts.findByEmail(VISITOR.email), 'the visitor has a password');
    connector = await startConnector();
    service = await startService(env);
  });

  after(async () => {
    await service?.stop('SIGKILL');
    await connector?.stop();
    await runtime?.close();
    await mongo?.stop();
    dir.remove();
  });

  /** What a successful injection would change: invitations, redemptions, contacts, accounts, staff, templates. */
  async function snapshot() {
    const { store } = runtime;
    const invitations = await Promise.all([invitationId].map((id) => store.invitations.get(id)));
    const contacts = (await store.contacts.list({}, { limit: 100 })).items;
    return {
      invitations: invitations.map((i) => i && { lifecycle: i.lifecycle, remaining: i.remaining, version: i.version, expiresAt: i.expiresAt?.toISOString() ?? null }),
      invitationCount: (await store.invitations.list({}, { limit: 100 })).items.length,
      contacts: contacts.map((c) => `${c.id}:${c.primaryEmail}:${c.parentAccountId}:${c.webRoleIds.join(',')}:${c.identities.length}`).sort(),
      redemptions: (await store.activities.listForInvitation(invitationId, { limit: 100 })).items.length,
      visitorPassword: (await store.localAccounts.findByEmail(VISITOR.email))?.passwordHash ?? null,
      accounts: (await store.accounts.list({ limit: 100 })).items.length,
      staff: (await store.staff.list({ limit: 100 })).items.length,
      templates: (await store.templates.list()).length,
    };
  }

  it('MongoDB operators in query strings and forms are refused, sign nobody in and redeem nothing', async () => {
    const before = await snapshot();
    const results: string[] = [];
    const get = async (path: string) => {
      const res = await fetch(`${service.url}${path}`, { redirect: 'manual', headers: { 'x-forwarded-for': `198.51.100.${results.length}` } });
      results.push(`GET ${path} -> ${res.status}`);
      assert.ok(res.status < 500, `${path}: ${res.status}`);
      assert.ok(!(await res.text()).includes('Ada'), `${path} shows the invitation`);
      return res;
    };
    for (const query of ['code[$ne]=x', 'code[$gt]=', 'code[$regex]=.*', 'code[$exists]=true', 'code=x&code[$ne]=y', `code[]=${code}`, `code=${code}&code=x`, 'code={"$ne":null}']) {
      await get(`/redeem?${query}`);
    }
    const post = async (path: string, form: string, visitor: { cookie: string; csrf: string }) => {
      const res = await fetch(`${service.url}${path}`, {
        method: 'POST', redirect: 'manual', body: `${form}&_csrf=${encodeURIComponent(visitor.csrf)}`,
        headers: { cookie: visitor.cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `203.0.113.${results.length}` },
      });
      results.push(`POST ${path} ${form} -> ${res.status} ${res.headers.get('location') ?? ''}`);
      assert.ok(res.status < 500, `${path} ${form}: ${res.status}`);
      return res;
    };
    for (const form of ['email[$ne]=x&password[$ne]=x', `email=${VISITOR.email}&password[$ne]=x`, 'email[$gt]=&password[$gt]=', `email=${VISITOR.email}&password[$regex]=.*`, 'email[$exists]=true&password=x']) {
      const visitor = await session(service.url);
      const res = await post('/signin', form, visitor);
      assert.notEqual(res.status, 303, `signed in with ${form}`);
      const cookie = (res.headers.get('set-cookie') ?? visitor.cookie).split(';')[0]!;
      assert.equal((await fetch(`${service.url}/profile`, { headers: { cookie } })).status, 401, `${form} gave a signed-in session`);
    }
    for (const form of [`code[$ne]=x&email=new@example.com&firstName=N&lastName=N&password=abcdefgh12345&confirm=abcdefgh12345`, `code=${groupCode}&email[$ne]=x&firstName[$ne]=&lastName=N&password[$ne]=&confirm[$ne]=`]) {
      const res = await post('/redeem/register', form, await session(service.url));
      assert.notEqual(res.status, 303, `registered with ${form}`);
    }
    const signedIn = await session(service.url);
    const signIn = await post('/signin', `email=${encodeURIComponent(VISITOR.email)}&password=${encodeURIComponent(VISITOR.password)}`, signedIn);
    assert.equal(signIn.status, 303, 'the real visitor signs in');
    const visitorCookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    const profile = await fetch(`${service.url}/profile`, { headers: { cookie: visitorCookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await profile.text())?.[1] ?? '';
    for (const form of ['code[$ne]=x', `code[]=${code}`, 'code[$gt]=']) {
      const res = await post('/redeem/accept', form, { cookie: visitorCookie, csrf });
      assert.notEqual(res.status, 303, `redeemed with ${form}`);
    }
    assert.deepEqual(await snapshot(), before, results.join('\n'));
  });

  it('MongoDB operators in Bot Framework activities and card data are refused and change nothing', async () => {
    const before = await snapshot();
    const activity = (extra: Record<string, unknown>) => ({
      type: 'message', id: `probe-${Math.random()}`, channelId: 'msteams', serviceUrl: connector.url, text: '',
      from: { id: '29:admin', name: 'Ann Admin', aadObjectId: ADMIN }, recipient: { id: '28:bot', name: 'Invite Desk' },
      conversation: { id: 'a:probe', tenantId: TENANT, conversationType: 'personal' }, channelData: { tenant: { id: TENANT } }, ...extra,
    });
    const send = async (body: unknown) => {
      const res = await fetch(`${service.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      assert.ok(res.status < 500, `${JSON.stringify(body).slice(0, 300)}: ${res.status} ${await res.text()}`);
      return res.status;
    };
    const operators = [{ $ne: null }, { $gt: '' }, { $regex: '.*' }, { $where: 'sleep(100) || true' }, { $in: [invitationId] }];
    // Operators in the activity itself are not even a Bot Framework activity.
    assert.equal(await send(activity({ from: { id: '29:x', aadObjectId: { $ne: null } } })), 400);
    assert.equal(await send(activity({ conversation: { id: { $ne: null }, tenantId: TENANT } })), 400);
    assert.equal(await send(activity({ text: { $ne: null } })), 400);
    for (const operator of operators) {
      await send(activity({ value: { verb: 'invitation.revoke', invitationId: operator } }));
      await send(activity({ value: { verb: 'invitation.extend', invitationId: operator, expires: '1d' } }));
      await send(activity({ value: { verb: 'invitation.resend', invitationId: operator } }));
      await send(activity({ value: { verb: 'templates.save', name: operator, locale: operator, subject: operator, html: operator, text: operator } }));
      await send(activity({ value: { verb: 'templates.reset', name: operator, locale: 'en' } }));
      await send(activity({ value: { verb: 'invite.submit', email: operator, firstName: operator, company: operator, roles: operator, workflow: operator, expires: operator } }));
      await send(activity({ value: { verb: 'list.next', status: operator, after: operator } }));
      for (const verb of ['approval.approve', 'approval.reject', 'approval.refresh']) {
        await send(activity({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data: { invitationId: operator, reason: operator } }, trigger: 'manual' } }));
      }
    }
    for (const text of ['revoke {"$ne":null}', 'status {"$gt":""}', `extend {"$ne":null} 7d`, 'staff add {"$ne":null} admin Eve']) await send(activity({ text }));
    assert.deepEqual(await snapshot(), before);
    assert.equal(service.child.exitCode, null);
  });

  it('operators handed straight to the services and the store find nothing', async () => {
    const { services, store } = runtime;
    const before = await snapshot();
    const operators: unknown[] = [{ $ne: null }, { $gt: '' }, { $regex: '.*' }, { $exists: true }];
    const findsNothing = async (label: string, call: () => Promise<unknown>) => {
      let found: unknown;
      try {
        found = await call();
      } catch {
        return;
      }
      assert.equal(found, null, label);
    };
    const refused = async (label: string, call: () => Promise<unknown>) => {
      await assert.rejects(call, (error: unknown) => error instanceof DomainError, label);
    };
    for (const operator of operators as string[]) {
      await refused('signIn', () => services.customers.signIn(operator, operator));
      await refused('signIn with the right e-mail', () => services.customers.signIn(VISITOR.email, operator));
      await refused('redeemAs', () => services.customers.redeemAs(operator as never, { code }, {}));
      await refused('redeemAs with a crafted contact', () => services.customers.redeemAs({ id: operator } as never, { code }, {}));
      await refused('invitationSummary', () => services.customers.invitationSummary(operator));
      await refused('registerAndRedeem', () => services.customers.registerAndRedeem({ code: operator, email: operator, firstName: operator, lastName: operator, password: operator, confirm: operator, sessionNonce: browserNonce('probe') }));
      await refused('registerAndRedeem for a group', () => services.customers.registerAndRedeem({ code: groupCode, email: operator, firstName: 'N', lastName: 'N', password: operator, confirm: operator, sessionNonce: browserNonce('probe') }));
      await refused('resetPassword', () => services.customers.resetPassword(operator, 'abcdefgh12345', 'abcdefgh12345'));
      assert.equal(await services.customers.isResetTokenValid(operator), false);
      await services.customers.requestPasswordReset(operator);
      // The store itself: an operator where an id or an e-mail goes matches nothing (SQLite refuses to bind it).
      const label = JSON.stringify(operator);
      await findsNothing(`contacts.get(${label})`, () => store.contacts.get(operator));
      await findsNothing(`contacts.findByPrimaryEmail(${label})`, () => store.contacts.findByPrimaryEmail(operator));
      await findsNothing(`localAccounts.get(${label})`, () => store.localAccounts.get(operator));
      await findsNothing(`localAccounts.findByEmail(${label})`, () => store.localAccounts.findByEmail(operator));
      await findsNothing(`invitations.get(${label})`, () => store.invitations.get(operator));
      await findsNothing(`invitations.findByCodeLookupKey(${label})`, () => store.invitations.findByCodeLookupKey(operator));
      await findsNothing(`accounts.get(${label})`, () => store.accounts.get(operator));
      await findsNothing(`staff.get(${label})`, () => store.staff.get(operator));
    }
    assert.deepEqual(await snapshot(), before);
  });

  it('answers oversized bodies with 413 and lives on', async () => {
    const visitor = await session(service.url);
    const form = await fetch(`${service.url}/redeem`, {
      method: 'POST', headers: { cookie: visitor.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: `_csrf=${encodeURIComponent(visitor.csrf)}&code=${'A'.repeat(17 * 1024)}`,
    });
    assert.equal(form.status, 413);
    const manyFields = await fetch(`${service.url}/signin`, {
      method: 'POST', headers: { cookie: visitor.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: Array.from({ length: 60 }, (_, i) => `f${i}=1`).join('&'),
    });
    assert.equal(manyFields.status, 413);
    const bot = await fetch(`${service.url}/api/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'help', filler: 'x'.repeat(1_100_000) }),
    });
    assert.equal(bot.status, 413);
    assert.equal(service.child.exitCode, null);
    assert.equal((await fetch(`${service.url}/healthz`)).status, 200);
    assert.equal((await fetch(`${service.url}/`)).status, 200);
  });
});

describe('reliability: mail header injection', function () {
  this.timeout(60_000);
  let graph: FakeGraph;
  before(async () => { graph = await startFakeGraph(); });
  after(async () => { await graph?.stop(); });

  const CRLF_NAME = 'Ada\r\nBcc: evil@example.com';

  /** A contact and an inviter whose names carry header lines, an invitation between them, a subject template trying the same. */
  async function inviteThroughTemplates(bed: ReturnType<typeof mailTestbed>) {
    const { services } = bed;
    for (const email of ['ada@example.com\r\nBcc: evil@example.com', 'ada@example.com\nCc: evil@example.com', 'ada@example.com%0d%0aBcc:evil@example.com', '"Ada\r\n" <ada@example.com>']) {
      await assert.rejects(services.contacts.add({ firstName: 'Ada', primaryEmail: email }), { code: 'invalid_input' }, JSON.stringify(email));
    }
    const ada = await services.contacts.add({ firstName: CRLF_NAME, lastName: 'Lovelace\nTo: evil2@example.com', primaryEmail: 'ada@example.com' });
    const inviter = await services.contacts.add({ firstName: 'Grace\r\nBcc: evil3@example.com', lastName: 'Hopper' });
    await services.templates.save('cli', 'invitation', 'en', {
      subject: '{{inviter.name}} invites {{contact.name}}\r\nBcc: evil4@example.com',
      html: '<p>Hello {{contact.name}}</p><p><a href="{{redeemUrl}}">Accept</a></p>', text: 'Hello {{contact.name}}\n{{redeemUrl}}',
    });
    await services.invitations.create('cli', { type: 'single', invitedContactIds: [ada.id], inviterContactId: inviter.id });
    await bed.worker.drain();
  }

  const noLineBreaks = (label: string, value: unknown) => assert.ok(typeof value === 'string' && !/[\r\n]/.test(value), `${label} carries a line break: ${JSON.stringify(value)}`);

  it('Graph receives one recipient, and no line break in the subject or the recipient name', async () => {
    const bed = mailTestbed({
      mailer: () => createGraphMailer({ tenantId: graph.tenantId, clientId: graph.clientId, clientSecret: graph.clientSecret, graphBaseUrl: graph.url, authorityHost: graph.authorityHost }),
    });
    try {
      await inviteThroughTemplates(bed);
      assert.equal(graph.sent.length, 1);
      const { message } = graph.sent[0]!;
      noLineBreaks('subject', message.subject);
      assert.match(message.subject!, /Bcc: evil4@example\.com/, 'the subject text stays, on one line');
      assert.equal(message.toRecipients?.length, 1);
      assert.equal(message.toRecipients[0]!.emailAddress!.address, 'ada@example.com');
      noLineBreaks('recipient name', message.toRecipients[0]!.emailAddress!.name);
      assert.equal(message.ccRecipients, undefined);
      assert.equal(message.bccRecipients, undefined);
      assert.deepEqual(message.internetMessageHeaders?.map((h) => h.name), ['X-InviteDesk-Delivery']);
      for (const header of message.internetMessageHeaders ?? []) noLineBreaks('header value', header.value);
    } finally {
      await bed.store.close();
    }
  });

  it('the dev mailbox keeps the mail with no line break in the subject or the address', async () => {
    const bed = mailTestbed();
    try {
      await inviteThroughTemplates(bed);
      const mails = (await bed.store.devMail.list({ limit: 10 })).items;
      assert.equal(mails.length, 1);
      noLineBreaks('subject', mails[0]!.subject);
      noLineBreaks('from', mails[0]!.from);
      assert.equal(mails[0]!.to, 'ada@example.com');
    } finally {
      await bed.store.close();
    }
  });
});
