import { plainBranding, type Branding } from '../../domain/branding.ts';
import type { CodeVault } from '../../domain/codeVault.ts';
import type { Locale } from '../../domain/invitation.ts';
import { mailFrame, type MailFrame } from '../../mail/mailFrame.ts';
import type { Logger } from '../../logger.ts';
import type { Mailer } from '../../mail/mailer.ts';
import type { Store } from '../../store/port.ts';

/** What job handlers need. */
export type HandlerDeps = {
  store: Store;
  vault: CodeVault;
  mailer: Mailer;
  logger: Logger;
  newId: () => string;
  clock: () => Date;
  publicBaseUrl: string;
  mailSender: string;
  organisationName: string;
  /** The organisation's look in mail as the environment gives it; without it, its name on the product's colours. */
  branding?: Branding;
  /** The look mails carry now: an admin's stored values over `environment` (the branding service's, cached per process). Without it, `branding` as it is. */
  currentBranding?: (environment: Branding) => Promise<Branding>;
  /** Timeout of one workflow webhook delivery. */
  webhookTimeoutMs: number;
  /** The worker's JOB_MAX_ATTEMPTS, so that a webhook delivery's log says "failed" on its last attempt. */
  jobMaxAttempts?: number;
};

export function payloadString(payload: Record<string, unknown>, key: string): string {
  const value = payload[key];
  if (typeof value !== 'string' || !value) throw new Error(`job payload has no ${key}`);
  return value;
}

/** The organisation's look and name and the mail layout's words, which every mail's data carries. */
export async function frameFor(deps: HandlerDeps, locale: Locale): Promise<MailFrame & { organisation: string }> {
  const environment = deps.branding ?? plainBranding(deps.organisationName);
  const branding = deps.currentBranding ? await deps.currentBranding(environment) : environment;
  return { ...mailFrame(branding, deps.publicBaseUrl, locale), organisation: branding.organisationName };
}
