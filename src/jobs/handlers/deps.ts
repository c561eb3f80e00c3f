import type { CodeVault } from '../../domain/codeVault.ts';
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
