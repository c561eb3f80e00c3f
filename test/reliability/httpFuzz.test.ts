import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { runNode } from '../support/processes.ts';
import { startService } from '../support/serviceProcess.ts';
import { tempDir } from '../support/tempDir.ts';
import { activity, deepJson, encode, formString, send, sendRaw, SITE_PATHS, type FuzzRequest, type FuzzResult } from './fuzz/requests.ts';
import { reliabilitySeed, seededRandom, type Random } from './fuzz/seed.ts';
import { CookieJar } from './support/cookieJar.ts';
import { waitForConfirmationLinks } from './support/mailedLinks.ts';

/**
 * Thousands of malformed requests against the real service process (site, dev mailbox, health and
 * the bot without credentials), then a few hundred malformed HTTP messages on raw sockets. Nothing
 * may answer 5xx, log an internal failure, or stop the process; the site still works afterwards.
 */
const ADMIN = 'aaaaaaaa-0000-4000-8000-000000000001';
const REQUESTS = Number(process.env.RELIABILITY_FUZZ_REQUESTS ?? 6000);
const RAW_MESSAGES = 300;
const IN_FLIGHT = 16;

/** A stand-in for the Bot Framework connector: takes the bot's replies and answers 200. */
async function startConnector() {
  let replies = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      replies++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `reply-${replies}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    replies: () => replies,
    stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

type Session = { cookie: string; csrf: string };

/** A session of the site with its CSRF token, as a browser gets it from `GET /`. */
async function openSession(url: string, path = '/'): Promise<Session> {
  const res = await fetch(`${url}${path}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await res.text())?.[1] ?? '';
  assert.ok(cookie && csrf, 'GET / gives a session and a CSRF token');
  return { cookie, csrf };
}

function randomIp(rng: Random): string {
  return rng.chance(0.9) ? `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}` : rng.pick(['::1', 'garbage', '999.1.1.1', '', '1.2.3.4, 5.6.7.8', 'fe80::1%eth0', 'unknown']);
}

function cookieHeader(rng: Random, sessions: Session[]): string | undefined {
  switch (rng.int(0, 9)) {
    case 0: return undefined;
    case 1: return 'invitedesk.sid=s%3Agarbage.notasignature';
    case 2: return `invitedesk.sid=${rng.pick(['%', '%zz', '', '"', 's:', 's%3A', 'x'.repeat(4000)])}`;
    case 3: return `invitedesk.sid=a; invitedesk.sid=b; ${rng.pick(sessions).cookie}`;
    case 4: return `${rng.pick(sessions).cookie.slice(0, -3)}abc`;
    case 5: return Array.from({ length: 200 }, (_, i) => `c${i}=${i}`).join('; ');
    case 6: return '=; ;;; =x; invitedesk.sid';
    default: return rng.pick(sessions).cookie;
  }
}

