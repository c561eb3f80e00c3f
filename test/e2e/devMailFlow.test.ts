import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startMongoServer, uniqueDatabaseName, withDatabase, type MongoServer } from '../../testkit/mongoServer.ts';
import { runNode } from '../support/processes.ts';
import { startService } from '../support/serviceProcess.ts';
import { tempDir } from '../support/tempDir.ts';

for (const storeKind of ['sqlite', 'mongodb'] as const) describe(`local mail without Graph: npm start + the CLI (${storeKind})`, function () {
  this.timeout(60_000);
  let mongo: MongoServer | null = null;
  before(async function () {
    if (storeKind !== 'mongodb') return;
    mongo = await startMongoServer();
    if (!mongo) this.skip();
  });
  after(async () => { await mongo?.stop(); });

  it('puts the invitation mail, with a working redeem link, into /dev/mail.json', async () => {
    const dir = tempDir();
    const storeEnv: Record<string, string> = mongo ? { MONGODB_URI: withDatabase(mongo.uri, uniqueDatabaseName('e2e')) } : {};
    const service = await startService({ DATA_DIR: dir.path, ORGANISATION_NAME: 'Contoso', ...storeEnv });
    try {
      const ready = (await (await fetch(`${service.url}/readyz`)).json()) as { store: string };
      assert.equal(ready.store, storeKind);
      const env = { DATA_DIR: dir.path, PUBLIC_BASE_URL: service.url, ...storeEnv };
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
      assert.match(mail!.subject, /^Your invitation to Contoso – Ada Lovelace – \d{4}-\d{2}-\d{2}$/, 'the subject names the invitation (its default name)');
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
