import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { TestAdapter, type Activity } from 'botbuilder';
import { createBot } from '../../bot/app.ts';
import { FIND_INVITATION_COMMAND } from '../../bot/handlers/findInvitation.ts';
import { StoreBotStorage } from '../../bot/storage.ts';
import { ADMIN, addStaff, cardTexts, INVITER, STRANGER, TENANT, VIEWER } from '../support/botTestbed.ts';
import { literalText } from '../support/cardText.ts';
import { silentLogger } from '../support/mailTestbed.ts';
import { useSeededServices } from '../support/services.ts';

const require = createRequire(import.meta.url);
const AdaptiveCards = require('adaptivecards/dist/adaptivecards.js') as {
  AdaptiveCard: new () => { parse(json: unknown, context: unknown): void };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): { message: string } };
};

type Attachment = { contentType: string; content: Record<string, unknown>; preview: { contentType: string; content: { title: string; text: string } } };
type Result = { type: string; attachmentLayout?: string; attachments?: Attachment[]; text?: string };

describe('bot: the "Find invitation" search message extension', () => {
  const s = useSeededServices(2);
  const DAY = 86_400_000;

  /** A `composeExtension/query` invoke, as Teams sends it while someone types in the search box of the compose area. */
  async function search(text: string | null, from: string, conversationType = 'personal', skip = 0, locale = 'en-US'): Promise<Result> {
    const bot = createBot({
      services: s.services, logger: silentLogger, storage: new StoreBotStorage(s.store.botState), botState: s.store.botState, credentials: null,
      allowedTenants: [TENANT], adminObjectIds: [ADMIN],
    });
    const adapter = new TestAdapter(async (context) => { await bot.app.run(context); });
    await adapter.send({
      type: 'invoke', name: 'composeExtension/query', channelId: 'msteams', locale, id: `activity-${Math.random().toString(36).slice(2)}`,
      value: { commandId: FIND_INVITATION_COMMAND, parameters: [text === null ? { name: 'initialRun', value: 'true' } : { name: 'query', value: text }], queryOptions: { skip, count: 25 } },
      from: { id: `29:${from}`, name: 'Test Person', aadObjectId: from },
      conversation: { id: conversationType === 'personal' ? 'a:personal-chat' : '19:group@thread.v2', tenantId: TENANT, conversationType, isGroup: conversationType !== 'personal', name: '' },
    });
    const replies: Partial<Activity>[] = [];
    while (adapter.activeQueue.length) replies.push(adapter.activeQueue.shift()!);
    assert.deepEqual(replies.map((r) => r.type), ['invokeResponse'], 'one answer to the invoke, and nothing posted in the conversation');
    const value = replies[0]!.value as { status: number; body: { composeExtension: Result } };
    assert.equal(value.status, 200);
    return value.body.composeExtension;
  }
  const names = (result: Result) => result.attachments!.map((a) => cardTexts({ attachments: [a] })[0]);

  let spring: { id: string; code: string };
  beforeEach(async () => {
    await s.services.staff.ensureBootstrapAdmins([ADMIN]);
    await addStaff(s.services);
    const invite = (name: string, contact: number) => s.services.invitations.create('cli', {
      type: 'single', name, invitedContactIds: [s.seed.contacts[contact]!.id], expiresAt: new Date(s.clock().getTime() + DAY),
    });
    const created = await invite('Spring partners', 0);
    spring = { id: created.invitation.id, code: created.code };
    s.clock.advance(1000);
    await invite('Summer fair', 1);
    s.clock.advance(1000);
    await invite('[Open the portal](https://evil.example/login) *now*', 1);
  });

  it('finds invitations by the start of their name, as status cards with a preview, ready to insert in any chat', async () => {
    const result = await search('spring', VIEWER);
    assert.deepEqual([result.type, result.attachmentLayout], ['result', 'list']);
    assert.deepEqual(names(result), ['Spring partners']);
    const [attachment] = result.attachments!;
    assert.equal(attachment!.contentType, 'application/vnd.microsoft.card.adaptive');
    assert.equal(attachment!.preview.contentType, 'application/vnd.microsoft.card.thumbnail');
    assert.equal(literalText(attachment!.preview.content.title), 'Spring partners');
    assert.match(literalText(attachment!.preview.content.text), /^Sent · single invitation · 0 of 1 redeemed · expires 2026-06-02 12:00 UTC$/);
    const card = JSON.stringify(attachment!.content);
    assert.ok(!card.includes(spring.code), 'the code is masked');
    assert.doesNotMatch(card, /Action\.(Submit|Execute)/, 'a shared status card offers no actions');
    const context = new AdaptiveCards.SerializationContext();
    new AdaptiveCards.AdaptiveCard().parse(attachment!.content, context);
    assert.equal(context.eventCount, 0, 'the Adaptive Cards SDK reads it without complaint');
    assert.ok(Buffer.byteLength(JSON.stringify(result)) < 28 * 1024);
  });

  it('answers a Danish speaker in Danish: the cards, their previews and why there are none', async () => {
    const [attachment] = (await search('spring', VIEWER, 'personal', 0, 'da-DK')).attachments!;
    assert.match(literalText(attachment!.preview.content.text), /^Sendt · enkeltinvitation · 0 af 1 indløst · udløber 2026-06-02 12:00 UTC$/);
    assert.ok(cardTexts({ attachments: [attachment!] }).includes('Udløber'), cardTexts({ attachments: [attachment!] }).join(' | '));
    const refused = await search('spring', STRANGER, 'personal', 0, 'da-DK');
    assert.equal(refused.type, 'message');
    assert.match(refused.text!, /^Din rolle i Invite Desk giver ikke adgang/);
  });

  it('finds one by its code (any spelling) and by an invited contact\'s e-mail, and lists the newest when nothing is typed yet', async () => {
    assert.deepEqual(names(await search(spring.code.toLowerCase().replace(/-/g, ' '), VIEWER)), ['Spring partners']);
    assert.deepEqual(names(await search('PERSON2@example.com', INVITER)), ['[Open the portal](https://evil.example/login) *now*', 'Summer fair']);
    assert.deepEqual(names(await search(null, ADMIN)), ['[Open the portal](https://evil.example/login) *now*', 'Summer fair', 'Spring partners']);
    assert.deepEqual((await search('autumn', VIEWER)).attachments, []);
  });

  it('shows what people typed as text, in the card and in the preview', async () => {
    const [attachment] = (await search('[open', VIEWER)).attachments!;
    assert.equal(literalText(attachment!.preview.content.title), '[Open the portal](https://evil.example/login) *now*');
    assert.doesNotMatch(attachment!.preview.content.title, /(^|[^\\])\[Open/);
  });

  it('gives someone who is not staff no results, only a message saying why, wherever they search', async () => {
    for (const conversationType of ['personal', 'groupChat']) {
      const result = await search('spring', STRANGER, conversationType);
      assert.deepEqual([result.type, result.attachments], ['message', undefined]);
      assert.match(result.text!, /not allowed|does not allow/i);
      assert.doesNotMatch(result.text!, /Spring/);
    }
  });

  it('answers staff in a group chat too: the results are theirs to insert, not posted', async () => {
    assert.deepEqual(names(await search('summer', VIEWER, 'groupChat')), ['Summer fair']);
  });

  it('pages the way Teams asks (skip), ten at a time', async () => {
    for (let i = 0; i < 12; i++) {
      s.clock.advance(1000);
      await s.services.invitations.create('cli', { type: 'single', name: `Autumn ${String(i).padStart(2, '0')}`, invitedContactIds: [s.seed.contacts[0]!.id] });
    }
    const first = names(await search('Autumn', ADMIN));
    const second = names(await search('Autumn', ADMIN, 'personal', 10));
    assert.equal(first.length, 10);
    assert.deepEqual(second, ['Autumn 01', 'Autumn 00'], 'the two oldest, after the ten newest');
    assert.deepEqual(names(await search('Autumn', ADMIN, 'personal', 20)), []);
  });
});
