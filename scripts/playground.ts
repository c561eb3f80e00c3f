// npm run playground: the service (`node bin/server.ts`, settings from the environment and .env, port
// PORT or 3978) and, once /readyz answers, Microsoft 365 Agents Playground against its bot endpoint
// (http://localhost:56150). Ctrl-C or SIGTERM stops both. Arguments after `--` go to the Playground
// CLI (for example `npm run playground -- -p 56151`). `npm run dev` (scripts/dev.ts) is the same with
// the service restarted whenever a file it runs from changes.
//
// The Playground's own default user has object id 00000000-0000-0000-0000-0000000000020 (13 digits
// in the last group, not a GUID, so ADMIN_OBJECT_IDS and `staff add` refuse it). Unless you bring
// your own Playground config (M365_AGENTS_PLAYGROUND_CONFIG_PATH or .m365agentsplayground.yml), this
// script gives the Playground a config whose ids are GUIDs (PLAYGROUND_USER) and, unless
// ADMIN_OBJECT_IDS is set, makes that user an admin of the service.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parse as parseDotenv } from 'dotenv';

/** The Agents Playground CLI of the devDependency, run with this Node. */
export const PLAYGROUND_CLI = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');
export const DEFAULT_PLAYGROUND_PORT = 56150;
export const PLAYGROUND_TENANT_ID = '00000000-0000-0000-0000-000000000001';
export const PLAYGROUND_CONVERSATION_ID = 'invite-desk-playground-personal-chat';

type PlaygroundUser = { id: string; name: string; userPrincipleName: string; aadObjectId: string; givenName: string; surname: string; email: string };

function user(n: number, givenName: string, surname: string): PlaygroundUser {
  const email = `${givenName.toLowerCase()}${surname[0]!.toLowerCase()}@example.com`;
  return { id: `user-id-${n}`, name: `${givenName} ${surname}`, userPrincipleName: email, aadObjectId: `00000000-0000-0000-0000-0000000000${20 + n}`, givenName, surname, email };
}

/** Who speaks in the Playground (its `from`): the Playground's default people, with GUID object ids. */
export const PLAYGROUND_USER = user(0, 'Alex', 'Wilber');
export const PLAYGROUND_OTHER_USERS = [user(1, 'Megan', 'Bowen'), user(2, 'Adele', 'Vance'), user(3, 'Isaiah', 'Langer'), user(4, 'Patti', 'Fernandez'), user(5, 'Lynne', 'Robbins')];

/** The Playground config file (schema 0.1.1; JSON is YAML): tenant, bot, current user, chats, team. */
export function playgroundConfig(tenantId = PLAYGROUND_TENANT_ID): string {
  return `${JSON.stringify({
    version: '0.1.1',
    tenantId,
    bot: { id: '00000000-0000-0000-0000-000000000011', name: 'Invite Desk' },
    currentUser: PLAYGROUND_USER,
    users: PLAYGROUND_OTHER_USERS,
    personalChat: { id: PLAYGROUND_CONVERSATION_ID },
    groupChat: { id: 'invite-desk-playground-group-chat', name: 'Group Chat' },
    team: {
      id: 'invite-desk-playground-team', name: 'My Team', aadGroupId: '00000000-0000-0000-0000-000000000031',
      channels: [{ id: 'invite-desk-playground-announcements', name: 'Announcements' }],
    },
  }, null, 2)}\n`;
}

/** Resolves once the Playground prints `Listening on PORT` (it takes another port when its own is busy). */
export function listeningPort(child: ChildProcess, onLine: (line: string) => void = () => undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    let found = false;
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        onLine(line);
        const match = /^Listening on (\d+)/.exec(line.trim());
        if (match && !found) { found = true; resolve(Number(match[1])); }
      }
    });
    child.on('exit', (code, signal) => { if (!found) reject(new Error(`the Agents Playground exited (${signal ?? code}) before listening`)); });
  });
}

/** True when nothing listens on the port (checked the way the service binds: all interfaces). */
export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

/** SIGTERM, then SIGKILL if the process has not gone after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** The folders `npm run dev` watches: the service's code, templates, views and cards. */
export const WATCHED_FOLDERS = ['bin', 'src', 'web', 'bot'];

/** The service's command line: `node bin/server.ts`, or with `watch`, restarted on every change in WATCHED_FOLDERS. */
export function serviceArguments(watch: boolean): string[] {
  return [...(watch ? ['--watch-preserve-output', ...WATCHED_FOLDERS.map((folder) => `--watch-path=${folder}`)] : []), 'bin/server.ts'];
}

