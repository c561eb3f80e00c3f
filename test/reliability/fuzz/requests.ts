import { request as httpRequest, type Agent } from 'node:http';
import { connect } from 'node:net';
import type { Random } from './seed.ts';

/** One HTTP request the fuzzer sends, kept so a failure can be printed and replayed. */
export type FuzzRequest = { method: string; path: string; headers: Record<string, string>; body: Buffer | null; note: string };
export type FuzzResult = { status: number | null; error?: string; body?: string };

export const SITE_PATHS = [
  '/', '/redeem', '/redeem/accept', '/redeem/register', '/signin', '/signout', '/register', '/password/forgot', '/password/reset',
  '/forgot', '/reset', '/profile', '/auth/microsoft', '/auth/microsoft/callback', '/auth/microsoft/email', '/confirm', '/dev/mail', '/dev/mail.json', '/healthz', '/readyz',
  '/api/messages', '/static/site.css', '/static/', '/static/../package.json',
];
const FIELD_NAMES = ['code', 'email', 'password', 'confirm', 'firstName', 'lastName', 'redirect', 'token', '_csrf', 'tab', 'lang', 'after', 'welcome'];
const NASTY_VALUES = [
  '', ' ', '%', '%zz', '%E0%A4%A', '%C0%AF', '%00', '\u0000', 'null', 'undefined', '[object Object]', '__proto__', 'constructor',
  '7KQM-2HXV-9TDR-4WPC', '7kqm2hxv9tdr4wpc', 'UUUU-UUUU-UUUU-UUUU', 'https://evil.example.com/', '//evil.example.com', '/\\evil.example.com',
  'javascript:alert(1)', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '{{constructor.constructor}}', "' OR 1=1 --",
  'ada@example.com', 'ADA@EXAMPLE.COM ', 'a@b', '😀'.repeat(50), '\r\nSet-Cookie: x=1', 'da', 'en', 'xx', 'redeem', '1', '-1', '1e999',
];

/** Percent-encoded, lone surrogates replaced (encodeURIComponent refuses them). */
export function encode(text: string): string {
  return encodeURIComponent(text.toWellFormed());
}

/** A string of random characters, percent-encoded or not, sometimes deliberately broken. */
function nastyString(rng: Random): string {
  switch (rng.int(0, 6)) {
    case 0: return rng.pick(NASTY_VALUES);
    case 1: return rng.string(40);
    case 2: return encode(rng.string(40));
    case 3: return 'x'.repeat(rng.pick([100, 2001, 5000, 20_000]));
    case 4: return rng.pick(['%', '%g', '%%', '%u1234', '%E2%82', '%ff%fe', '%C3%28']) + rng.string(5, 'abc');
    case 5: return rng.pick(NASTY_VALUES) + rng.string(10);
    default: return rng.string(8, 'abcdefghijklmnopqrstuvwxyz0123456789');
  }
}

function fieldName(rng: Random): string {
  const name = rng.chance(0.85) ? rng.pick(FIELD_NAMES) : nastyString(rng).slice(0, 30);
  switch (rng.int(0, 9)) {
    case 0: return `${name}[]`;
    case 1: return `${name}[$ne]`;
    case 2: return `${name}[$gt]`;
    case 3: return `${name}[0]`;
    case 4: return `__proto__[${name}]`;
    default: return name;
  }
}

/** A query string or form body: known and odd names, repeated names, broken encoding. */
export function formString(rng: Random, csrf: string | null): string {
  const pairs: string[] = [];
  const count = rng.chance(0.05) ? rng.int(40, 120) : rng.int(0, 8);
  for (let i = 0; i < count; i++) {
    const raw = rng.chance(0.3);
    const name = raw ? fieldName(rng) : encode(fieldName(rng));
    const value = raw ? nastyString(rng) : encode(nastyString(rng));
    pairs.push(rng.chance(0.1) ? name : `${name}=${value}`);
    if (rng.chance(0.15)) pairs.push(`${name}=${encodeURIComponent(rng.pick(NASTY_VALUES))}`);
  }
  if (csrf && rng.chance(0.8)) pairs.push(`_csrf=${encodeURIComponent(csrf)}`);
  return pairs.join(rng.chance(0.05) ? ';' : '&');
}

