import { pino, type Logger } from 'pino';
import type { Config } from './config.ts';

export type { Logger };

/** Structured JSON lines on stdout. Anything that could carry a code or a secret is redacted. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'invite-desk' },
    redact: { paths: ['code', '*.code', 'req.query.code', 'password', '*.password', 'secret', '*.secret'], censor: '[redacted]' },
  });
}