function siteRequest(rng: Random, sessions: Session[]): FuzzRequest {
  const session = rng.pick(sessions);
  const method = rng.pick(['GET', 'GET', 'POST', 'POST', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'PROPFIND', 'M-SEARCH']);
  let path = rng.pick(SITE_PATHS.filter((p) => p !== '/api/messages'));
  if (rng.chance(0.6)) path += `?${formString(rng, null)}`;
  const headers: Record<string, string> = { 'x-forwarded-for': randomIp(rng) };
  const cookie = cookieHeader(rng, sessions);
  if (cookie !== undefined) headers.cookie = cookie;
  if (rng.chance(0.2)) headers['accept-language'] = rng.pick(['da', 'da-DK,da;q=0.9', '*', ';q=x', 'x'.repeat(3000), 'en;q=0.5, da;q=2', '']);
  if (rng.chance(0.05)) headers.referer = 'x'.repeat(rng.int(10, 6000));
  if (rng.chance(0.05)) headers['x-forwarded-proto'] = rng.pick(['https', 'gopher', '']);
  let body: Buffer | null = null;
  let note = 'site';
  if (method !== 'GET' && method !== 'HEAD' && rng.chance(0.9)) {
    const kind = rng.int(0, 9);
    if (kind <= 5) {
      headers['content-type'] = rng.pick(['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=utf-8', 'application/x-www-form-urlencoded; charset=latin1', 'application/x-www-form-urlencoded; charset=utf-7']);
      const text = rng.chance(0.03) ? `code=${'x'.repeat(rng.int(16_000, 40_000))}&_csrf=${session.csrf}` : formString(rng, session.csrf);
      body = rng.chance(0.1) ? Buffer.concat([Buffer.from(text), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x80])]) : Buffer.from(text);
      note = 'site form';
    } else if (kind === 6) {
      headers['content-type'] = 'application/json';
      body = Buffer.from(rng.pick(['{"code":{"$ne":null}}', '{', '[]', deepJson(5000, 'array'), `{"_csrf":"${session.csrf}","email":["a"]}`]));
      note = 'site json';
    } else if (kind === 7) {
      headers['content-type'] = 'multipart/form-data; boundary=xyz';
      body = Buffer.from(`--xyz\r\nContent-Disposition: form-data; name="code"\r\n\r\n${rng.string(20)}\r\n--xyz--`);
      note = 'site multipart';
    } else if (kind === 8) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers['content-encoding'] = rng.pick(['gzip', 'deflate', 'br', 'compress', 'x-nope']);
      body = rng.chance(0.5) ? gzipSync(formString(rng, session.csrf)) : rng.bytes(rng.int(0, 200));
      note = 'site encoded form';
    } else {
      body = rng.bytes(rng.int(0, 3000));
      if (rng.chance(0.5)) headers['content-type'] = rng.pick(['text/plain', 'application/octet-stream', '', ';;;', 'application/x-www-form-urlencoded; charset="']);
      note = 'site bytes';
    }
  }
  return { method, path, headers, body, note };
}

