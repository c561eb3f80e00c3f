import type { Page } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DEFAULT_PLAYGROUND_PORT, PLAYGROUND_CLI, PLAYGROUND_CONVERSATION_ID, PLAYGROUND_TENANT_ID, PLAYGROUND_USER,
  listeningPort, playgroundConfig, portFree, stopChild,
} from '../../scripts/playground.ts';
import { REPO_ROOT } from '../../testkit/repoRoot.ts';

export { PLAYGROUND_CONVERSATION_ID, PLAYGROUND_TENANT_ID, PLAYGROUND_USER, portFree };

export type Playground = {
  url: string;
  port: number;
  output: () => string;
  /** SIGTERM (SIGKILL after 5 s), then removes its config and log. */
  stop: () => Promise<void>;
};

/**
 * Microsoft 365 Agents Playground (the devDependency's CLI, with this Node) against `endpoint`, in
 * Teams mode, without telemetry or a browser of its own, with the config of `npm run playground`
 * (PLAYGROUND_USER speaks from `tenantId`). Ready when `/_debug/ping` answers `pong`.
 *
 * The CLI silently takes a random port when its own is busy, so a busy `port` is an error here.
 */
export async function startPlayground(endpoint: string, options: { port?: number; tenantId?: string } = {}): Promise<Playground> {
  const port = options.port ?? DEFAULT_PLAYGROUND_PORT;
  if (!(await portFree(port))) {
    throw new Error(`Port ${port} is busy, so the Agents Playground cannot start there: another Playground (npm run playground?) or another program uses it. Stop it and run the test again.`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'invite-desk-playground-'));
  const configFile = join(dir, 'm365agentsplayground.yml');
  writeFileSync(configFile, playgroundConfig(options.tenantId));
  const child = spawn(process.execPath, [
    PLAYGROUND_CLI, '-e', endpoint, '-c', 'msteams', '--conversation-id', PLAYGROUND_CONVERSATION_ID, '--disable-telemetry', '--port', String(port),
  ], {
    cwd: REPO_ROOT,
    env: {
      ...process.env, TEAMSAPPTESTER_BROWSER: 'none',
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: configFile, M365_AGENTS_PLAYGROUND_LOGFILE: join(dir, 'm365agentsplayground.log'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (chunk) => { output += chunk; });
  const stop = async () => {
    await stopChild(child, 5_000);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const actual = await Promise.race([
      listeningPort(child, (line) => { output += `${line}\n`; }),
      sleep(20_000, undefined, { ref: false }).then(() => { throw new Error('the Agents Playground did not listen within 20 s'); }),
    ]);
    if (actual !== port) throw new Error(`the Agents Playground listens on ${actual}, not on ${port} (was ${port} taken meanwhile?)`);
    const url = `http://localhost:${port}`;
    for (let i = 0; ; i++) {
      const pong = await fetch(`${url}/_debug/ping`).then((res) => res.text()).catch(() => '');
      if (pong === 'pong') break;
      if (i === 100) throw new Error(`${url}/_debug/ping did not answer pong`);
      await sleep(100);
    }
    return { url, port, output: () => output, stop };
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${output}`);
  }
}

/** Types into the Playground's compose box (a Lexical editor) and sends. */
export async function say(page: Page, text: string): Promise<void> {
  const compose = page.locator('[data-lexical-editor="true"][role="textbox"]');
  await compose.click();
  await page.keyboard.type(text);
  await page.getByRole('button', { name: 'Send Message' }).click();
}
