import type { Activity } from 'botbuilder';
import { TestAdapter } from 'botbuilder';
import express from 'express';
import request from 'supertest';
import { createBot } from '../../bot/app.ts';
import { StoreBotStorage } from '../../bot/storage.ts';
import { literalText } from './cardText.ts';
import { startConnector } from './connector.ts';
import { silentLogger } from './mailTestbed.ts';
import { useSeededServices } from './services.ts';

export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const ADMIN = 'aaaaaaaa-0000-4000-8000-000000000001';
export const INVITER = 'bbbbbbbb-0000-4000-8000-000000000002';
export const VIEWER = 'cccccccc-0000-4000-8000-000000000003';
/** Someone in the tenant who is not staff. */
export const STRANGER = 'dddddddd-0000-4000-8000-000000000004';
export const APPROVER = 'eeeeeeee-0000-4000-8000-000000000005';

/** Makes INVITER (Ivy Inviter), VIEWER (Vic Viewer) and APPROVER (Abe Approver) staff with that one role each. */
export async function addStaff(services: { staff: { save(actor: string, member: { id: string; displayName: string; roles: string[] }): Promise<unknown> } }): Promise<void> {
  await services.staff.save('cli', { id: INVITER, displayName: 'Ivy Inviter', roles: ['inviter'] });
  await services.staff.save('cli', { id: VIEWER, displayName: 'Vic Viewer', roles: ['viewer'] });
  await services.staff.save('cli', { id: APPROVER, displayName: 'Abe Approver', roles: ['approver'] });
}

/** A bot over seeded services, driven by botbuilder's TestAdapter. */
export function useBot(options: { allowedTenants?: string[]; fileDownloadHosts?: readonly string[] } = {}) {
  const seeded = useSeededServices(2);
  beforeEach(() => seeded.services.staff.ensureBootstrapAdmins([ADMIN])); // as the runtime does at start
  const holder = seeded as typeof seeded & {
    say(text: string, from?: string, tenant?: string): Promise<Partial<Activity>[]>;
    /** A card's Action.Submit, as Teams sends it: a message activity carrying the action's data as `value`. */
    submit(value: Record<string, unknown>, from?: string): Promise<Partial<Activity>[]>;
    /** A card's Action.Execute: an `adaptiveCard/action` invoke; resolves with the card the bot answers with. */
    execute(verb: string, data: Record<string, unknown>, from?: string, locale?: string): Promise<Record<string, unknown> | undefined>;
    /** A message activity with these fields (attachments, say) from `from`. */
    turnWith(content: Partial<Activity>, from?: string): Promise<Partial<Activity>[]>;
  };
  holder.execute = async (verb, data, from = ADMIN, locale) => {
    const replies = await turn({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' }, ...(locale ? { locale } : {}) }, from, TENANT);
    const response = replies.find((r) => r.type === 'invokeResponse')?.value as { body?: { value?: Record<string, unknown> } } | undefined;
    return response?.body?.value;
  };
  holder.submit = (value, from = ADMIN) => turn({ text: '', value }, from, TENANT);
  holder.say = (text, from = ADMIN, tenant = TENANT) => turn({ text }, from, tenant);
  holder.turnWith = (content, from = ADMIN) => turn(content, from, TENANT);
  const turn = async (content: Partial<Activity>, from: string, tenant: string) => {
    const bot = createBot({
      services: seeded.services, logger: silentLogger, storage: new StoreBotStorage(seeded.store.botState), botState: seeded.store.botState, credentials: null,
      allowedTenants: options.allowedTenants ?? [TENANT], adminObjectIds: [ADMIN], fileDownloadHosts: options.fileDownloadHosts,
    });
    const replies: Partial<Activity>[] = [];
    const adapter = new TestAdapter(async (context) => { await bot.app.run(context); });
    await adapter.send({
      type: 'message', ...content, channelId: 'msteams', id: `activity-${Math.random().toString(36).slice(2)}`,
      from: { id: `29:${from}`, name: 'Test Person', aadObjectId: from },
      conversation: { id: 'a:personal-chat', tenantId: tenant, conversationType: 'personal', isGroup: false, name: '' },
    });
    while (adapter.activeQueue.length) replies.push(adapter.activeQueue.shift()!);
    return replies;
  };
  return holder;
}

/** The TextBlock texts and FactSet titles of a reply's first card as Teams shows them (each checked to be plain text, not markdown), for assertions. */
export function cardTexts(reply: Partial<Activity>): string[] {
  const card = (reply.attachments?.[0])?.content as { body?: unknown[] } | undefined;
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      const element = node as Record<string, unknown>;
      if (element.type === 'TextBlock' && typeof element.text === 'string') texts.push(literalText(element.text));
      if (element.type === 'FactSet') for (const fact of element.facts as { title: string }[]) texts.push(literalText(fact.title));
      Object.values(element).forEach(walk);
    }
  };
  walk(card?.body);
  return texts;
}

/**
 * The bot behind its HTTP endpoint (supertest, no port), over seeded services, replying to a
 * connector stand-in: a test sees in which conversation each reply was posted.
 */
export function useBotWithConnector() {
  const seeded = useSeededServices(2);
  beforeEach(() => seeded.services.staff.ensureBootstrapAdmins([ADMIN]));
  const holder = seeded as typeof seeded & {
    connector: Awaited<ReturnType<typeof startConnector>>;
    /** Posts an activity (serviceUrl, channel and tenant filled in) from `from`; resolves with the HTTP answer. */
    send(from: string, activity: Partial<Activity>): Promise<{ status: number; body: unknown }>;
    /** The replies posted to one conversation. */
    repliesIn(conversationId: string): Record<string, unknown>[];
  };
  before(async () => { holder.connector = await startConnector(); });
  after(() => holder.connector.stop());
  beforeEach(() => holder.connector.clear());
  holder.repliesIn = (conversationId) => holder.connector.replies.filter((reply) => (reply.conversation as { id?: string } | undefined)?.id === conversationId);
  holder.send = async (from, activity) => {
    const bot = createBot({
      services: seeded.services, logger: silentLogger, storage: new StoreBotStorage(seeded.store.botState), botState: seeded.store.botState, credentials: null,
      allowedTenants: [TENANT], adminObjectIds: [ADMIN],
    });
    const app = express().post('/api/messages', express.json(), (req, res, next) => { bot.handle(req, res).catch(next); });
    const response = await request(app).post('/api/messages').send({
      type: 'message', id: `activity-${Math.random().toString(36).slice(2)}`, channelId: 'msteams', serviceUrl: `${holder.connector.url}/`,
      from: { id: `29:${from}`, name: 'Test Person', aadObjectId: from }, recipient: { id: '28:invite-desk', name: 'Invite Desk' },
      channelData: { tenant: { id: TENANT } }, ...activity,
      conversation: { tenantId: TENANT, ...activity.conversation },
    });
    return { status: response.status, body: response.body as unknown };
  };
  return holder;
}
