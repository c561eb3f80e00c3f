import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { FILE_DOWNLOAD_INFO } from '../../bot/fileDownload.ts';
import { createCodeVault } from '../../src/domain/codeVault.ts';
import { serviceContext } from '../../src/services/context.ts';
import { inviteManyService } from '../../src/services/inviteMany.ts';
import { addStaff, INVITER, useBot, VIEWER } from '../support/botTestbed.ts';
import { literalText } from '../support/cardText.ts';
import { contactList } from '../support/contactLists.ts';
import { TEST_CODE_SECRET } from '../support/services.ts';

const require = createRequire(import.meta.url);
const AdaptiveCards = require('adaptivecards/dist/adaptivecards.js') as {
  AdaptiveCard: new () => { parse(json: unknown, context: unknown): void };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): { message: string } };
};
const sdkComplaints = (json: unknown) => {
  const context = new AdaptiveCards.SerializationContext();
  new AdaptiveCards.AdaptiveCard().parse(json, context);
  return Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
};

/** Teams refuses a message or card answer over 28 KB. */
const TEAMS_LIMIT = 28 * 1024;
const size = (card: unknown) => Buffer.byteLength(JSON.stringify(card));

type Element = { type: string; text?: string; id?: string; isMultiline?: boolean; facts?: { title: string; value: string }[] };
type Card = { body: Element[]; actions?: { type: string; verb?: string; title?: string; data?: Record<string, unknown> }[] };
const texts = (card: unknown) => (card as Card).body.filter((e) => e.type === 'TextBlock').map((e) => literalText(e.text!));
const fact = (card: unknown, title: string) => {
  const value = (card as Card).body.find((e) => e.type === 'FactSet')?.facts?.find((f) => literalText(f.title) === title)?.value;
  return value === undefined ? undefined : literalText(value);
};
const jobs = async (s: ReturnType<typeof useBot>, kind: string) => Object.values(await s.store.jobs.countByState({ kind })).reduce((a, b) => a + b, 0);