/** A Teams activity that is almost right, with one or more fields wrong, missing or odd. */
export function activity(rng: Random, connectorUrl: string, adminId: string, code: string | null): unknown {
  const verbs = ['list.next', 'invite.submit', 'invite-group.submit', 'approval.approve', 'approval.reject', 'approval.refresh', 'invitation.extend',
    'invitation.resend', 'invitation.revoke', 'templates.save', 'templates.preview', 'templates.reset', 'nope', ''];
  const texts = ['help', 'invite', 'invite ada@example.com', 'invite group', 'approvals', 'status', `status ${code ?? 'x'}`, 'list', 'list sent', 'revoke',
    `revoke ${code ?? 'x'} because`, 'extend x 7d', 'resend nope', 'staff', 'staff add x', 'templates', 'templates invitation da', 'templates nope nope', '', ' ', 'x'.repeat(5000)];
  const base: Record<string, unknown> = {
    type: rng.pick(['message', 'message', 'message', 'invoke', 'conversationUpdate', 'messageReaction', 'event', 'installationUpdate', 'typing', 'endOfConversation', 'nope']),
    id: `fuzz-${rng.int(0, 1e9)}`, channelId: rng.pick(['msteams', 'msteams', 'emulator', 'webchat', '']), serviceUrl: connectorUrl,
    timestamp: new Date().toISOString(),
    from: { id: `29:${rng.int(0, 5)}`, name: 'Fuzz Person', aadObjectId: rng.chance(0.7) ? adminId : 'bbbbbbbb-0000-4000-8000-000000000002' },
    recipient: { id: '28:bot', name: 'Invite Desk' },
    conversation: { id: `a:fuzz-${rng.int(0, 3)}`, tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', conversationType: rng.pick(['personal', 'groupChat', 'channel']) },
    channelData: { tenant: { id: '72f988bf-86f1-41af-91ab-2d7cd011db47' } },
    text: rng.pick(texts),
  };
  if (base.type === 'invoke') {
    base.name = rng.pick(['adaptiveCard/action', 'adaptiveCard/action', 'task/fetch', 'composeExtension/query', 'signin/verifyState', 'nope']);
    base.value = { action: { type: 'Action.Execute', verb: rng.pick(verbs), data: cardData(rng, code) }, trigger: 'manual' };
  } else if (rng.chance(0.4)) {
    base.value = { verb: rng.pick(verbs), ...(cardData(rng, code) as object) };
    if (rng.chance(0.5)) base.text = '';
  }
  if (base.type === 'conversationUpdate') base.membersAdded = rng.chance(0.5) ? [{ id: '28:bot' }, { id: '29:new' }] : rng.pick<unknown>(['x', 1, [null], {}]);
  const mutations = rng.chance(0.5) ? 0 : rng.int(1, 3);
  for (let i = 0; i < mutations; i++) mutate(rng, base);
  return base;
}

function cardData(rng: Random, code: string | null): unknown {
  const data: Record<string, unknown> = {};
  const keys = ['invitationId', 'reason', 'expires', 'status', 'after', 'name', 'locale', 'subject', 'html', 'text', 'email', 'firstName', 'lastName',
    'contacts', 'maxRedemptions', 'company', 'roles', 'workflow', 'code'];
  for (let i = rng.int(0, 6); i > 0; i--) data[rng.pick(keys)] = oddValue(rng, code);
  return rng.chance(0.1) ? oddValue(rng, code) : data;
}

/** A JSON value of a type the reader may not expect. */
function oddValue(rng: Random, code: string | null): unknown {
  switch (rng.int(0, 12)) {
    case 0: return null;
    case 1: return rng.int(-5, 1e6);
    case 2: return rng.chance(0.5);
    case 3: return [rng.string(5), 1, null];
    case 4: return { $ne: null };
    case 5: return { $gt: '' };
    case 6: return { toString: 1, valueOf: 2 };
    case 7: return JSON.parse('{"__proto__":{"polluted":true}}');
    case 8: return 'x'.repeat(rng.int(1000, 100_000));
    case 9: return code ?? '7KQM-2HXV-9TDR-4WPC';
    case 10: return rng.pick(['7d', 'never', '2020-01-01', 'invitation', 'en', 'da', 'ada@example.com', 'Ada Lovelace <ada@example.com>']);
    default: return rng.string(30);
  }
}

function mutate(rng: Random, target: Record<string, unknown>): void {
  const paths: string[][] = [['type'], ['id'], ['channelId'], ['serviceUrl'], ['from'], ['from', 'id'], ['from', 'aadObjectId'], ['from', 'name'], ['recipient'],
    ['conversation'], ['conversation', 'id'], ['conversation', 'tenantId'], ['conversation', 'conversationType'], ['channelData'], ['channelData', 'tenant'],
    ['channelData', 'tenant', 'id'], ['text'], ['value'], ['name'], ['timestamp'], ['entities'], ['attachments'], ['locale'], ['replyToId'], ['membersAdded'], ['textFormat']];
  const path = rng.pick(paths);
  let node: Record<string, unknown> = target;
  for (const key of path.slice(0, -1)) {
    const child = node[key];
    if (typeof child !== 'object' || child === null) return;
    node = child as Record<string, unknown>;
  }
  const last = path[path.length - 1]!;
  if (rng.chance(0.2)) {
    delete node[last];
    return;
  }
  node[last] = rng.pick<unknown>([
    null, 0, 1.5, -1, true, false, '', 'x'.repeat(10_000), [], [1, 'a', null], {}, { $ne: null }, { toString: 1 }, rng.string(20),
    'not a url', 'ftp://x', '//x', 'http://', '\u0000', '29:other', 'aaaaaaaa-0000-4000-8000-000000000001',
  ]);
}

/** Nested arrays/objects `depth` levels deep, as JSON text. */
export function deepJson(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** Sends one request; a reset or timeout is a result, not a crash of the fuzzer. */
export function send(agent: Agent, port: number, req: FuzzRequest, timeoutMs = 30_000): Promise<FuzzResult> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (result: FuzzResult) => { if (!settled) { settled = true; resolve(result); } };
    let outgoing;
    try {
      outgoing = httpRequest({ host: '127.0.0.1', port, method: req.method, path: req.path, headers: req.headers, agent, timeout: timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => { if (size < 4096) { chunks.push(chunk); size += chunk.length; } });
        res.on('end', () => done({ status: res.statusCode ?? null, body: Buffer.concat(chunks).toString('utf8').slice(0, 500) }));
        res.on('error', (error) => done({ status: res.statusCode ?? null, error: error.message }));
      });
    } catch (error) {
      // The client refused to send it (an invalid header or path): not the server's doing.
      done({ status: null, error: `client: ${(error as Error).message}` });
      return;
    }
    outgoing.on('timeout', () => { outgoing.destroy(new Error('timeout')); });
    outgoing.on('error', (error) => done({ status: null, error: error.message }));
    if (req.body) outgoing.end(req.body);
    else outgoing.end();
  });
}

/** Writes raw bytes to a fresh connection and reads the status line of the answer, if any. */
export function sendRaw(port: number, bytes: Buffer, timeoutMs = 5_000): Promise<{ status: number | null; head: string }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    const finish = () => {
      socket.destroy();
      const match = /^HTTP\/\d\.\d (\d{3})/.exec(received);
      resolve({ status: match ? Number(match[1]) : null, head: received.split('\r\n')[0] ?? '' });
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('connect', () => {
      socket.write(bytes);
      // Half-close after a moment so that a server waiting for more body answers or gives up.
      setTimeout(() => { if (!socket.destroyed) socket.end(); }, 200);
    });
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n\r\n')) { clearTimeout(timer); finish(); }
    });
    socket.on('error', () => { clearTimeout(timer); finish(); });
    socket.on('close', () => { clearTimeout(timer); finish(); });
  });
}

