import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import mongoose from 'mongoose';
import { parseConfig } from '../../src/config.ts';
import { openRuntime } from '../../src/runtime.ts';
import { silentLogger } from '../support/mailTestbed.ts';
import { runNode } from '../support/processes.ts';
import { startService } from '../support/serviceProcess.ts';
import { reliabilitySeed, seededRandom } from './fuzz/seed.ts';
import { CookieJar } from './support/cookieJar.ts';
import { useDatabases, type StoreKind, type TestDatabase } from './support/databases.ts';
import { waitForConfirmationLinks } from './support/mailedLinks.ts';

/*
 * Issue 11, done when: new customers redeeming a group at once over HTTP, each following the link
 * mailed to them, leave exactly as many redeemed contacts as the group allows and no other account.
 *
 * Two service processes share one store. Every visitor, with a cookie jar of their own, opens the
 * code's summary page (its CSRF token) and creates a password with their own address (which gives
 * them a session); once every confirmation mail is in
 * the dev mailbox, all follow their own link at once, in their own session, to whichever process
 * mailed it. Each visitor has an address of their own (X-Forwarded-For, from the loopback proxy the
 * service trusts by default): the service has no setting for its rate limits, whose per-address
 * limits on mailed links would otherwise refuse the crowd as one caller. Each request goes on a
 * connection of its own (`connection: close`), as from a browser of its own: one pool of kept-alive
 * sockets for all would meet the server closing idle ones (Node's 5 s keep-alive) while a request
 * is on its way, a race of the pool's, not the service's.
 */
const MAX = 10;
const PROCESSES = 2;
const PASSWORD = 'quiet orange telescope';
const ACCOUNT = 'Signup Partners Ltd';
const ROLE = 'Signup Customer';
const USED_UP = 'This invitation has already been used.';

/**
 * Per store: visitors, and how many of them are creating their password at a time (the links are
 * all followed at once). FerretDB's SQLite backend answers a burst of concurrent writes with
 * "database is locked" (SQLITE_BUSY), which the service can only pass on as a 500, and scans a
 * collection per query: fewer visitors, in waves, keep its run short and about the service.
 */
const SETTINGS: Record<StoreKind, { visitors: number; creatingAtOnce: number }> = {
  sqlite: { visitors: 500, creatingAtOnce: 500 },
  mongodb: { visitors: 100, creatingAtOnce: 10 },
};

type Service = Awaited<ReturnType<typeof startService>>;
type Visitor = { email: string; ip: string; cookies: CookieJar };

/** What a page says, without its markup. */
const shownText = (html: string) => (/<main[^>]*>([\s\S]*?)<\/main>/.exec(html)?.[1] ?? html).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 300);

/** Runs `work` on every item, at most `width` at a time. */
async function inWaves<T>(items: readonly T[], width: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  }));
}

/** Contacts and local accounts, read around the store (the SQLite file read-only; MongoDB's collections). */
async function people(database: TestDatabase): Promise<{ contacts: number; accounts: { contactId: string; email: string }[] }> {
  if ('sqliteFile' in database.target) {
    const db = new DatabaseSync(database.target.sqliteFile, { readOnly: true });
    try {
      const { n } = db.prepare('SELECT COUNT(*) AS n FROM contacts').get() as { n: number };
      const accounts = db.prepare('SELECT contact_id AS contactId, email FROM local_accounts').all() as { contactId: string; email: string }[];
      return { contacts: n, accounts: accounts.map((a) => ({ contactId: a.contactId, email: a.email })) };
    } finally {
      db.close();
    }
  }
  const connection = await mongoose.createConnection(database.target.mongodbUri, { serverSelectionTimeoutMS: 5000 }).asPromise();
  try {
    const contacts = await connection.collection('contacts').countDocuments();
    const accounts = await connection.collection<{ _id: string; email: string }>('localAccounts').find({}, { projection: { email: 1 } }).toArray();
    return { contacts, accounts: accounts.map((a) => ({ contactId: a._id, email: a.email })) };
  } finally {
    await connection.close();
  }
}

