import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser.ts';
import { startOidcProvider, type LocalOidcProvider, type OidcPerson } from '../support/oidcProvider.ts';
import { freePort } from '../../testkit/ports.ts';
import { runNode } from '../support/processes.ts';
import { startService } from '../support/serviceProcess.ts';
import { tempDir } from '../support/tempDir.ts';

/**
 * The real service (`node bin/server.ts`) on a fresh SQLite data directory with mail kept in the dev
 * mailbox, plus what the browser tests do around it: the admin CLI, waiting for mail, and the one
 * thing neither offers, an invitation whose expiry has passed.
 */
export type DevMail = { to: string; subject: string; text: string; html: string; at: string };
export type InvitationView = { id: string; status: string; redemptions: number; remaining: number; code?: string };
export type Site = Awaited<ReturnType<typeof startSite>>;

export const PASSWORD = 'correct horse battery staple';
export const ORGANISATION = 'Northwind';

export async function startSite(env: Record<string, string> = {}) {
  const dir = tempDir('invite-desk-browser-');
  const service = await startService({ DATA_DIR: dir.path, ORGANISATION_NAME: ORGANISATION, LOG_LEVEL: 'warn', ...env });
  const cliEnv = { DATA_DIR: dir.path, PUBLIC_BASE_URL: service.url };

  async function cli(...args: string[]): Promise<string> {
    const result = await runNode('bin/invite-desk.js', args, cliEnv);
    assert.equal(result.code, 0, `invite-desk ${args.join(' ')} failed:\n${result.stderr}`);
    return result.stdout;
  }

  return {
    url: service.url,
    dataDir: dir.path,
    cli,
    cliJson: async <T>(...args: string[]): Promise<T> => JSON.parse(await cli('--json', ...args)) as T,

    /** The newest mail to `to` whose text matches `pattern`, waiting for the job worker to send it. */
    async waitForMail(to: string, pattern: RegExp, timeoutMs = 15_000): Promise<DevMail> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const response = await fetch(`${service.url}/dev/mail.json`);
        const { items } = (await response.json()) as { items: DevMail[] };
        const mail = items.find((item) => item.to === to && pattern.test(item.text));
        if (mail) return mail;
        if (Date.now() > deadline) assert.fail(`no mail to ${to} matching ${pattern} within ${timeoutMs} ms; the mailbox has ${JSON.stringify(items.map((item) => [item.to, item.subject]))}\n${service.output()}`);
        await sleep(100);
      }
    },

    /** The newest of `count` mails to `to` matching `pattern`, waiting until that many have been sent. */
    async waitForMails(to: string, pattern: RegExp, count: number, timeoutMs = 15_000): Promise<DevMail> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { items } = (await (await fetch(`${service.url}/dev/mail.json`)).json()) as { items: DevMail[] };
        const matching = items.filter((item) => item.to === to && pattern.test(item.text));
        if (matching.length >= count) return matching[0]!;
        if (Date.now() > deadline) assert.fail(`${matching.length} of ${count} mails to ${to} matching ${pattern} within ${timeoutMs} ms`);
        await sleep(100);
      }
    },

    /**
     * Moves the invitation's expiry a minute into the past. The CLI refuses past expiries, so this
     * writes the one column in the service's SQLite file.
     */
    expireInvitation(id: string): void {
      const db = new DatabaseSync(join(dir.path, 'invite-desk.sqlite'), { timeout: 15_000 });
      try {
        const { changes } = db.prepare('UPDATE invitations SET expires_at = ? WHERE id = ?').run(Date.now() - 60_000, id);
        assert.equal(changes, 1, `no invitation ${id} to expire`);
      } finally {
        db.close();
      }
    },

    output: service.output,

    async stop(): Promise<void> {
      await service.stop();
      dir.remove();
    },
  };
}

/**
 * A site with "Sign in with Microsoft" against a local OpenID provider. The provider needs the
 * site's callback and the site the provider's issuer, so the site's port is fixed first.
 */
export async function startSiteWithProvider(people: Record<string, OidcPerson>): Promise<{ site: Site; provider: LocalOidcProvider }> {
  const sitePort = await freePort();
  let providerPort = await freePort();
  while (providerPort === sitePort) providerPort = await freePort();
  const provider = await startOidcProvider({ port: providerPort, redirectUri: `http://127.0.0.1:${sitePort}/auth/microsoft/callback`, people });
  const site = await startSite({ PORT: String(sitePort), ENTRA_ISSUER: provider.issuer, ENTRA_CLIENT_ID: provider.clientId, ENTRA_CLIENT_SECRET: provider.clientSecret });
  return { site, provider };
}

/** The account and the two web roles most invitations here give. */
export async function seedDirectory(site: Site): Promise<void> {
  await Promise.all([site.cli('accounts', 'add', 'Contoso'), site.cli('roles', 'add', 'Customer'), site.cli('roles', 'add', 'Partner')]);
}

export async function addContact(site: Site, first: string, last: string, email: string): Promise<void> {
  await site.cli('contacts', 'add', '--first', first, '--last', last, '--email', email);
}

/** A single invitation to Contoso as Customer and Partner; its code and id. */
export async function inviteToContoso(site: Site, email: string, ...extra: string[]): Promise<{ id: string; code: string }> {
  return site.cliJson('invite', 'create', '--contact', email, '--account', 'Contoso', '--role', 'Customer', '--role', 'Partner', '--expires', '7d', ...extra);
}

/** The redeem link in the invitation mail to `email`. */
export async function invitationLink(site: Site, email: string): Promise<string> {
  const mail = await site.waitForMail(email, /\/redeem\?code=/);
  const link = /(https?:\/\/\S+\/redeem\?code=[A-Z0-9-]+)/.exec(mail.text)?.[1];
  assert.ok(link, `no redeem link in the mail:\n${mail.text}`);
  assert.equal(new URL(link).origin, site.url);
  return link;
}

export async function showInvitation(site: Site, idOrCode: string): Promise<InvitationView> {
  return site.cliJson<InvitationView>('invite', 'show', idOrCode);
}

/**
 * A browser and a running site with the usual accounts and roles, for the enclosing `describe`;
 * `prepare` adds what the file needs. Skips (loudly, see launchBrowser) without Chromium.
 */
export function useSeededSite(prepare?: (site: Site, browser: Browser) => Promise<void>): { readonly site: Site; readonly browser: Browser } {
  let browser: Browser | null = null;
  let site: Site | null = null;
  before(async function () {
    browser = await launchBrowser();
    if (!browser) return this.skip();
    site = await startSite();
    await seedDirectory(site);
    await prepare?.(site, browser);
  });
  after(async () => {
    await browser?.close();
    await site?.stop();
  });
  return { get site() { return site!; }, get browser() { return browser!; } };
}
