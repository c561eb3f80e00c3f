import session from 'express-session';
import type { EphemeralStore } from '../../src/store/port.ts';

const NAMESPACE = 'session';
const DEFAULT_TTL_MS = 8 * 60 * 60_000;

/** express-session's store over the store port, so sessions hold across processes. */
export class PortSessionStore extends session.Store {
  private readonly records: EphemeralStore;

  constructor(records: EphemeralStore) {
    super();
    this.records = records;
  }

  override get(sid: string, callback: (error: unknown, session?: session.SessionData | null) => void): void {
    this.records.get(NAMESPACE, sid, new Date()).then((value) => callback(null, (value as session.SessionData | null) ?? null), callback);
  }

  override set(sid: string, data: session.SessionData, callback?: (error?: unknown) => void): void {
    this.records.put(NAMESPACE, sid, JSON.parse(JSON.stringify(data)), expiry(data)).then(() => callback?.(), (error) => callback?.(error));
  }

  override destroy(sid: string, callback?: (error?: unknown) => void): void {
    this.records.delete(NAMESPACE, sid).then(() => callback?.(), (error) => callback?.(error));
  }

  override touch(sid: string, data: session.SessionData, callback?: () => void): void {
    this.records.put(NAMESPACE, sid, JSON.parse(JSON.stringify(data)), expiry(data)).then(() => callback?.(), () => callback?.());
  }
}

function expiry(data: session.SessionData): Date {
  const expires = data.cookie?.expires;
  return expires ? new Date(expires) : new Date(Date.now() + DEFAULT_TTL_MS);
}
