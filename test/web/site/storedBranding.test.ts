import assert from 'node:assert/strict';
import { join } from 'node:path';
import request from 'supertest';
import { plainBranding } from '../../../src/domain/branding.ts';
import { createCodeVault } from '../../../src/domain/codeVault.ts';
import { jobHandlers } from '../../../src/jobs/handlers/index.ts';
import { createWorker } from '../../../src/jobs/worker.ts';
import { createDevMailbox } from '../../../src/mail/devMailbox.ts';
import { BRANDING_REFRESH_MS } from '../../../src/services/branding.ts';
import { serviceContext } from '../../../src/services/context.ts';
import { createServices } from '../../../src/services/index.ts';
import { createSqliteStore } from '../../../src/store/sqlite/index.ts';
import { createApp } from '../../../web/app.ts';
import { runCliIn } from '../../support/inProcessCli.ts';
import { silentLogger } from '../../support/mailTestbed.ts';
import { runNode } from '../../support/processes.ts';
import { seedDirectory, testClock, TEST_CODE_SECRET } from '../../support/services.ts';
import { siteTestbed, TEST_SITE } from '../../support/siteTestbed.ts';
import { tempDir } from '../../support/tempDir.ts';

const organisation = (html: string) => /<span class="brand-name">([^<]*)<\/span>/.exec(html)?.[1];
const stylesheet = (html: string) => /<link rel="stylesheet" href="(\/branding[^"]*\.css)">/.exec(html)?.[1];

/** What admins store with `invite-desk branding set` is what customers see: on the redeem page and in mail. */
describe('redeem site and mail: the branding admins stored', () => {
  it('shows a stored name and colour on the redeem page and in the invitation mail', async () => {
    const t = await siteTestbed();
    try {
      const set = await runCliIn(t.services, ['branding', 'set', '--name', 'Northwind Traders', '--colour', '#7a1f5c']);
      assert.equal(set.exitCode, 0, set.stderr);
      const { code } = await t.services.invitations.create('cli', { type: 'single', invitedContactIds: [t.seed.contacts[0]!.id] });

      const page = await request(t.app).get(`/redeem?code=${encodeURIComponent(code)}`);
      assert.equal(page.status, 200);
      assert.equal(organisation(page.text), 'Northwind Traders');
      assert.match(page.text, /<title>[^<]* – Northwind Traders<\/title>/);
      assert.equal(stylesheet(page.text), '/branding-7a1f5c.css');
      assert.equal((await request(t.app).get(stylesheet(page.text)!)).text, ':root { --accent: #7a1f5c; }\n');

      await t.worker.drain();
      const [mail] = (await t.store.devMail.list({ limit: 5 })).items;
      assert.match(mail!.subject, /^Your invitation to Northwind Traders – /);
      assert.match(mail!.html, /background-color:#7a1f5c;/);
      assert.match(mail!.text, /This e-mail was sent by Northwind Traders through its customer portal\./);

      const unset = await runCliIn(t.services, ['branding', 'unset', 'name', 'colour']);
      assert.equal(unset.exitCode, 0, unset.stderr);
      const back = await request(t.app).get(`/redeem?code=${encodeURIComponent(code)}`);
      assert.equal(organisation(back.text), 'Contoso', 'the site\'s own (the environment\'s) again');
      assert.equal(stylesheet(back.text), '/branding-0b57a4.css');
    } finally {
      await t.store.close();
    }
  });

  it('shows a change made by the CLI in another process within the refresh delay', async function () {
    this.timeout(60_000);
    const dir = tempDir();
    const store = createSqliteStore(join(dir.path, 'invite-desk.sqlite'));
    try {
      const clock = testClock(new Date());
      const context = serviceContext({ store, clock, vault: createCodeVault(TEST_CODE_SECRET) });
      const services = createServices(context);
      const seed = await seedDirectory(services, 1);
      const app = createApp({ store, services, logger: silentLogger, site: { ...TEST_SITE, branding: plainBranding('Contoso') } });
      const mailer = createDevMailbox(store, silentLogger, context.newId, clock);
      const worker = createWorker({
        store, logger: silentLogger, clock, concurrency: 1, maxAttempts: 1,
        handlers: jobHandlers({
          store, vault: context.vault, mailer, logger: silentLogger, newId: context.newId, clock, publicBaseUrl: 'http://127.0.0.1',
          mailSender: 'invitations@contoso.com', organisationName: 'Contoso', currentBranding: (environment) => services.branding.current(environment), webhookTimeoutMs: 1000,
        }),
      });
      assert.equal(organisation((await request(app).get('/')).text), 'Contoso');

      const cli = await runNode('bin/invite-desk.js', ['branding', 'set', '--name', 'Northwind Traders', '--colour', '#7a1f5c'], { DATA_DIR: dir.path });
      assert.equal(cli.code, 0, cli.stderr);
      assert.match(cli.stdout, /^name: \(not stored\) -> Northwind Traders$/m);

      assert.equal(organisation((await request(app).get('/')).text), 'Contoso', 'this process has not read it again yet');
      clock.advance(BRANDING_REFRESH_MS);
      const page = await request(app).get('/');
      assert.equal(organisation(page.text), 'Northwind Traders');
      assert.equal(stylesheet(page.text), '/branding-7a1f5c.css');

      await services.invitations.create('cli', { type: 'single', invitedContactIds: [seed.contacts[0]!.id] });
      await worker.drain();
      const [mail] = (await store.devMail.list({ limit: 5 })).items;
      assert.match(mail!.subject, /^Your invitation to Northwind Traders – /);
    } finally {
      await store.close();
      dir.remove();
    }
  });
});
