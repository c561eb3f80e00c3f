import { randomUUID } from 'node:crypto';
import type { ApiClient } from '../domain/apiClient.ts';
import type { CodeVault } from '../domain/codeVault.ts';
import type { BrandingPolicy } from '../domain/brandingLayers.ts';
import type { Store } from '../store/port.ts';

/**
 * How invitations are made here: whether every one waits for approval, the default expiry (as
 * typed, e.g. `30d`) and how many days before it a reminder goes (REMINDER_DAYS; 0: none; absent: 3).
 */
export type InvitePolicy = { approvalRequiredForAll: boolean; defaultExpiry: string; reminderDays?: number };

/** What every service needs: the store, the time, and the secret that protects codes. */
export type ServiceContext = {
  store: Store;
  clock: () => Date;
  vault: CodeVault;
  newId: () => string;
  /** ADMIN_OBJECT_IDS: admins before anyone adds them as staff; services that check roles count them. */
  adminObjectIds?: readonly string[];
  /** APPROVAL_REQUIRED and the default expiry of new invitations (see inviteContacts). */
  invitePolicy?: InvitePolicy;
  /**
   * Where the site sends a customer after redeeming (PUBLIC_BASE_URL, REDIRECT_ALLOWLIST): a new
   * invitation's redirect must be one of those. Without it, any http(s) URL is taken.
   */
  redirectPolicy?: RedirectPolicy;
  /** The environment's look and the rules an admin's branding is checked by (config); without it, the product's look. */
  branding?: BrandingPolicy;
  /** WEBHOOK_ALLOW_LOCAL_URLS: webhook subscriptions may point at this machine or a private network (tests, local set-ups). */
  webhookPolicy?: { allowLocalUrls: boolean };
  /**
   * The API client these services act for (see `createServices(…).forApiClient`): its actor is
   * granted what its app roles grant. Absent: no `api:` actor is granted anything.
   */
  apiClient?: ApiClient;
};

export type RedirectPolicy = { publicBaseUrl: string; allowlist: readonly string[] };

export function serviceContext(parts: Omit<ServiceContext, 'newId' | 'clock'> & Partial<Pick<ServiceContext, 'newId' | 'clock'>>): ServiceContext {
  return { clock: () => new Date(), newId: randomUUID, ...parts };
}

/** The staff member, API client (`api:…`), `cli` or `system` on whose behalf a service acts; written to the audit trail. */
export type Actor = string;