describe('bot: invite many', () => {
  const hosts: string[] = [];
  const s = useBot({ fileDownloadHosts: hosts });
  beforeEach(() => addStaff(s.services));

  it('opens a form with a multi-line input for the paste and the shared options, sent with Action.Execute', async () => {
    const [reply] = await s.say('invite many', INVITER);
    const card = reply!.attachments![0]!.content as Card;
    assert.ok(card.body.some((e) => e.id === 'contacts' && e.isMultiline));
    for (const id of ['company', 'roles', 'expires', 'workflow', 'locale']) assert.ok(card.body.some((e) => e.id === id), id);
    assert.deepEqual(card.actions!.map((a) => [a.type, a.verb]), [['Action.Execute', 'invite-many.preview']]);
    assert.deepEqual(sdkComplaints(card), []);
  });

  it('previews 1,000 long lines (12 bad) in a card under 28 KB, and Confirm, pressed twice, makes 988 invitations and 988 mail jobs', async () => {
    const { text, bad } = contactList(1_000, 12, { long: true });
    assert.ok(text.length > 100_000, 'a paste far larger than a card');
    const preview = await s.execute('invite-many.preview', { contacts: text, company: 'Contoso Ltd', roles: s.seed.roles[0]!.id, expires: '14d', workflow: '', locale: 'en' }, INVITER);
    assert.ok(size(preview) < TEAMS_LIMIT, `preview card: ${size(preview)} bytes`);
    assert.deepEqual(sdkComplaints(preview), []);
    assert.equal(fact(preview, 'Invitations'), '988, one per contact, each with its own code and mail');
    assert.equal(fact(preview, 'New contacts'), '988');
    const lines = texts(preview);
    assert.deepEqual(lines.filter((t) => /^Line \d+: (has no|the e-mail|repeats)/.test(t)).map((t) => Number(/^Line (\d+)/.exec(t)![1])), bad);
    assert.equal(lines.filter((t) => /^Line \d+: Guest/.test(t)).length, 10);
    assert.ok(lines.includes('and 978 more new contacts'));
    assert.ok(!JSON.stringify(preview).includes('guest500.'), 'the paste is not echoed back');
    const confirm = (preview as Card).actions!.find((a) => a.verb === 'invite-many.confirm')!;
    assert.equal(confirm.type, 'Action.Execute');
    assert.equal(confirm.title, 'Confirm: invite 988');

    const [first, second] = [await s.execute('invite-many.confirm', confirm.data!, INVITER), await s.execute('invite-many.confirm', confirm.data!, INVITER)];
    assert.deepEqual(texts(first), ['Invitations made', '988 invitation(s) made, one per contact; their mails are queued.']);
    assert.equal(texts(second)[0], 'This list was confirmed already');
    assert.equal(await jobs(s, 'invitation.send'), 988);
    assert.equal((await s.store.invitations.list({}, { limit: 1000 })).items.filter((i) => i.type === 'single').length, 988);
  });

  it('makes a list once when Confirm is pressed twice at the same instant, and shows typed values as plain text', async () => {
    const preview = await s.execute('invite-many.preview', { contacts: '**Ada** [click](https://evil.example), ada@example.com, <b>Contoso</b>\nbob@example.com' }, INVITER);
    assert.ok(texts(preview).includes('Line 1: **Ada** [click](https://evil.example) <ada@example.com> (<b>Contoso</b>)'));
    const data = (preview as Card).actions![0]!.data!;
    const answers = await Promise.all([s.execute('invite-many.confirm', data, INVITER), s.execute('invite-many.confirm', data, INVITER)]);
    assert.deepEqual(answers.map((card) => texts(card)[0]).sort(), ['Invitations made', 'This list was confirmed already']);
    assert.equal(await jobs(s, 'invitation.send'), 2);
  });

  it('answers an oversized paste with a clear message on the form, without putting the paste back', async () => {
    const form = await s.execute('invite-many.preview', { contacts: contactList(1_200, 0, { long: true }).text }, INVITER);
    assert.ok(size(form) < TEAMS_LIMIT, `form card: ${size(form)} bytes`);
    assert.match(texts(form).join('\n'), /at most 1,000 contacts|at most 512 KB/);
    assert.equal((form as Card).body.find((e) => e.id === 'contacts') && (form as { body: { id?: string; value?: string }[] }).body.find((e) => e.id === 'contacts')!.value, '');
    assert.equal(await jobs(s, 'invitation.send'), 0);
  });

  it('previews a list typed after the command, and refuses staff who may not invite', async () => {
    const [reply] = await s.say('invite many\nAda Lovelace, ada@example.com, Analytical Engines\nnobody', INVITER);
    const card = reply!.attachments![0]!.content;
    assert.equal(fact(card, 'Invitations'), '1, one per contact, each with its own code and mail');
    assert.ok(texts(card).includes('Line 2: has no e-mail address'));
    const refusal = 'Your Invite Desk role does not allow "invite many". Ask an Invite Desk admin if you need it.';
    assert.equal(await s.execute('invite-many.preview', { contacts: 'ada@example.com' }, VIEWER), refusal);
    const key = ((card as Card).actions![0]!.data as { key: string }).key;
    assert.equal(await s.execute('invite-many.confirm', { key }, VIEWER), refusal);
    assert.deepEqual(texts(await s.execute('invite-many.confirm', { key: 'made-up' }, INVITER)), ['Nothing was made', 'This list has expired or was not yours to confirm: paste it again']);
  });

  it('asks for approval of the whole list when every invitation needs it (APPROVAL_REQUIRED=all)', async () => {
    const policy = { approvalRequiredForAll: true, defaultExpiry: '30d' };
    Object.assign(s.services.invitations, { many: inviteManyService(serviceContext({ store: s.store, clock: s.clock, vault: createCodeVault(TEST_CODE_SECRET), invitePolicy: policy })) });
    const preview = await s.execute('invite-many.preview', { contacts: contactList(5, 0).text }, INVITER);
    assert.equal(fact(preview, 'Approval'), 'required: one approver decides the whole list');
    const confirm = (preview as Card).actions![0]!;
    assert.equal(confirm.title, 'Confirm: ask approval for 5');
    assert.deepEqual(texts(await s.execute('invite-many.confirm', confirm.data!, INVITER)), [
      'Invitations made', '5 invitation(s) wait for approval as one request; the approvers have been told. Nothing is mailed until one of them approves.',
    ]);
    assert.equal(await jobs(s, 'invitation.send'), 0);
  });

  describe('a CSV file sent in personal chat', () => {
    let server: Server;
    const files = new Map<string, string>();
    before(async () => {
      const tls = new URL('../fixtures/tls/', import.meta.url);
      server = createServer({ cert: readFileSync(new URL('localhost-test-only.pem', tls)), key: readFileSync(new URL('localhost-test-only.key', tls)) }, (req, res) => {
        const body = files.get(req.url ?? '');
        if (body === undefined) return void res.writeHead(404).end();
        res.writeHead(200, { 'content-type': 'text/csv' }).end(body);
      });
      await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
      hosts.push(`localhost:${(server.address() as AddressInfo).port}`);
    });
    after(() => new Promise((resolve) => server.close(resolve)));
    const sendFile = (path: string, fileType = 'csv', host = hosts[0]) => s.turnWith({
      text: '', attachments: [{ contentType: FILE_DOWNLOAD_INFO, name: `contacts.${fileType}`, content: { downloadUrl: `https://${host}${path}`, uniqueId: 'x', fileType } }],
    }, INVITER);

    it('downloads it and answers with the same preview, which Confirm makes into invitations', async () => {
      files.set('/export.csv', 'Name,E-mail,Company,Phone\nAda Lovelace,ada@example.com,Analytical Engines,1\nGrace Hopper,grace@example.com,,2\nNo Mail,,X,3\n');
      const [reply] = await sendFile('/export.csv');
      const card = reply!.attachments![0]!.content as Card;
      assert.equal(fact(card, 'Invitations'), '2, one per contact, each with its own code and mail');
      assert.ok(texts(card).includes('Line 4: has no e-mail address'));
      assert.ok(texts(card).includes('Line 2: Ada Lovelace <ada@example.com> (Analytical Engines)'));
      await s.execute('invite-many.confirm', card.actions![0]!.data!, INVITER);
      assert.equal(await jobs(s, 'invitation.send'), 2);
    });

    it('fetches only from Microsoft hosts (and the configured stand-in), only readable types, only up to the size limit', async () => {
      files.set('/big.csv', 'a@example.com\n'.repeat(40_000));
      assert.match(texts((await sendFile('/big.csv'))[0]!.attachments![0]!.content).join(' '), /larger than 512 KB/);
      assert.match(texts((await sendFile('/export.csv', 'xlsx'))[0]!.attachments![0]!.content).join(' '), /CSV UTF-8/);
      assert.match(texts((await sendFile('/export.csv', 'csv', 'evil.example.com'))[0]!.attachments![0]!.content).join(' '), /only read files shared from your OneDrive/);
      assert.match(texts((await sendFile('/missing.csv'))[0]!.attachments![0]!.content).join(' '), /could not download/);
      assert.match(texts((await s.turnWith({ text: '', attachments: [{ contentType: FILE_DOWNLOAD_INFO, content: { downloadUrl: `https://${hosts[0]}/export.csv`, fileType: 'csv' } }] }, VIEWER))[0]!.attachments![0]!.content).join(' '), /does not allow "invite many"/);
    });
  });
});
