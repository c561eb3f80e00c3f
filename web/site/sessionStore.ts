import type { Request } from 'express';
import session from 'express-session';
import type { EphemeralStore } from '../../src/store/port.ts';

const NAMESPACE = 'session';
const DEFAULT_TTL_MS = 8 * 60 * 60_000;
/** A touch that would move the stored expiry by less than this is skipped. */
const TOUCH_STEP_MS = 5 * 60_000;
/** How many sessions' stored expiry this process remembers (oldest forgotten first). */
const REMEMBERED_EXPIRIES = 10_000;

/**
 * express-session's store over the store port, so sessions hold across processes.
 *
 * express-session touches the session on every request that does not change it (the cookie rolls).
 * Writing each touch would make every page view a database write, so a touch is written only
 * when it moves the stored expiry by TOUCH_STEP_MS or more: a stored session may end up to five
 * minutes before its cookie says, out of eight hours.
 */
export class PortSessionStore extends session.Store {
  private readonly records: EphemeralStore;
  private readonly storedExpiry = new Map<string, number>();

  constructor(records: EphemeralStore) {
    super();
    this.records = records;
  }

  override get(sid: string, callback: (error: unknown, session?: session.SessionData | null) => void): void {
    this.records.get(NAMESPACE, sid, new Date()).then((value) => {
      const data = (value as session.SessionData | null) ?? null;
      if (data) this.remember(sid, expiry(data));
      callback(null, data);
    }, callback);
  }

  override set(sid: string, data: session.SessionData, callback?: (error?: unknown) => void): void {
    this.write(sid, data).then(() => callback?.(), (error) => callback?.(error));
  }

  override destroy(sid: string, callback?: (error?: unknown) => void): void {
    this.storedExpiry.delete(sid);
    this.records.delete(NAMESPACE, sid).then(() => callback?.(), (error) => callback?.(error));
  }

  override touch(sid: string, data: session.SessionData, callback?: () => void): void {
    const stored = this.storedExpiry.get(sid);
    if (stored !== undefined && expiry(data).getTime() - stored < TOUCH_STEP_MS) {
      callback?.();
      return;
    }
    this.write(sid, data).then(() => callback?.(), () => callback?.());
  }

  private async write(sid: string, data: session.SessionData): Promise<void> {
    const expiresAt = expiry(data);
    await this.records.put(NAMESPACE, sid, JSON.parse(JSON.stringify(data)), expiresAt);
    this.remember(sid, expiresAt);
  }

  private remember(sid: string, expiresAt: Date): void {
    this.storedExpiry.delete(sid);
    this.storedExpiry.set(sid, expiresAt.getTime());
    if (this.storedExpiry.size > REMEMBERED_EXPIRIES) this.storedExpiry.delete(this.storedExpiry.keys().next().value!);
  }
}

function expiry(data: session.SessionData): Date {
  const expires = data.cookie?.expires;
  return expires ? new Date(expires) : new Date(Date.now() + DEFAULT_TTL_MS);
}

/**
 * Whether the visitor has a session that is (or will be) stored: one that holds something. With
 * `saveUninitialized: false` an empty session is never written, so a page view that puts nothing
 * in it stores nothing.
 */
export function holdsSession(req: Request): boolean {
  return Boolean(req.session) && Object.keys(req.session).some((key) => key !== 'cookie');
}
