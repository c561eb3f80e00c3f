import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { needNetworkAddress } from '../support/network.ts';
import { runNode } from '../support/processes.ts';
import { startService } from '../support/serviceProcess.ts';
import { tempDir } from '../support/tempDir.ts';
import { startConnector } from '../support/connector.ts';

const ADMIN = 'aaaaaaaa-0000-4000-8000-000000000001';
const INTRUDER = 'eeeeeeee-0000-4000-8000-000000000066';


describe('the bot endpoint of the service process (POST /api/messages)', function () {
  this.timeout(30_000);

  it('answers a Teams message through the connector, and refuses another tenant', async () => {
    const dir = tempDir();
    const connector = await startConnector();
    const tenant = '72f988bf-86f1-41af-91ab-2d7cd011db47';
    const service = await startService({ DATA_DIR: dir.path, ADMIN_OBJECT_IDS: ADMIN, ALLOWED_TENANTS: tenant });
    try {
      const send = (text: string, tenantId: string) => fetch(`${service.url}/api/messages`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message', id: `m-${text}`, text, channelId: 'msteams', serviceUrl: connector.url,
          from: { id: '29:user', name: 'Ann Admin', aadObjectId: ADMIN }, recipient: { id: '28:bot', name: 'Invite Desk' },
          conversation: { id: 'a:chat', tenantId, conversationType: 'personal' }, channelData: { tenant: { id: tenantId } },
        }),
      });
      assert.equal((await send('help', tenant)).status, 200);
      for (let i = 0; i < 50 && connector.replies.length < 1; i++) await sleep(50);
      const card = (connector.replies[0]?.attachments as { contentType: string; content: { body: { text?: string }[] } }[])[0]!;
      assert.equal(card.contentType, 'application/vnd.microsoft.card.adaptive');
      assert.equal(card.content.body[1]!.text, 'Hello Ann Admin. Type one of these commands:');

      assert.equal((await send('help', '11111111-2222-4333-8444-555555555555')).status, 200);
      for (let i = 0; i < 50 && connector.replies.length < 2; i++) await sleep(50);
      assert.equal(connector.replies[1]!.text, 'Sorry, Invite Desk serves only its own organisation.');
    } finally {
      await service.stop();
      await connector.stop();
      dir.remove();
    }
  });

  it('without BOT_ID, lets no caller on the network act as an admin, and posts nothing where it is told to', async function () {
    const networkAddress = needNetworkAddress(this, 'bot endpoint network test');
    const dir = tempDir();
    const connector = await startConnector();
    const tenant = '72f988bf-86f1-41af-91ab-2d7cd011db47';
    const service = await startService({ DATA_DIR: dir.path, ADMIN_OBJECT_IDS: ADMIN, ALLOWED_TENANTS: tenant });
    try {
      const staffAdd = (serviceUrl: string) => JSON.stringify({
        type: 'message', id: `m-${Math.random()}`, text: `staff add ${INTRUDER} admin Eve`, channelId: 'msteams', serviceUrl,
        from: { id: '29:eve', name: 'Eve', aadObjectId: ADMIN }, recipient: { id: '28:bot', name: 'Invite Desk' },
        conversation: { id: 'a:chat', tenantId: tenant, conversationType: 'personal' }, channelData: { tenant: { id: tenant } },
      });
      const fromNetwork = await fetch(`http://${networkAddress}:${service.port}/api/messages`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '127.0.0.1' }, body: staffAdd(connector.url),
      });
      assert.equal(fromNetwork.status, 403);
      const elsewhere = await fetch(`${service.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: staffAdd('https://attacker.example/') });
      assert.equal(elsewhere.status, 403);
      await sleep(300);
      assert.equal(connector.replies.length, 0);
      const staff = await runNode('bin/invite-desk.js', ['--json', 'staff', 'list'], { DATA_DIR: dir.path });
      assert.ok(!staff.stdout.includes(INTRUDER), staff.stdout);
    } finally {
      await service.stop();
      await connector.stop();
      dir.remove();
    }
  });
});
