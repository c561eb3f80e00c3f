import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { runNode } from '../support/processes.ts';
import { startService } from '../support/serviceProcess.ts';
import { tempDir } from '../support/tempDir.ts';

describe('local mail without Graph: npm start + the CLI', function () {
  this.timeout(60_000);

  it('puts the invitation mail, with a working redeem link, into /dev/mail.json', async () => {
    const dir = tempDir();
    const service = await startService({ DATA_DIR: dir.path, ORGANISATION_NAME: 'Contoso' });
    try {
      const env = { DATA_DIR: dir.path, PUBLIC_BASE_URL: service.url };
      const cli = async (...args: string[]) => {
        const result = await runNode('bin/invite-desk.js', args, env);
        assert.equal(result.code, 0, result.stderr);
        return result.stdout;
      };
      await cli('contacts', 'add', '--first', 'Ada', '--last', 'Lovelace', '--email', 'ada@example.com');
      const { code, id } = JSON.parse(await cli('--json', 'invite', 'create', '--contact', 'ada@example.com', '--expires', '7d'));

      let mails: { to: string; subject: string; text: string; html: string }[] = [];
      for (let i = 0; i < 100 && mails.length === 0; i++) {
        mails = ((await (await fetch(`${service.url}/dev/mail.json`)).json()) as { items: typeof mails }).items;
        if (!mails.length) await sleep(100);
      }
      assert.equal(mails.length, 1, service.output());
      const [mail] = mails;
      assert.equal(mail!.to, 'ada@example.com');
      assert.equal(mail!.subject, 'Your invitation to Contoso');
      const link = /(http\S+\/redeem\?code=\S+)/.exec(mail!.text)![1]!;
      const url = new URL(link);
      assert.equal(url.origin, service.url);
      assert.equal(url.searchParams.get('code'), code);
      const shown = JSON.parse(await cli('--json', 'invite', 'show', url.searchParams.get('code')!));
      assert.deepEqual([shown.id, shown.status], [id, 'sent']);
      const page = await (await fetch(`${service.url}/dev/mail`)).text();
      assert.match(page, /Your invitation to Contoso/);
      assert.equal(await service.stop(), 0);
    } finally {
      await service.stop('SIGKILL');
      dir.remove();
    }
  });
});
