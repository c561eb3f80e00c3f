import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { lazy } from '../lazy.ts';

/**
 * Local account passwords: scrypt (N=2^15, r=8, p=1, 16-byte salt, 32-byte key), stored as
 * `scrypt$N$r$p$salt$key` so the cost can be raised later without breaking old hashes.
 */
const COST = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, 32, options, (error, key) => (error ? reject(error) : resolve(key))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p), maxmem: COST.maxmem });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash to check against when there is no account, so "no such account" takes as long as "wrong password". */
export const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** The library's list of common passwords, loaded by the first new password, not at start (it is large). */
const commonPasswordList = lazy(() => createRequire(import.meta.url)('fxa-common-password-list') as typeof import('fxa-common-password-list'));

/** Our additions to the library's list: seasonal, product and Danish favourites. */
const localCommonPasswords = lazy(() => new Set(readFileSync(new URL('./commonPasswords.txt', import.meta.url), 'utf8').split('\n').map((line) => line.trim().toLowerCase()).filter(Boolean)));

/** Why a new password is not good enough, as a message key for the page, or null when it is fine. */
export function passwordProblem(password: string, email?: string | null): 'password_too_short' | 'password_too_long' | 'password_too_common' | null {
  if (password.length < MIN_PASSWORD_LENGTH) return 'password_too_short';
  if (password.length > MAX_PASSWORD_LENGTH) return 'password_too_long';
  const lower = password.toLowerCase();
  if (commonPasswordList().test(lower) || localCommonPasswords().has(lower) || (email && lower.includes(email.toLowerCase().split('@')[0]!) && email.split('@')[0]!.length >= 4)) return 'password_too_common';
  if (new Set(lower).size <= 2) return 'password_too_common';
  return null;
}
