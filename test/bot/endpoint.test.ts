import assert from 'node:assert/strict';
import { serviceUrlAllowed } from '../../bot/serviceUrls.ts';
import { activity, botService, settle } from '../support/botEndpoint.ts';
import { startConnector } from '../support/connector.ts';
import { listen, needNetworkAddress, networkAddress } from '../support/network.ts';

const INTRUDER = 'eeeeeeee-0000-4000-8000-000000000066';

describe('the bot endpoint without BOT_ID (unauthenticated, for local use)', function () {
  this.timeout(30_000);

  it('serves only callers on loopback, whatever X-Forwarded-For says, and logs the refusal', async function () {
    const address = needNetworkAddress(this, 'bot endpoint network test');
    const connector = await startConnector();
    const service = await botService({ trustProxy: [address, 'loopback'] });
    try {
      const intrusion = activity(connector.url, `staff add ${INTRUDER} admin Eve`);
      for (const headers of [{}, { 'x-forwarded-for': '127.0.0.1' }] as Record<string, string>[]) {
        assert.equal((await service.post(intrusion, headers, address)).status, 403, JSON.stringify(headers));
      }
      await settle();
      assert.equal(connector.replies.length, 0);
      assert.equal((await service.services.staff.list('cli')).items.some((member) => member.id === INTRUDER), false, 'the caller on the network did nothing');
      assert.ok(service.lines.some((line) => line.level === 40 && /not on this machine/.test(line.msg)), JSON.stringify(service.lines));

      assert.equal((await service.post(activity(connector.url, 'help'))).status, 200, 'a caller on loopback is served');
    } finally {
      await service.close();
      await connector.stop();
    }
  });

  it('replies only to a connector on loopback', async () => {
    const service = await botService();
    let reached = 0;
    const elsewhere = await listen((_req, res) => { reached++; res.end('{}'); }, networkAddress ?? '0.0.0.0');
    try {
      for (const serviceUrl of [`http://${networkAddress ?? '192.0.2.1'}:${elsewhere.port}`, 'https://smba.trafficmanager.net/teams/', 'http://localhost.evil.example/']) {
        assert.equal((await service.post(activity(serviceUrl, 'help'))).status, 403, serviceUrl);
      }
      await settle();
      assert.equal(reached, 0);
      assert.ok(service.lines.some((line) => /serviceUrl/.test(line.msg)), 'the refusal is logged');
    } finally {
      await service.close();
      await elsewhere.close();
    }
  });

  it('answers odd but well-formed activity parts with 400 or a reply, never a failed turn', async () => {
    const connector = await startConnector();
    const service = await botService();
    try {
      const odd: Record<string, unknown>[] = [
        { entities: [{}] }, { entities: [{ type: 'mention' }] }, { entities: [{ type: 'mention', mentioned: { id: '28:bot' } }] },
        { entities: [{ type: 'mention', mentioned: { id: '28:bot' }, text: '<at>Invite Desk</at>' }], text: null },
        { entities: [{ type: 5 }] }, { entities: [{ type: 'clientInfo', locale: 5, timezone: {} }] },
        { attachments: [{ contentType: 'text/html', content: null }] }, { value: null }, { value: 'text' }, { text: '' },
      ];
      for (const extra of odd) {
        const res = await service.post(activity(connector.url, 'help', extra));
        assert.ok([200, 400].includes(res.status), `${JSON.stringify(extra)}: ${res.status}`);
      }
      const mention = { type: 'mention', mentioned: { id: '28:bot', name: 'Invite Desk' }, text: '<at>Invite Desk</at>' };
      assert.equal((await service.post(activity(connector.url, '<at>Invite Desk</at> help', { entities: [mention] }))).status, 200);
      await settle();
      assert.ok(connector.replies.length > 0);
      assert.ok(!connector.replies.some((reply) => /Something went wrong/.test(String(reply.text))), JSON.stringify(connector.replies.map((r) => r.text)));
      assert.ok(!service.lines.some((line) => line.msg === 'bot turn failed'), JSON.stringify(service.lines.filter((l) => l.level >= 50)));
    } finally {
      await service.close();
      await connector.stop();
    }
  });

  it('knows the Bot Framework service hosts, and loopback for local use', () => {
    for (const url of ['https://smba.trafficmanager.net/teams/', 'https://smba.trafficmanager.net/emea/', 'https://smba.infra.gcc.teams.microsoft.com/teams',
      'https://smba.infra.gov.teams.microsoft.us/teams', 'https://smba.infra.dod.teams.microsoft.us/teams', 'https://directline.botframework.com/', 'https://webchat.botframework.azure.us/']) {
      assert.equal(serviceUrlAllowed(url, 'bot-framework'), true, url);
      assert.equal(serviceUrlAllowed(url, 'loopback'), false, url);
    }
    for (const url of ['http://smba.trafficmanager.net/teams/', 'https://smba.trafficmanager.net.evil.example/', 'https://evilbotframework.com/', 'https://127.0.0.1/', 'not a url']) {
      assert.equal(serviceUrlAllowed(url, 'bot-framework'), false, url);
    }
    for (const url of ['http://127.0.0.1:3978/', 'http://localhost:56150/_connector', 'http://[::1]:80/']) assert.equal(serviceUrlAllowed(url, 'loopback'), true, url);
  });
});