export async function runPlayground(options: { watch?: boolean } = {}): Promise<void> {
  const repoRoot = fileURLToPath(new URL('../', import.meta.url));
  const dotenvFile = join(repoRoot, '.env');
  const fromDotenv = existsSync(dotenvFile) ? parseDotenv(readFileSync(dotenvFile)) : {};
  /** A setting as the service will see it: the environment wins over .env; empty counts as unset. */
  const setting = (name: string): string | undefined => (process.env[name] ?? fromDotenv[name]) || undefined;

  const port = Number(setting('PORT') ?? 3978);
  if (Number.isInteger(port) && !(await portFree(port))) {
    console.error(`Port ${port} is in use (is \`npm start\` or another \`npm run playground\` running?). Stop it, or set PORT to another port.`);
    process.exit(1);
  }

  const userConfig = process.env.M365_AGENTS_PLAYGROUND_CONFIG_PATH
    ?? ['.m365agentsplayground.yml', '.teamsapptesttool.yml'].map((name) => join(repoRoot, name)).find((file) => existsSync(file));
  const workDir = mkdtempSync(join(tmpdir(), 'invite-desk-playground-'));
  const playgroundEnv: NodeJS.ProcessEnv = {
    ...process.env,
    TEAMSAPPTESTER_BROWSER: process.env.TEAMSAPPTESTER_BROWSER ?? 'none',
    M365_AGENTS_PLAYGROUND_LOGFILE: process.env.M365_AGENTS_PLAYGROUND_LOGFILE ?? join(workDir, 'm365agentsplayground.log'),
  };
  const serviceEnv: NodeJS.ProcessEnv = { ...process.env };
  const allowedTenants = [setting('BOT_TENANT_ID'), ...(setting('ALLOWED_TENANTS') ?? '').split(',')].map((id) => id?.trim()).filter(Boolean) as string[];

  if (userConfig) {
    console.log(`Agents Playground config: ${userConfig} (yours; its currentUser speaks to the bot).`);
  } else {
    const configFile = join(workDir, 'm365agentsplayground.yml');
    writeFileSync(configFile, playgroundConfig(allowedTenants[0] ?? PLAYGROUND_TENANT_ID));
    playgroundEnv.M365_AGENTS_PLAYGROUND_CONFIG_PATH = configFile;
    if (allowedTenants.length) console.log(`The Playground speaks from tenant ${allowedTenants[0]} (BOT_TENANT_ID / ALLOWED_TENANTS is set).`);
    if (setting('ADMIN_OBJECT_IDS')) {
      console.log(`ADMIN_OBJECT_IDS is set, so the Playground user ${PLAYGROUND_USER.name} (${PLAYGROUND_USER.aadObjectId}) is staff only if you add them:`
        + ` npx invite-desk staff add ${PLAYGROUND_USER.aadObjectId} --name "${PLAYGROUND_USER.name}" --roles admin`);
    } else {
      serviceEnv.ADMIN_OBJECT_IDS = PLAYGROUND_USER.aadObjectId;
      console.log(`ADMIN_OBJECT_IDS=${PLAYGROUND_USER.aadObjectId} for this run: the Playground user ${PLAYGROUND_USER.name} is an admin (set ADMIN_OBJECT_IDS to choose admins yourself).`);
    }
  }
  if (setting('BOT_ID')) {
    console.warn('BOT_ID is set, so the service accepts only activities with Bot Framework tokens; the Playground sends none unless given'
      + ' `-- --client-id … --client-secret … --tenant-id …` (and internet). For local use leave BOT_ID and BOT_PASSWORD unset.');
  }

  const children: ChildProcess[] = [];
  let stopping = false;
  const stopAll = async (exitCode: number): Promise<never> => {
    stopping = true;
    await Promise.all(children.map((child) => stopChild(child)));
    rmSync(workDir, { recursive: true, force: true });
    process.exit(exitCode);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => { console.log(`\n${signal}: stopping the Playground and the service…`); void stopAll(0); });
  const watch = (child: ChildProcess, name: string) => child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`${name} exited (${signal ?? code}); stopping.`);
    void stopAll(code || 1);
  });

  const service = spawn(process.execPath, serviceArguments(Boolean(options.watch)), { cwd: repoRoot, env: serviceEnv, stdio: 'inherit' });
  children.push(service);
  watch(service, 'The service');
  const serviceUrl = `http://localhost:${port}`;
  for (let i = 0; ; i++) {
    if ((await fetch(`${serviceUrl}/readyz`).catch(() => undefined))?.ok) break;
    if (i === 600) { console.error(`The service did not answer ${serviceUrl}/readyz within a minute.`); await stopAll(1); }
    await sleep(100);
  }
  console.log(`Invite Desk is ready on ${serviceUrl}; its bot endpoint is ${serviceUrl}/api/messages.${options.watch ? ` It restarts when a file under ${WATCHED_FOLDERS.join(', ')} changes.` : ''}`);

  const requestedPort = Number(process.env.TEAMSAPPTESTER_PORT ?? DEFAULT_PLAYGROUND_PORT);
  const playground = spawn(process.execPath, [
    PLAYGROUND_CLI, '-e', `${serviceUrl}/api/messages`, '-c', 'msteams', '--conversation-id', PLAYGROUND_CONVERSATION_ID, '--disable-telemetry', ...process.argv.slice(2),
  ], { cwd: repoRoot, env: playgroundEnv, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(playground);
  watch(playground, 'The Agents Playground');
  const playgroundPort = await listeningPort(playground, (line) => { if (line.trim()) console.log(`[playground] ${line}`); }).catch(() => null);
  if (playgroundPort === null) return;
  if (playgroundPort !== requestedPort && !process.argv.slice(2).some((arg) => /^(-p|--port)(=|$)/.test(arg))) {
    console.log(`Port ${requestedPort} was busy, so the Playground took ${playgroundPort}.`);
  }
  console.log(`\nOpen http://localhost:${playgroundPort} (Microsoft 365 Agents Playground, personal chat with Invite Desk; type "help").`);
  console.log(`Playground log: ${playgroundEnv.M365_AGENTS_PLAYGROUND_LOGFILE}. Ctrl-C stops both.\n`);
}

if (import.meta.main) await runPlayground();
