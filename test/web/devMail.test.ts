import assert from 'node:assert/strict';
import request from 'supertest';
import { createApp } from '../../web/app.ts';
import { mailTestbed, silentLogger } from '../support/mailTestbed.ts';
import { startService } from '../support/serviceProcess.ts';
import { seedDirectory } from '../support/services.ts';
import { tempDir } from '../support/tempDir.ts';

describe('dev mailbox pages', () => {
  it('lists kept mail as a page (names escaped) and as JSON, only when switched on', async () => {
    const t = mailTestbed();
    const hostile = await t.services.contacts.add({ firstName: '<script>alert(1)</script>', primaryEmail: 'h@example.com' });
    await seedDirectory(t.services, 0);
    await t.services.invitations.create('cli', { type: 'single', invitedContactIds: [hostile.id] });
    await t.worker.drain();

    const app = createApp({ store: t.store, services: t.services, logger: silentLogger, devMailbox: true });
    const json = await request(app).get('/dev/mail.json').expect(200);
    assert.equal(json.body.items.length, 1);
    assert.equal(json.body.items[0].to, 'h@example.com');
    const page = await request(app).get('/dev/mail').expect(200).expect('content-type', /html/);
    assert.ok(page.text.includes('Hello &lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(!page.text.includes('<script>alert'));

    const frame = /<iframe class="mail-html" src="([^"]+)" sandbox="([^"]*)"/.exec(page.text);
    assert.ok(frame, 'the HTML part is shown in a frame');
    assert.ok(!frame[2]!.includes('allow-scripts') && !frame[2]!.includes('allow-same-origin'), `a sandbox without scripts: ${frame[2]}`);
    const html = await request(app).get(frame[1]!).expect(200).expect('content-type', /html/);
    assert.equal(html.text, json.body.items[0].html);
    assert.match(String(html.headers['content-security-policy']), /default-src 'none'/);
    assert.match(String(html.headers['content-security-policy']), /sandbox/);
    assert.doesNotMatch(String(html.headers['content-security-policy']), /script-src/);
    const redeemLink = /Accept the invitation: (https:\/\/\S+)/.exec(json.body.items[0].text)![1]!;
    assert.ok(page.text.includes(`<a href="${redeemLink}">${redeemLink}</a>`), 'the text part\'s links are links');
    await request(app).get('/dev/mail/nope/html').expect(404);

    const off = createApp({ store: t.store, services: t.services, logger: silentLogger, devMailbox: false });
    await request(off).get('/dev/mail.json').expect(404);
    await request(off).get('/dev/mail').expect(404);
    await t.store.close();
  });
});

describe('the dev mailbox of the service process', function () {
  this.timeout(30_000);

  /** The service with `env` in a fresh data directory: its start log, and whether /dev/mail and /dev/mail.json answer. */
  async function startedWith(env: Record<string, string>) {
    const dir = tempDir();
    const service = await startService({ DATA_DIR: dir.path, ...env });
    try {
      const served = [(await fetch(`${service.url}/dev/mail.json`)).status, (await fetch(`${service.url}/dev/mail`)).status];
      const lines = service.output().trim().split('\n').map((line) => JSON.parse(line) as { level: number; msg: string; devMailbox?: string });
      return { url: service.url, served, lines, listening: lines.find((line) => line.msg === 'invite desk is listening') };
    } finally {
      await service.stop();
      dir.remove();
    }
  }

  it('is not served when PUBLIC_BASE_URL is not on this machine, and the start log says where mail went', async () => {
    const { served, lines, listening } = await startedWith({ PUBLIC_BASE_URL: 'https://invites.contoso.com', NODE_ENV: '' });
    assert.deepEqual(served, [404, 404]);
    const warning = lines.find((line) => /dev mailbox/i.test(line.msg));
    assert.equal(warning?.level, 40, JSON.stringify(lines));
    assert.match(warning.msg, /kept in the store and not sent.*nobody can read it/);
    assert.equal(listening?.devMailbox, undefined);
  });

  it('names its address in the start log when it is on', async () => {
    const { url, served, listening } = await startedWith({});
    assert.deepEqual(served, [200, 200]);
    assert.equal(listening?.devMailbox, `${url}/dev/mail`);
  });
});
