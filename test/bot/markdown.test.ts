import assert from 'node:assert/strict';
import { TestAdapter, TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import { listCardData } from '../../bot/handlers/invitationCards.ts';
import { expandCard } from '../../bot/cards/render.ts';
import { teamsText } from '../../bot/cards/teamsText.ts';
import { createNotifier } from '../../bot/notices/notifier.ts';
import { redeemedNotice } from '../../src/services/notices/redeemed.ts';
import { ADMIN, APPROVER, INVITER, useBot } from '../support/botTestbed.ts';
import { literalText, shownTexts } from '../support/cardText.ts';

const LINK = '[Open the portal](https://evil.example/login)';
const COMPANY = '**Urgent** <b>Contoso</b> &amp; _co_ `x` ~~gone~~';
const REASON = '# Not approved\n- see https://evil.example\n1. call +1 555 / mail boss@evil.example';
const ROLE = '{{DATE(2017-02-14T06:08:00Z, SHORT)}} | > quote';

const card = (reply: Partial<Activity>) => reply.attachments![0]!.content;

/** Every value a customer or colleague typed shows as those very characters on every card. */
describe('bot: what people typed shows as text, never as Teams markdown', () => {
  const s = useBot();
  let invitationId: string;
  let code: string;
  beforeEach(async () => {
    await s.services.staff.save('cli', { id: INVITER, displayName: '*Ivy* [Inviter](https://evil.example)', roles: ['inviter', 'approver'] });
    await s.services.staff.save('cli', { id: APPROVER, displayName: 'Abe Approver', roles: ['approver'] });
    const account = await s.services.accounts.add(COMPANY);
    const role = await s.services.webRoles.add(ROLE);
    const customer = await s.services.contacts.add({ firstName: LINK, lastName: '', primaryEmail: 'mallory@evil.example' });
    const created = await s.services.invitations.create(INVITER, {
      type: 'group', name: `Spring ${LINK}`, maxRedemptions: 3, invitedContactIds: [customer.id, s.seed.contacts[0]!.id],
      assignToAccountId: account.id, webRoleIds: [role.id], requiresApproval: true, ownerId: INVITER,
    });
    invitationId = created.invitation.id;
    code = created.code;
  });

  it('the approval card', async () => {
    const texts = shownTexts(await s.execute('approval.refresh', { invitationId }, APPROVER));
    assert.ok(texts.includes(`Approval: Spring ${LINK}`), JSON.stringify(texts));
    for (const value of ['*Ivy* [Inviter](https://evil.example)', COMPANY, ROLE]) assert.ok(texts.includes(value), value);
    assert.ok(texts.some((text) => text.startsWith('mallory@evil.example')), JSON.stringify(texts));
    const rejected = shownTexts(await s.execute('approval.reject', { invitationId, reason: REASON }, APPROVER));
    assert.ok(rejected.includes(`rejected by Abe Approver: ${REASON}`), JSON.stringify(rejected));
  });

  it('the status card and the list', async () => {
    await s.services.invitations.approve(APPROVER, invitationId);
    const customer = (await s.store.contacts.findByPrimaryEmail('mallory@evil.example'))!;
    await s.services.invitations.redeem({ code, contactId: customer.id });
    const status = shownTexts(card((await s.say(`status ${invitationId}`, ADMIN))[0]!));
    for (const value of [`Spring ${LINK}`, COMPANY, ROLE, `${LINK}`]) assert.ok(status.includes(value), `${value} in ${JSON.stringify(status)}`);
    const list = shownTexts(card((await s.say('list', ADMIN))[0]!));
    assert.ok(list.includes(`Spring ${LINK}`), JSON.stringify(list));
    assert.ok(list.some((text) => text.startsWith(`${LINK} · +1 · sent`)), JSON.stringify(list));
  });

  it('the notices: decided, redeemed', async () => {
    await s.services.invitations.reject(APPROVER, invitationId, REASON);
    const sent: Partial<Activity>[] = [];
    const teams = {
      async continueConversationAsync(_appId: string, reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>) {
        const context = new TurnContext(new TestAdapter(), TurnContext.applyConversationReference({ type: 'event', name: 'continueConversation' }, reference, true));
        context.onSendActivities(async (_ctx, activities, next) => { sent.push(...activities); return next(); });
        await logic(context);
      },
    };
    await s.store.botState.write(`conversation-reference/${INVITER}`, { channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/emea/', conversation: { id: 'a:ivy' }, user: { id: `29:${INVITER}` } }, null);
    const notify = createNotifier({ adapter: teams, botAppId: '', store: s.store });
    const notices = (await s.store.jobs.list({ kind: 'notice', subjectId: invitationId }, { limit: 10 })).items.filter((j) => j.payload.to === INVITER && !j.payload.approvalCard);
    assert.equal(notices.length, 1);
    for (const notice of notices) await notify(INVITER, String(notice.payload.title), String(notice.payload.text));
    assert.deepEqual(shownTexts(card(sent[0]!)), ['Your invitation was not approved', `Abe Approver rejected "Spring ${LINK}": ${REASON}`]);

    const redeemed = redeemedNotice({ id: 'i', name: COMPANY, type: 'single', createdBy: INVITER, ownerId: null }, { id: 'c', firstName: LINK, lastName: '', primaryEmail: null }, 'a', s.clock())!;
    await notify(INVITER, String(redeemed.payload.title), String(redeemed.payload.text));
    assert.deepEqual(shownTexts(card(sent[1]!)), ['Invitation redeemed', `${LINK} redeemed the invitation "${COMPANY}".`]);
  });

  it('keeps what goes into a form as typed, and escapes only what is shown', async () => {
    const [again] = await s.submit({ verb: 'invite.submit', email: LINK, firstName: LINK, company: COMPANY, expires: '7d', locale: 'en' }, INVITER);
    const form = card(again!) as { body: { id?: string; value?: string }[] };
    assert.equal(form.body.find((e) => e.id === 'firstName')?.value, LINK);
    assert.equal(form.body.find((e) => e.id === 'company')?.value, COMPANY);
    assert.equal(form.body.find((e) => e.id === 'email')?.value, LINK);
    shownTexts(form);
  });

  it('escapes every markdown construct Teams renders, and leaves ordinary text alone', () => {
    for (const value of [LINK, COMPANY, REASON, ROLE, '- item', '+ item', '1. one', '2) two', '    code', '***', '---', '<https://evil.example>', 'www.evil.example', 'a@b.example',
      '![img](https://evil.example/x.png)', '&#60;b&#62;', 'line\r\nbreak\u2028and\u2029more', '\\*not bold\\*', '[x][ref]\n\n[ref]: https://evil.example']) {
      assert.equal(literalText(teamsText(value)), value.split(/\r\n|[\n\r\u2028\u2029]/).map((l) => l.trim()).filter(Boolean).join('\n'), value);
    }
    for (const plain of ['Spring partners (group, 1/3) · 2026-06-01 12:00 UTC', 'Ada Lovelace', '"For Ada" can now be redeemed until 2099-12-31 23:59 UTC.', 'Ltd. 3.5']) {
      assert.equal(teamsText(plain), plain.replace('3.5', '3\\.5'), plain);
    }
  });

  it('binds the raw value everywhere else: inputs, choices and action data', () => {
    const form = expandCard('inviteForm', {
      title: 'Invite', error: '', group: false, verb: 'invite.submit', submitTitle: 'Send',
      values: { email: '', firstName: LINK, lastName: '', contacts: '', maxRedemptions: 1, company: '', roles: '', expires: '30d', workflow: '', locale: 'en' },
      roleChoices: [{ title: ROLE, value: 'r1' }], workflowChoices: [{ title: 'None', value: '' }],
    }) as { body: { id?: string; value?: string; choices?: { title: string }[] }[] };
    assert.equal(form.body.find((e) => e.id === 'firstName')!.value, LINK);
    assert.equal(form.body.find((e) => e.id === 'roles')!.choices![0]!.title, ROLE);
    const list = expandCard('invitationList', listCardData([], new Map(), { status: '*', mine: false }, ['a_b'], '*_c')) as { actions: { title: string; data: Record<string, unknown> }[] };
    assert.deepEqual(list.actions.find((a) => a.title === 'Next')!.data, { shown: { status: '*', mine: false }, cursors: ['a_b', '*_c'] });
    assert.deepEqual(list.actions.find((a) => a.title === 'Previous')!.data, { shown: { status: '*', mine: false }, cursors: [] });
  });
});
