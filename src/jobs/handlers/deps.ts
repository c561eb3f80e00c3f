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
  /** The organisation's look in mail; without it, its name on the product's colours. */
  branding?: Branding;
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

/** The organisation's look and the mail layout's words, which every mail's data carries. */
export function frameFor(deps: HandlerDeps, locale: Locale): MailFrame {
  return mailFrame(deps.branding ?? plainBranding(deps.organisationName), deps.publicBaseUrl, locale);
}
