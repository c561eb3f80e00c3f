import assert from 'node:assert/strict';
import { createSqliteStore } from '../../src/store/sqlite/index.ts';
import type { Store } from '../../src/store/port.ts';
import { testServices } from '../support/services.ts';
import { webhookTestbed } from '../support/webhookTestbed.ts';

const ADMIN = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const INVITER = '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e';

describe('webhook subscriptions (service rules)', () => {
  let store: Store;
  let services: ReturnType<typeof testServices>['services'];
  beforeEach(async () => {
    store = createSqliteStore(':memory:');
    services = testServices(store).services;
    await services.staff.save('cli', { id: ADMIN, displayName: 'Ada Admin', roles: ['admin'] });
    await services.staff.save('cli', { id: INVITER, displayName: 'Ivy Inviter', roles: ['inviter'] });
  });
  afterEach(() => store.close());

  it('refuses URLs a server should not call, as workflow URLs are refused (and stricter)', async () => {
    const refused: [string, RegExp][] = [
      ['http://hooks.example.com/in', /url: must be an https URL/],
      ['https://user:pass@hooks.example.com/in', /url: must not carry a user name or password/],
      ['https://localhost:8443/in', /url: must not point at this machine or a private network/],
      ['https://127.0.0.1/in', /private network/],
      ['https://[::1]/in', /private network/],
      ['https://[::ffff:127.0.0.1]/in', /private network/],
      ['https://169.254.169.254/latest/meta-data', /private network/],
      ['https://10.1.2.3/in', /private network/],
      ['https://192.168.1.10/in', /private network/],
      ['https://2130706433/in', /private network/],
      ['https://printer.local/in', /private network/],
      ['ftp://hooks.example.com/in', /must be an https URL/],
      ['not a url', /must be a URL/],
    ];
    for (const [url, message] of refused) await assert.rejects(services.webhooks.add('cli', { url }), { code: 'invalid_input', message }, url);
    await assert.rejects(services.webhooks.add('cli', { url: 'https://hooks.example.com/in', events: ['invitation.deleted' as never] }), { message: /events.0: must be one of invitation.created/ });
    assert.deepEqual(await store.webhooks.list(), []);
    await assert.rejects(services.workflows.add('cli', { name: 'creds', url: 'https://u:p@hooks.example.com/a' }), { message: /user name or password/ });
  });

  it('takes local https URLs only where local URLs are allowed, and never plain http', async () => {
    const local = webhookTestbed();
    try {
      assert.equal((await local.services.webhooks.add('cli', { url: 'https://127.0.0.1:8443/in' })).url, 'https://127.0.0.1:8443/in');
      await assert.rejects(local.services.webhooks.add('cli', { url: 'http://127.0.0.1:8080/in' }), { message: /must be an https URL/ });
    } finally {
      await local.store.close();
    }
  });

  it('shows the secret once, at creation; lists without it; audits every change', async () => {
    const added = await services.webhooks.add(ADMIN, { url: 'https://hooks.example.com/in', events: ['invitation.redeemed', 'invitation.redeemed'] });
    assert.match(added.secret, /^whsec_[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(added.events, ['invitation.redeemed']);
    assert.deepEqual(await services.webhooks.list(ADMIN), [{ id: added.id, url: added.url, events: ['invitation.redeemed'], enabled: true, createdBy: ADMIN, createdAt: added.createdAt }]);
    assert.ok(!JSON.stringify(await services.webhooks.get(ADMIN, added.id)).includes(added.secret));
    await services.webhooks.setEnabled(ADMIN, added.id, false);
    await services.webhooks.remove(ADMIN, added.id);
    await assert.rejects(services.webhooks.remove(ADMIN, added.id), { code: 'not_found' });
    const audit = (await store.audit.listForSubject(`webhook:${added.id}`, { limit: 10 })).items;
    assert.deepEqual(audit.map((e) => `${e.action} ${e.actor}`).sort(), [`webhook.added ${ADMIN}`, `webhook.disabled ${ADMIN}`, `webhook.removed ${ADMIN}`]);
    assert.ok(!JSON.stringify(audit).includes(added.secret), 'the secret is not in the audit trail');
  });

  it('is for admins only, before any look-up', async () => {
    const added = await services.webhooks.add('cli', { url: 'https://hooks.example.com/in' });
    for (const attempt of [
      services.webhooks.add(INVITER, { url: 'https://hooks.example.com/in' }), services.webhooks.list(INVITER), services.webhooks.get(INVITER, 'nope'),
      services.webhooks.remove(INVITER, added.id), services.webhooks.setEnabled(INVITER, 'nope', false),
      services.webhooks.deliveries(INVITER), services.webhooks.redeliver(INVITER, 'nope'),
    ]) await assert.rejects(attempt, { code: 'not_allowed', message: /does not allow managing webhooks/ });
    assert.equal((await store.webhooks.list()).length, 1);
  });
});
