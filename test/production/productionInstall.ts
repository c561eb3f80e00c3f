import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { promisify } from 'node:util';
import { parse as parseDotenv } from 'dotenv';
import { REPO_ROOT } from '../../testkit/repoRoot.ts';

/**
 * What the Dockerfile does, without a container engine: the files `.dockerignore` lets into the
 * build, copied to a fresh folder, and `npm ci --omit=dev --ignore-scripts` there (as the image's
 * first stage runs it; from the npm cache where it can be).
 */

const run = promisify(execFile);

/**
 * The repository's tracked files that `.dockerignore` lets into the image. It is an allow-list
 * (`*`, then `!path` lines); anything else in it is refused here, so this stays what Docker does.
 */
export function imageFiles(dockerignore: string, tracked: readonly string[]): string[] {
  const rules = dockerignore.split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
  const allowed = rules.slice(1).map((rule) => rule.slice(1).replace(/\/+$/, ''));
  if (rules[0] !== '*' || rules.slice(1).some((rule) => !/^![\w.@/-]+$/.test(rule))) {
    throw new Error('.dockerignore must be an allow-list: `*` first, then `!path` lines without wildcards (test/production/productionInstall.ts reads it so)');
  }
  return tracked.filter((file) => allowed.some((path) => file === path || file.startsWith(`${path}/`)));
}

/**
 * The environment for an npm run in another folder: the user's npm configuration (registry, cache,
 * CA file…, which the npm running the tests hands down as npm_config_*), without what ties it to
 * this repository (its prefix, package and script).
 */
export function npmEnvironment(): NodeJS.ProcessEnv {
  const tiedHere = /^npm_(package_|lifecycle_|command$|execpath$|node_execpath$|config_local_prefix$)/i;
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !tiedHere.test(name)));
  if (env.NODE_EXTRA_CA_CERTS && !isAbsolute(env.NODE_EXTRA_CA_CERTS)) env.NODE_EXTRA_CA_CERTS = join(REPO_ROOT, env.NODE_EXTRA_CA_CERTS);
  return env;
}

/** What the Dockerfile runs: its `npm ci …` (arguments after `npm`), its CMD, and the lines that make it safe to run. */
export function dockerfileSteps(dockerfile: string) {
  const text = dockerfile.replace(/\\\n/g, ' ');
  const install = /^RUN (npm ci [^&\n]*)/m.exec(text)?.[1]?.trim().split(/\s+/).slice(1);
  const cmd = /^CMD (\[.*\])\s*$/m.exec(text)?.[1];
  if (!install || !cmd) throw new Error('the Dockerfile has no `RUN npm ci …` or no exec-form CMD');
  return {
    install,
    command: JSON.parse(cmd) as string[],
    user: /^USER (\S+)/m.exec(text)?.[1] ?? null,
    healthcheck: JSON.parse(/^HEALTHCHECK .*?CMD (\[.*\])\s*$/m.exec(text)?.[1] ?? 'null') as string[] | null,
    volume: /^VOLUME \["([^"]+)"\]/m.exec(text)?.[1] ?? null,
    env: Object.fromEntries([.../^ENV (.*)$/gm.exec(text)?.[1]?.matchAll(/(\w+)=(\S+)/g) ?? []].map((match) => [match[1]!, match[2]!])),
  };
}

/** Copies the image's files into `dir` and installs the production dependencies there as the Dockerfile does; returns what npm said. */
export async function installLikeTheImage(dir: string): Promise<string> {
  const { stdout } = await run('git', ['ls-files', '-z'], { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 });
  const tracked = stdout.split('\0').filter((file) => file && existsSync(join(REPO_ROOT, file)));
  for (const file of imageFiles(readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8'), tracked)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(join(REPO_ROOT, file), join(dir, file));
  }
  const { install } = dockerfileSteps(readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8'));
  const npm = await run('npm', [...install, '--prefer-offline'], {
    cwd: dir, env: npmEnvironment(), maxBuffer: 16 * 1024 * 1024,
  });
  return `${npm.stdout}${npm.stderr}`;
}

/** The settings of the first ```dotenv block of a Markdown text, with their example values (commented lines are optional ones, left out). */
export function dotenvBlock(markdown: string): Record<string, string> {
  const block = /^```dotenv\n([\s\S]*?)^```/m.exec(markdown)?.[1];
  if (!block) throw new Error('no ```dotenv block with the production settings');
  return parseDotenv(block);
}
