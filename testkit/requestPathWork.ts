import { randomBytes } from 'node:crypto';
import { TestAdapter } from 'botbuilder';
import { pino } from 'pino';
import request from 'supertest';
import { createBot } from '../bot/app.ts';
import { StoreBotStorage } from '../bot/storage.ts';
import { createCodeVault } from '../src/domain/codeVault.ts';
import { JOB_KINDS } from '../src/domain/jobKinds.ts';
import { sendInvitationHandler } from '../src/jobs/handlers/sendInvitation.ts';
import { serviceContext } from '../src/services/context.ts';
import { createServices } from '../src/services/index.ts';
import { createApp } from '../web/app.ts';
import { writeSignedInSession } from './signedInSession.ts';
import { addWork, type CountingStore, type StoreWork } from './storeWork.ts';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const ADMIN = 'aaaaaaaa-0000-4000-8000-000000000001';
const SESSION_SECRET = 'store-work-session-secret-store-work-session-secret';

/**
 * The units of work on the request path, each run against a counting store as the service runs
 * it, returning what one unit cost the store (docs/performance.md, "Store work"):
 *   - `redemption`: a signed-in customer's `POST /redeem/accept` on a group invitation that gives
 *     an account and two web roles (the session, CSRF and code-check limit included);
 *   - `redeemPage`: `GET /redeem?code=…` of that invitation;
 *   - `botTurn`: a `list` message through the teams-ai bot, its turn state in the store;
 *   - `bulkInvite(n)`: a group invitation for `n` existing contacts created and fanned out into
 *     one mail job each (the fan-out job's handler run; its claim and completion, a few
 *     statements or commands whatever the size, are left out).
 * Each unit runs once uncounted first, so what is counted is the steady state (rate counter,
 * bot state and prepared statements already there). Shared by the tests that assert the counts
 * and the bench that reports them.
 */
export async function requestPathWork(counting: CountingStore) {
  const { store } = counting;
  const logger = pino({ level: 'silent' });
  const context = serviceContext({ store, vault: createCodeVault(`store-work-${randomBytes(8).toString('hex')}-secret-0123456789`), adminObjectIds: [ADMIN] });
  const services = createServices(context);
  await services.staff.ensureBootstrapAdmins([ADMIN]);

  const account = await services.accounts.add('Contoso Ltd');
  const roles = [await services.webRoles.add('Customer'), await services.webRoles.add('Partner')];
  let people = 0;
  const addContacts = async (count: number) => {
    const rows = Array.from({ length: count }, () => ({ firstName: `person${++people}`, lastName: 'Counted', primaryEmail: `person${people}@example.com` }));
    const { added } = await services.contacts.import(rows);
    return added.map((contact) => contact.id);
  };
  const groupInvitation = (invitedContactIds: string[], maxRedemptions: number) => services.invitations.create('cli', {
    type: 'group', name: 'Counted onboarding', invitedContactIds, maxRedemptions, assignToAccountId: account.id, webRoleIds: roles.map((role) => role.id),
  });
  const { code } = await groupInvitation(await addContacts(1), 1_000);

  const app = createApp({
    store, services, logger,
    site: { organisationName: 'Contoso', publicBaseUrl: 'http://127.0.0.1', redirectAllowlist: [], openRegistration: false, sessionSecret: SESSION_SECRET, microsoft: null },
  });
  const bot = createBot({
    services, logger, storage: new StoreBotStorage(store.botState), botState: store.botState, credentials: null, allowedTenants: [TENANT], adminObjectIds: [ADMIN],
  });
  const fanOut = sendInvitationHandler({
    store, vault: context.vault, logger, newId: context.newId, clock: context.clock, publicBaseUrl: 'http://127.0.0.1',
    mailSender: 'invites@example.com', organisationName: 'Contoso', webhookTimeoutMs: 1_000,
    mailer: { kind: 'dev-mailbox', send: () => Promise.reject(new Error('no mail is sent while counting store work')) },
  });

  const redeemOnce = async () => {
    const [contactId] = await addContacts(1);
    const session = await writeSignedInSession(store.ephemeral, contactId!, SESSION_SECRET);
    return async () => {
      const response = await request(app).post('/redeem/accept').set('Cookie', session.cookie).type('form').send({ _csrf: session.csrfToken, code });
      if (response.status !== 303) throw new Error(`the redemption was answered ${response.status}, not 303`);
    };
  };
  const viewPage = async () => {
    const response = await request(app).get(`/redeem?code=${encodeURIComponent(code)}`);
    if (response.status !== 200) throw new Error(`the redeem page was answered ${response.status}, not 200`);
  };
  const sayList = async () => {
    const replies: unknown[] = [];
    const adapter = new TestAdapter(async (turn) => { await bot.app.run(turn); });
    await adapter.send({
      type: 'message', text: 'list', channelId: 'msteams', id: `activity-${randomBytes(6).toString('hex')}`,
      from: { id: `29:${ADMIN}`, name: 'Counted Admin', aadObjectId: ADMIN },
      conversation: { id: 'a:counted-chat', tenantId: TENANT, conversationType: 'personal', isGroup: false, name: '' },
    });
    while (adapter.activeQueue.length) replies.push(adapter.activeQueue.shift());
    const card = replies.some((reply) => (reply as { attachments?: { contentType?: string }[] }).attachments?.some((a) => a.contentType === 'application/vnd.microsoft.card.adaptive'));
    if (!card) throw new Error('the bot did not answer `list` with a card');
  };
  await (await redeemOnce())();
  await viewPage();
  await sayList();
  return {
    async redemption(): Promise<StoreWork> {
      const redeem = await redeemOnce();
      return counting.count(redeem);
    },
    redeemPage: (): Promise<StoreWork> => counting.count(viewPage),
    botTurn: (): Promise<StoreWork> => counting.count(sayList),
    async bulkInvite(contacts: number): Promise<StoreWork> {
      const contactIds = await addContacts(contacts);
      let invitationId = '';
      const created = await counting.count(async () => { invitationId = (await groupInvitation(contactIds, contactIds.length)).invitation.id; });
      const { items: [send] } = await store.jobs.list({ kind: JOB_KINDS.invitationSend, subjectId: invitationId }, { limit: 1 });
      if (!send) throw new Error('creating the invitation queued no fan-out job');
      return addWork(created, await counting.count(() => fanOut(send)));
    },
  };
}

export type RequestPathWork = Awaited<ReturnType<typeof requestPathWork>>;
