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

    const off = createApp({ store: t.store, services: t.services, logger: silentLogger, devMailbox: false });
    await request(off).get('/dev/mail.json').expect(404);
    await request(off).get('/dev/mail').expect(404);
    await t.store.close();
  });
});

describe('the dev mailbox of the service process', function () {
  this.timeout(30_000);

  it('is not served when PUBLIC_BASE_URL is not on this machine, and the start log says where mail went', async () => {
    const dir = tempDir();
    const service = await startService({ DATA_DIR: dir.path, PUBLIC_BASE_URL: 'https://invites.contoso.com', NODE_ENV: '' });
    try {
      assert.equal((await fetch(`${service.url}/dev/mail.json`)).status, 404);
      assert.equal((await fetch(`${service.url}/dev/mail`)).status, 404);
      const lines = service.output().trim().split('\n').map((line) => JSON.parse(line) as { level: number; msg: string; devMailbox?: string });
      const warning = lines.find((line) => /dev mailbox/i.test(line.msg));
      assert.equal(warning?.level, 40, service.output());
      assert.match(warning!.msg, /kept in the store and not sent.*nobody can read it/);
      assert.equal(lines.find((line) => line.msg === 'invite desk is listening')?.devMailbox, undefined);
    } finally {
      await service.stop();
      dir.remove();
    }
  });

  it('names its address in the start log when it is on', async () => {
    const dir = tempDir();
    const service = await startService({ DATA_DIR: dir.path });
    try {
      assert.equal((await fetch(`${service.url}/dev/mail.json`)).status, 200);
      const listening = service.output().trim().split('\n').map((line) => JSON.parse(line) as { msg: string; devMailbox?: string })
        .find((line) => line.msg === 'invite desk is listening');
      assert.equal(listening?.devMailbox, `${service.url}/dev/mail`);
    } finally {
      await service.stop();
      dir.remove();
    }
  });
});