for (const kind of ['sqlite', 'mongodb'] as const) {
  const { visitors: VISITORS, creatingAtOnce } = SETTINGS[kind];

  describe(`reliability: ${VISITORS} new customers sign up for a group of ${MAX} over HTTP, each through their mailed link (${kind})`, function () {
    this.timeout(240_000);
    const databases = useDatabases(kind);
    const seed = reliabilitySeed(20261201, `group sign-ups, ${kind}`);

    it(`${PROCESSES} processes: exactly ${MAX} end on their profile, ${VISITORS - MAX} are told the invitation is used up, ${MAX} contacts and ${MAX} accounts are made, nothing answers 5xx`, async () => {
      const rng = seededRandom(seed);
      const database = await databases.fresh();
      const env = { ...database.serviceEnv, LOG_LEVEL: 'warn', BOT_ENABLED: 'false' };

      // The test's own runtime on the same store (and code secret) as the services, to seed.
      const runtime = await openRuntime(parseConfig(env), silentLogger);
      let code: string;
      let invitationId: string;
      try {
        const { services } = runtime;
        const account = await services.accounts.add(ACCOUNT);
        const role = await services.webRoles.add(ROLE);
        const member = await services.contacts.add({ firstName: 'Grace', lastName: 'Member', primaryEmail: 'grace.member@example.com' });
        ({ code, invitation: { id: invitationId } } = await services.invitations.create('cli', {
          type: 'group', name: 'Spring sign-ups', invitedContactIds: [member.id], maxRedemptions: MAX, assignToAccountId: account.id, webRoleIds: [role.id],
        }));
      } finally {
        await runtime.close();
      }
      const before = await people(database);

      const services: Service[] = await Promise.all(Array.from({ length: PROCESSES }, () => startService(env)));
      const any = () => rng.pick(services).url;
      const statuses = new Map<string, number>();
      const failures: string[] = [];
      const timings: string[] = [];
      const started = Date.now();
      const timed = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
        const from = Date.now();
        try {
          return await work();
        } finally {
          timings.push(`${label} ${Date.now() - from} ms`);
        }
      };
      /** One request of a visitor; a lost connection is counted and reported, never thrown mid-storm. */
      const request = async (step: string, url: string, init: RequestInit): Promise<Response | null> => {
        const sent = Date.now();
        const count = (answer: number | string) => statuses.set(`${step} ${answer}`, (statuses.get(`${step} ${answer}`) ?? 0) + 1);
        try {
          const res = await fetch(url, init);
          count(res.status);
          return res;
        } catch (error) {
          const cause = (error as { cause?: { code?: string; message?: string } }).cause;
          count(cause?.code ?? 'error');
          failures.push(`${step} ${url}: ${cause?.code ?? ''} ${cause?.message ?? (error as Error).message} (sent at +${sent - started} ms, failed after ${Date.now() - sent} ms)`);
          return null;
        }
      };
      const serviceLog = () => services.map((service, i) => {
        const state = service.child.exitCode === null && service.child.signalCode === null ? 'running' : `exited ${service.child.exitCode ?? service.child.signalCode}`;
        return `process ${i} (${service.url}, ${state}): ${service.output().split('\n').filter(Boolean).slice(-5).join(' | ').slice(0, 1500)}`;
      }).join('; ');
      const where = () => `seed ${seed}; ${timings.join(', ')}; answers: ${[...statuses.entries()].map(([k, n]) => `${k}: ${n}`).join(', ')}`;
      let redeemedEmails: string[] = [];

      try {
        const visitors: Visitor[] = Array.from({ length: VISITORS }, (_, i) => ({
          email: `signup${i}.${seed}@example.com`, ip: `10.${100 + (i >> 8)}.${i & 255}.${rng.int(1, 254)}`, cookies: new CookieJar(),
        }));

        await timed('summary + create a password', () => inWaves(visitors, creatingAtOnce, async (visitor, i) => {
          const headers = { 'x-forwarded-for': visitor.ip, connection: 'close' };
          const summary = await request('summary', `${any()}/redeem?code=${encodeURIComponent(code)}`, { headers });
          if (!summary) return;
          const csrf = /name="_csrf" value="([^"]+)"/.exec(await summary.text())?.[1];
          if (summary.status !== 200 || !csrf || !visitor.cookies.take(summary).header()) return void failures.push(`visitor ${i}: the summary page (${summary.status}) gives no CSRF token and cookie`);
          const registered = await request('create a password', `${any()}/redeem/register`, {
            method: 'POST', redirect: 'manual', headers: { ...headers, cookie: visitor.cookies.header(), 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ _csrf: csrf, code, redirect: '', firstName: 'Visitor', lastName: `Number ${i}`, email: visitor.email, password: PASSWORD, confirm: PASSWORD }),
          });
          if (!registered) return;
          visitor.cookies.take(registered);
          const text = await registered.text();
          if (registered.status !== 200 || !text.includes(`We have sent a link to ${visitor.email}`)) {
            failures.push(`visitor ${i}: POST /redeem/register answered ${registered.status}, not "check your mail": ${shownText(text)}`);
          }
        }));
        assert.deepEqual(failures, [], `creating the passwords (${where()}); ${serviceLog()}`);

        const links = await timed('all confirmation mails', () => waitForConfirmationLinks(services[0]!.url, visitors.map((v) => v.email), 60_000));

        // All at once, each in their own session: the link as mailed (to whichever process sent it).
        const outcomes = await timed('follow the links', () => Promise.all(visitors.map(async (visitor) => {
          const res = await request('follow the link', links.get(visitor.email)!, { redirect: 'manual', headers: { cookie: visitor.cookies.header(), 'x-forwarded-for': visitor.ip, connection: 'close' } });
          if (!res) return { visitor, status: 0, location: null, usedUp: false };
          const text = await res.text();
          visitor.cookies.take(res);
          return { visitor, status: res.status, location: res.headers.get('location'), usedUp: res.status === 410 && text.includes(USED_UP) };
        })));
        process.stdout.write(`      [group sign-ups, ${kind}] ${where()}\n`);

        assert.deepEqual(failures, [], `following the links (${where()}); ${serviceLog()}`);
        assert.deepEqual([...statuses.keys()].filter((key) => Number(key.split(' ').pop()) >= 500), [], `5xx answers (${where()}); ${serviceLog()}`);
        const internalFailures = services.flatMap((service) => service.output().split('\n').filter((line) => /"level":(50|60)/.test(line)).map((line) => line.slice(0, 600)));
        assert.deepEqual(internalFailures, [], `internal failures logged (${where()})`);
        const redeemed = outcomes.filter((o) => o.status === 303);
        assert.equal(redeemed.length, MAX, `followed links that redeemed (${where()})`);
        for (const { location } of redeemed) assert.match(location ?? '', /^\/profile(\?|$)/, 'a redemption lands on the profile');
        assert.equal(outcomes.filter((o) => o.usedUp).length, VISITORS - MAX, `every other visitor is told "${USED_UP}" (${where()})`);
        redeemedEmails = redeemed.map((o) => o.visitor.email).sort();

        // The winners are signed in, and see what the invitation gave them.
        for (const { visitor, location } of redeemed) {
          const profile = await fetch(`${any()}${location}`, { headers: { cookie: visitor.cookies.header() } });
          const html = await profile.text();
          assert.equal(profile.status, 200, `${visitor.email}: the profile answers ${profile.status}`);
          assert.ok(html.includes(visitor.email) && html.includes(ACCOUNT) && html.includes(ROLE), `${visitor.email}: the profile shows the address, the company and the role`);
        }

        const shown = await runNode('bin/invite-desk.js', ['--json', 'invite', 'show', invitationId], env);
        assert.equal(shown.code, 0, shown.stderr);
        const invitation = JSON.parse(shown.stdout) as { redemptions: number; status: string };
        assert.equal(invitation.redemptions, MAX, 'the invitation shows its redemptions');
        assert.equal(invitation.status, 'redeemed');
      } finally {
        await Promise.all(services.map((service) => service.stop()));
      }

      const after = await people(database);
      assert.equal(after.contacts - before.contacts, MAX, `new contacts (seed ${seed})`);
      assert.deepEqual(before.accounts, []);
      assert.deepEqual(after.accounts.map((a) => a.email).sort(), redeemedEmails, `the local accounts are those of the ${MAX} who landed on their profile (seed ${seed})`);
      assert.deepEqual((await database.redeemersOf(invitationId)).sort(), after.accounts.map((a) => a.contactId).sort(), 'the accounts\' contacts are exactly the redeemers');
    });
  });
}
