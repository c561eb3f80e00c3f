import { createHash, randomBytes } from 'node:crypto';
import type { StaffRole } from './staff.ts';

/**
 * API clients: systems that call `/api/v1`, with a Microsoft Entra app-only token or an API key.
 * Their app roles (Entra's `roles` claim, or the roles a key was created with) grant what staff
 * roles grant, plus `directory` (contacts, accounts and web roles by hand), which among staff only
 * admins hold.
 */
export const API_ROLES = ['Invitations.Read', 'Invitations.ReadWrite', 'Directory.ReadWrite', 'Admin'] as const;
export type ApiRole = (typeof API_ROLES)[number];

/** What a use case may ask an actor for: a staff role, or `directory`. */
export type Permission = StaffRole | 'directory';

export const API_ROLE_PERMISSIONS: Readonly<Record<ApiRole, readonly Permission[]>> = Object.freeze({
  'Invitations.Read': ['viewer'],
  'Invitations.ReadWrite': ['viewer', 'inviter'],
  'Directory.ReadWrite': ['viewer', 'directory'],
  Admin: ['admin'],
});

export function isApiRole(value: string): value is ApiRole {
  return (API_ROLES as readonly string[]).includes(value);
}

/** Whether app roles grant the permission: `Admin` grants everything. */
export function apiRolesGrant(roles: readonly ApiRole[], permission: Permission): boolean {
  return roles.some((role) => API_ROLE_PERMISSIONS[role].includes('admin') || API_ROLE_PERMISSIONS[role].includes(permission));
}

/** An API client acting now: its actor id (as the audit trail names it), a readable name, its roles. */
export type ApiClient = { actor: string; name: string; roles: readonly ApiRole[] };

/** Actor ids of API clients: `api:<Entra client id>` for a token, `api:key:<key id>` for a key. */
export const entraClientActor = (clientId: string) => `api:${clientId.toLowerCase()}`;
export const apiKeyActor = (keyId: string) => `api:key:${keyId}`;
export const isApiActor = (actor: string) => actor.startsWith('api:');
export const apiKeyIdOf = (actor: string): string | null => (actor.startsWith('api:key:') ? actor.slice('api:key:'.length) : null);

/** An API key as stored: never the key itself, only its SHA-256. */
export type ApiKey = {
  id: string;
  name: string;
  roles: ApiRole[];
  /** SHA-256 (hex) of the whole key. */
  hash: string;
  /** The key's first characters (`idk_AbCd`), so people can tell keys apart. */
  prefix: string;
  createdAt: Date;
  createdBy: string;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
};

export const API_KEY_PREFIX = 'idk_';
const SHOWN_PREFIX_LENGTH = API_KEY_PREFIX.length + 6;

/** A new key: `idk_` and 256 random bits; what is kept of it is its hash and first characters. */
export function newApiKeySecret(): { key: string; hash: string; prefix: string } {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, hash: apiKeyHash(key), prefix: key.slice(0, SHOWN_PREFIX_LENGTH) };
}

/** A key of 256 random bits needs no slow hash: SHA-256 cannot be reversed, and guessing is hopeless. */
export function apiKeyHash(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Whether a presented value has the shape of a key (before any look-up). */
export function looksLikeApiKey(value: string): boolean {
  return /^idk_[A-Za-z0-9_-]{43}$/.test(value);
}
