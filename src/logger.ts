import { pino, type Logger } from 'pino';
import type { Config } from './config.ts';

export type { Logger };

/**
 * Structured JSON lines on stdout. Anything that could carry a code or a secret is redacted.
 *
 * Lines are written synchronously. pino's default buffers them and flushes the rest when the
 * process exits; when stdout is a pipe whose reader has gone (`npm start | head -c 1`), that
 * flush retries its broken-pipe write forever and the process never ends. Written at once, the
 * first broken-pipe write turns logging off instead.
 */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'invite-desk' },
    redact: { paths: ['code', '*.code', 'req.query.code', 'password', '*.password', 'secret', '*.secret'], censor: '[redacted]' },
  }, pino.destination({ dest: 1, sync: true }));
}
