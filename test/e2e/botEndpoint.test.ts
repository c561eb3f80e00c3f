import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startService } from '../support/serviceProcess.ts';
import { tempDir } from '../support/tempDir.ts';
import { startConnector } from '../support/connector.ts';

const ADMIN = 'aaaaaaaa-0000-4000-8000-000000000001';


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
});
