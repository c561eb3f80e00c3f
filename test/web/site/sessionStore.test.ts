import assert from 'node:assert/strict';
import type session from 'express-session';
import type { EphemeralStore } from '../../../src/store/port.ts';
import { createSqliteStore } from '../../../src/store/sqlite/index.ts';
import { PortSessionStore } from '../../../web/site/sessionStore.ts';

const HOUR = 60 * 60_000;

function sessionExpiring(at: Date, contactId = 'contact-1'): session.SessionData {
  return { cookie: { originalMaxAge: 8 * HOUR, expires: at, httpOnly: true, path: '/' }, contactId };
}

describe('the site session store', () => {
  const store = createSqliteStore(':memory:');
  const puts: string[] = [];
  const counting: EphemeralStore = { ...store.ephemeral, put: (namespace, key, value, expiresAt) => { puts.push(key); return store.ephemeral.put(namespace, key, value, expiresAt); } };
  const sessions = new PortSessionStore(counting);
  const call = <T>(fn: (done: (error?: unknown, value?: T) => void) => void) => new Promise<T | undefined>((resolve, reject) => fn((error, value) => (error ? reject(error) : resolve(value))));
  after(() => store.close());

  it('writes a touch only when it moves the stored expiry by five minutes or more', async () => {
    const start = new Date(Date.now() + 8 * HOUR);
    await call((done) => sessions.set('sid-1', sessionExpiring(start), done));
    assert.equal(puts.length, 1);

    await call((done) => sessions.touch('sid-1', sessionExpiring(new Date(start.getTime() + 60_000)), () => done()));
    assert.equal(puts.length, 1, 'a touch a minute later is not written');

    await call((done) => sessions.touch('sid-1', sessionExpiring(new Date(start.getTime() + 6 * 60_000)), () => done()));
    assert.equal(puts.length, 2, 'a touch six minutes later is written');
    const stored = await call<session.SessionData | null>((done) => sessions.get('sid-1', done));
    assert.equal(new Date(stored!.cookie.expires!).getTime(), start.getTime() + 6 * 60_000);
  });

  it('writes the first touch of a session it has not read or written (another process made it)', async () => {
    await store.ephemeral.put('session', 'sid-2', JSON.parse(JSON.stringify(sessionExpiring(new Date(Date.now() + HOUR)))), new Date(Date.now() + HOUR));
    const before = puts.length;
    await call((done) => sessions.touch('sid-2', sessionExpiring(new Date(Date.now() + 2 * HOUR)), () => done()));
    assert.equal(puts.length, before + 1);
  });

  it('forgets a destroyed session', async () => {
    await call((done) => sessions.set('sid-3', sessionExpiring(new Date(Date.now() + HOUR)), done));
    await call((done) => sessions.destroy('sid-3', done));
    assert.equal(await call((done) => sessions.get('sid-3', done)), null);
  });
});
