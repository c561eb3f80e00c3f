import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';

/**
 * The only place that reads the environment. `loadConfig` parses it once into a frozen, typed
 * Config; every problem becomes one line naming the variable, what is wrong and an example.
 */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test'], { message: 'must be development, production or test (example: production)' }).default('development'),
  PORT: z.coerce.number({ message: 'must be a port number (example: 3978)' }).int('must be a whole number (example: 3978)')
    .min(0, 'must be between 0 and 65535 (example: 3978)').max(65535, 'must be between 0 and 65535 (example: 3978)').default(3978),
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL (example: https://invites.example.com)' })
    .transform((url) => url.replace(/\/+$/, '')).optional(),
  DATA_DIR: z.string().min(1, 'must not be empty (example: ./data)').default('./data'),
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\/.+/, 'must be a MongoDB connection string (example: mongodb://127.0.0.1:27017/invitedesk)').optional(),
  CODE_SECRET: z.string().min(32, 'must be at least 32 characters (example: the output of `openssl rand -base64 48`)').optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')} (example: info)` }).default('info'),
});

export type Config = Readonly<{
  env: 'development' | 'production' | 'test';
  port: number;
  publicBaseUrl: string;
  dataDir: string;
  mongodbUri: string | null;
  /** Null outside production: a generated secret is kept in DATA_DIR (see codeSecret.ts). */
  codeSecret: string | null;
  logLevel: (typeof LOG_LEVELS)[number];
}>;

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const result = schema.safeParse(blankAsUnset);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const data = result.data;
  const problems: string[] = [];
  if (data.NODE_ENV === 'production' && !data.CODE_SECRET) {
    problems.push('CODE_SECRET: is required when NODE_ENV=production (example: the output of `openssl rand -base64 48`)');
  }
  if (data.NODE_ENV === 'production' && !data.PUBLIC_BASE_URL?.startsWith('https://')) {
    problems.push('PUBLIC_BASE_URL: must use https when NODE_ENV=production (example: https://invites.example.com)');
  }
  if (problems.length) throw new ConfigError(problems);
  return Object.freeze({
    env: data.NODE_ENV,
    port: data.PORT,
    publicBaseUrl: data.PUBLIC_BASE_URL ?? `http://localhost:${data.PORT}`,
    dataDir: data.DATA_DIR,
    mongodbUri: data.MONGODB_URI ?? null,
    codeSecret: data.CODE_SECRET ?? null,
    logLevel: data.LOG_LEVEL,
  });
}

/** Reads `.env` (if present; real environment variables win) and the environment. */
export function loadConfig(): Config {
  loadDotenv({ quiet: true });
  return parseConfig(process.env);
}