function botRequest(rng: Random, connectorUrl: string, code: string | null): FuzzRequest {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  let body: Buffer;
  let note = 'bot activity';
  const kind = rng.int(0, 19);
  if (kind <= 11) {
    body = Buffer.from(JSON.stringify(activity(rng, connectorUrl, ADMIN, code)));
  } else if (kind === 12) {
    body = Buffer.from(rng.pick(['{', '{"type":', 'null', '1', '"message"', '[]', '[{"type":"message"}]', '{"type":"message"}', '', '{}', 'true', '{"__proto__":{"type":"message"}}']));
    note = 'bot broken json';
  } else if (kind === 13) {
    body = Buffer.from(deepJson(rng.pick([100, 1000, 20_000, 100_000]), rng.chance(0.5) ? 'array' : 'object'));
    note = 'bot deep json';
  } else if (kind === 14) {
    body = Buffer.from(JSON.stringify({ type: 'message', text: 'help', filler: 'x'.repeat(rng.pick([900_000, 1_100_000, 2_000_000])) }));
    note = 'bot large body';
  } else if (kind === 15) {
    headers['content-type'] = rng.pick(['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-7', 'application/json; charset=latin1', 'application/jsonx', '']);
    body = Buffer.from(JSON.stringify(activity(rng, connectorUrl, ADMIN, code)));
    note = 'bot content type';
  } else if (kind === 16) {
    body = Buffer.concat([Buffer.from('{"type":"message","text":"'), rng.bytes(rng.int(1, 50)), Buffer.from('"}')]);
    note = 'bot invalid utf-8';
  } else if (kind === 17) {
    headers['content-encoding'] = rng.pick(['gzip', 'deflate', 'br', 'nope']);
    body = rng.chance(0.5) ? gzipSync(JSON.stringify(activity(rng, connectorUrl, ADMIN, code))) : rng.bytes(100);
    note = 'bot encoded';
  } else if (kind === 18) {
    headers.authorization = rng.pick(['Bearer garbage', 'Bearer ', 'Basic Zm9vOmJhcg==', `Bearer ${'a'.repeat(5000)}`, 'Bearer eyJhbGciOiJub25lIn0.eyJ9.']);
    body = Buffer.from(JSON.stringify(activity(rng, connectorUrl, ADMIN, code)));
    note = 'bot auth header';
  } else {
    body = Buffer.from(JSON.stringify(activity(rng, connectorUrl, ADMIN, code)));
    return { method: rng.pick(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']), path: '/api/messages', headers, body, note: 'bot wrong method' };
  }
  return { method: 'POST', path: rng.chance(0.95) ? '/api/messages' : rng.pick(['/api/messages/', '/API/messages', '/api/messages?x=1', '/api//messages']), headers, body, note };
}

function randomPathRequest(rng: Random): FuzzRequest {
  const segments = Array.from({ length: rng.int(1, 6) }, () => rng.pick(['..', '.', '%2e%2e', '%2f', 'static', 'redeem', 'api', 'messages', 'dev', '%', '%zz', '%00', '%C0%AF', '~', 'x'.repeat(rng.int(1, 300)), encode(rng.string(10))]));
  let path = `/${segments.join('/')}`;
  if (rng.chance(0.05)) path = `/${'a'.repeat(rng.pick([5000, 20_000]))}`;
  if (rng.chance(0.1)) path = rng.pick(['*', '//evil.example.com/', '/\\evil', '/?', '/#x', '/redeem;jsessionid=1', '/./redeem', '/redeem/../profile']);
  return { method: rng.pick(['GET', 'GET', 'POST', 'HEAD', 'DELETE', 'OPTIONS']), path, headers: { 'x-forwarded-for': randomIp(rng) }, body: null, note: 'random path' };
}

function headerRequest(rng: Random): FuzzRequest {
  const headers: Record<string, string> = {};
  switch (rng.int(0, 7)) {
    case 0: headers.cookie = `x=${'y'.repeat(rng.pick([1000, 8000, 15_000, 20_000]))}`; break;
    case 1: for (let i = 0; i < rng.pick([50, 120]); i++) headers[`x-fuzz-${i}`] = rng.string(50, 'abc'); break;
    case 2: headers.host = rng.pick(['', 'evil.example.com', 'x'.repeat(3000), '[::1', '127.0.0.1:99999']); break;
    case 3: headers['if-none-match'] = rng.string(100, 'W/"abc,'); headers['if-modified-since'] = rng.pick(['nonsense', '0', 'Mon, 01 Jan 1900 00:00:00 GMT']); break;
    case 4: headers.range = rng.pick(['bytes=0-0', 'bytes=-1', 'bytes=999999-', 'bytes=a-b', 'lines=1-2', 'bytes=0-1,2-3,4-5']); break;
    case 5: headers['x-forwarded-for'] = Array.from({ length: 100 }, () => randomIp(rng)).join(', '); headers['x-forwarded-host'] = 'evil.example.com'; break;
    case 6: headers.accept = rng.pick(['*/*;q=x', 'application/json', '', 'x'.repeat(4000)]); headers['accept-encoding'] = rng.pick(['gzip;q=nope', 'identity;q=0', '*;q=0']); break;
    default: headers['content-length'] = '0'; headers.expect = rng.pick(['100-continue', 'nonsense']); break;
  }
  return { method: rng.pick(['GET', 'HEAD']), path: rng.pick(['/', '/redeem?code=x', '/healthz', '/static/site.css', '/dev/mail', '/profile']), headers, body: null, note: 'odd headers' };
}

/** Raw HTTP messages Node's parser and Express must refuse without a 5xx or a crash. */
function rawMessage(rng: Random, csrf: Session): Buffer {
  const body = `code=x&_csrf=${encodeURIComponent(csrf.csrf)}`;
  const messages = [
    'GET / HTTP/1.1\r\n\r\n',
    'GARBAGE\r\n\r\n',
    'GET\r\n\r\n',
    'GET /\r\n\r\n',
    'GET / HTTP/9.9\r\nHost: x\r\n\r\n',
    'GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n',
    'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n',
    'GET http://evil.example.com/ HTTP/1.1\r\nHost: x\r\n\r\n',
    'CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: x\r\n\r\n',
    'GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n',
    'GET / HTTP/1.1\r\nHost: x\r\nX: a\u0000b\r\n\r\n',
    'GET / HTTP/1.1\r\nHost: x\r\n: empty-name\r\n\r\n',
    'GET / HTTP/1.1\nHost: x\n\n',
    `GET /${'a'.repeat(70_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`,
    `POST /redeem HTTP/1.1\r\nHost: x\r\nCookie: ${csrf.cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nContent-Length: ${body.length + 5}\r\n\r\n${body}`,
    `POST /redeem HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
    `POST /redeem HTTP/1.1\r\nHost: x\r\nCookie: ${csrf.cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n${body}\r\n0\r\n\r\n`,
    `POST /redeem HTTP/1.1\r\nHost: x\r\nCookie: ${csrf.cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n5\r\ncode=xyz\r\n0\r\n\r\n`,
    `POST /redeem HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n`,
    `POST /redeem HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n0\r\n\r\n`,
    `POST /redeem HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n`,
    `POST /redeem HTTP/1.1\r\nHost: x\r\nContent-Length: 1e3\r\n\r\n`,
    `POST /redeem HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n`,
    `POST /redeem HTTP/1.1\r\nHost: x\r\nCookie: ${csrf.cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n${body}`,
    `POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"type":"message"`,
    `POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nffffffffff\r\n{}\r\n0\r\n\r\n`,
    `POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\nX-Trailer: ${'t'.repeat(20_000)}\r\n\r\n`,
    `GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGARBAGE\r\n\r\n`,
    `GET / HTTP/1.1\r\nHost: x\r\n${'X-Many: 1\r\n'.repeat(3000)}\r\n`,
    `G\u00e9T / HTTP/1.1\r\nHost: x\r\n\r\n`,
    `GET /%zz%%%?code=%E0%A4%A HTTP/1.1\r\nHost: x\r\n\r\n`,
    `GET /redeem?code=${'%C0%AF'.repeat(500)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    `GET / HTTP/1.1\r\nHost: x\r\nCookie: invitedesk.sid=${'%'.repeat(300)}\r\n\r\n`,
  ];
  if (rng.chance(0.25)) {
    const head = Buffer.from(`${rng.pick(['GET', 'POST', 'PUT', 'X'])} /${rng.string(20, 'abc/%?&=')} HTTP/1.1\r\nHost: x\r\n`);
    return Buffer.concat([head, rng.bytes(rng.int(0, 400)), Buffer.from('\r\n\r\n')]);
  }
  return Buffer.from(rng.pick(messages), 'latin1');
}

describe('reliability: HTTP fuzzing of the service process', function () {
  this.timeout(240_000);
  const seed = reliabilitySeed(424242, 'http fuzz');

  it(`answers ${REQUESTS} generated malformed requests (at least 5,000 reach it) and ${RAW_MESSAGES} malformed HTTP messages without a 5xx, an internal failure or an exit`, async () => {
    const dir = tempDir('invite-desk-fuzz-');
    const connector = await startConnector();
    const service = await startService({ DATA_DIR: dir.path, ADMIN_OBJECT_IDS: ADMIN, OPEN_REGISTRATION: 'true', ORGANISATION_NAME: 'Contoso', LOG_LEVEL: 'warn' });
    const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
    const failures: { req: FuzzRequest; result: FuzzResult }[] = [];
    const statuses = new Map<string, number>();
    let reached = 0;
    try {
      const env = { DATA_DIR: dir.path, PUBLIC_BASE_URL: service.url };
      const cli = async (...args: string[]) => {
        const result = await runNode('bin/invite-desk.js', args, env);
        assert.equal(result.code, 0, result.stderr);
        return result.stdout;
      };
      await cli('contacts', 'add', '--first', 'Ada', '--last', 'Lovelace', '--email', 'ada@example.com');
      const { code } = JSON.parse(await cli('--json', 'invite', 'create', '--contact', 'ada@example.com', '--expires', '7d')) as { code: string };
      const sessions = [await openSession(service.url), await openSession(service.url, '/?lang=da'), await openSession(service.url, `/redeem?code=${code}`)];
      // A signed-in visitor too: open registration is on; the account is made by the mailed link, followed in the same session.
      const browser = new CookieJar();
      const form = await fetch(`${service.url}/register`);
      const formCsrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
      browser.take(form);
      const registered = await fetch(`${service.url}/register`, {
        method: 'POST', redirect: 'manual', headers: { cookie: browser.header(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          _csrf: formCsrf,
          firstName: 'Fuzz', lastName: 'Visitor', email: 'visitor@example.com', password: 'quiet orange telescope', confirm: 'quiet orange telescope',
        }),
      });
      assert.equal(registered.status, 200);
      assert.match(await registered.text(), /We have sent a link to visitor@example\.com/);
      const link = (await waitForConfirmationLinks(service.url, ['visitor@example.com'])).get('visitor@example.com')!;
      const confirmed = await fetch(link, { redirect: 'manual', headers: { cookie: browser.take(registered).header() } });
      assert.equal(confirmed.status, 303, 'following the mailed link in the same session signs the visitor in');
      assert.equal(confirmed.headers.get('location'), '/profile');
      const cookie = browser.take(confirmed).header();
      const profile = await fetch(`${service.url}/profile`, { headers: { cookie } });
      assert.equal(profile.status, 200, 'the signed-in session opens the profile');
      sessions.push({ cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(await profile.text())?.[1] ?? formCsrf });

      const rng = seededRandom(seed);
      const requests: FuzzRequest[] = Array.from({ length: REQUESTS }, () => {
        const roll = rng.next();
        if (roll < 0.42) return siteRequest(rng, sessions);
        if (roll < 0.82) return botRequest(rng, connector.url, code);
        if (roll < 0.92) return randomPathRequest(rng);
        return headerRequest(rng);
      });
      let next = 0;
      const started = Date.now();
      await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
        while (next < requests.length) {
          const req = requests[next++]!;
          const result = await send(agent, service.port, req);
          if (result.error?.startsWith('client:')) continue;
          reached++;
          const key = `${req.note} ${result.status ?? result.error}`;
          statuses.set(key, (statuses.get(key) ?? 0) + 1);
          if (result.status === null ? !/socket hang up|ECONNRESET|EPIPE|HPE_/.test(result.error ?? '') : result.status >= 500) failures.push({ req, result });
          if (service.child.exitCode !== null) throw new Error(`the service exited (${service.child.exitCode}) after ${reached} requests`);
        }
      }));
      const elapsed = Date.now() - started;

      const raw: { message: string; status: number | null; head: string }[] = [];
      for (let i = 0; i < RAW_MESSAGES; i += 10) {
        await Promise.all(Array.from({ length: 10 }, async () => {
          const bytes = rawMessage(rng, sessions[0]!);
          const answer = await sendRaw(service.port, bytes);
          raw.push({ message: bytes.toString('latin1').slice(0, 200), ...answer });
        }));
      }

      process.stdout.write(`      [http fuzz] ${reached} requests reached the service in ${elapsed} ms, ${raw.length} raw messages; bot replies: ${connector.replies()}\n`);
      process.stdout.write(`      [http fuzz] outcomes: ${[...statuses.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, n]) => `${k}: ${n}`).join(', ')}\n`);
      const shown = (text: string) => (text.length > 400 ? `${text.slice(0, 400)}…(${text.length})` : text);
      const problems = [
        ...failures.map(({ req, result }) => `${result.status ?? result.error} ${req.method} ${shown(req.path)} ${JSON.stringify(req.headers).slice(0, 300)} body=${JSON.stringify(shown(req.body?.toString('utf8') ?? ''))} -> ${JSON.stringify(shown(result.body ?? ''))}`),
        ...raw.filter((r) => r.status !== null && r.status >= 500).map((r) => `raw ${r.head}: ${JSON.stringify(r.message)}`),
        // Internal failures the service logged, and anything written outside its JSON log (botbuilder's console.error).
        ...service.output().split('\n').filter((line) => /"level":(50|60)/.test(line) || (line.trim() && !line.startsWith('{'))).map((line) => `logged: ${shown(line)}`),
      ];
      assert.ok(reached >= 5000, `only ${reached} requests reached the service`);
      assert.equal(service.child.exitCode, null, 'the service process is still running');
      assert.deepEqual(problems.length, 0, `${failures.length} requests got a 5xx or lost the connection, and ${problems.length - failures.length} other problems (seed ${seed}):\n${problems.slice(0, 40).join('\n')}`);

      assert.equal((await fetch(`${service.url}/healthz`)).status, 200);
      assert.equal((await fetch(`${service.url}/readyz`)).status, 200);
      const home = await fetch(`${service.url}/`);
      assert.equal(home.status, 200);
      assert.match(await home.text(), /name="_csrf"/);
      const summary = await fetch(`${service.url}/redeem?code=${encodeURIComponent(code)}`, { headers: { 'x-forwarded-for': '192.0.2.1' } });
      // The fuzzing admin may have revoked or extended the invitation through the bot: a page either way.
      assert.ok([200, 409, 410].includes(summary.status), `the real code gets its page (${summary.status})`);
      assert.match(await summary.text(), /<main/);
    } finally {
      agent.destroy();
      await service.stop('SIGKILL');
      await connector.stop();
      dir.remove();
    }
  });
});
