import assert from 'node:assert/strict';
import request from 'supertest';
import { createApp } from '../../web/app.ts';
import { mailTestbed, silentLogger } from '../support/mailTestbed.ts';
import { seedDirectory } from '../support/services.ts';

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
