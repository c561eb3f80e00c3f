import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { createPasswordAndAccept } from '../browser/pages.ts';
import { openContext } from '../support/browser.ts';
import { PLAYGROUND_CONVERSATION_ID, PLAYGROUND_TENANT_ID, say } from '../support/playground.ts';
import { usePlaygroundSession } from '../support/playgroundSession.ts';

const PASSWORD = 'correct horse battery staple';
/** The approver: not the Playground user. The Playground UI has no way to switch its current user, so B speaks to the service directly. */
const APPROVER = { aadObjectId: '00000000-0000-0000-0000-000000000099', name: 'Bea Approver', id: 'user-id-approver' };

describe('flows through the bot in Microsoft 365 Agents Playground, driven in Chromium', function () {
  this.timeout(90_000);
  const s = usePlaygroundSession((cli) => cli('staff', 'add', APPROVER.aadObjectId, '--name', APPROVER.name, '--roles', 'approver').then(() => undefined));
  const { card, waitForMail, pickRole } = s;

  it('invites with the form card, whose status card takes its place; status names the contact; the invitee redeems on the site, and the inviter gets the redeemed notice in the chat', async () => {
    const { page } = s.tab;
    await say(page, 'invite ada@example.com');
    const form = await card(page, 'Invite a customer');
    await form.getByLabel('First name (for a new contact)').fill('Ada');
    await form.getByLabel('Last name (for a new contact)').fill('Lovelace');
    await form.getByLabel('Company (the redeemer\'s account; created if new)').fill('Contoso');
    await pickRole(page, form, 'Customer');
    await form.getByLabel('Expires (2026-12-31, 7d, 2w, or never)').fill('7d');
    const cardsBefore = await page.locator('.ac-adaptiveCard').count();
    await form.getByRole('button', { name: 'Send invitation' }).click();

    const status = await card(page, /Sent · single invitation/);
    const statusText = await status.innerText();
    assert.match(statusText, /^Ada Lovelace – \d{4}-\d{2}-\d{2}/);
    assert.match(statusText, /Company\s+Contoso/);
    assert.match(statusText, /Roles\s+Customer/);
    assert.equal(await page.locator('.ac-adaptiveCard', { hasText: 'Invite a customer' }).count(), 0, 'the form is gone');
    assert.equal(await page.locator('.ac-adaptiveCard').count(), cardsBefore, 'the status card took the form\'s place');

    await say(page, 'status ada@example.com');
    await page.locator('.ac-adaptiveCard').nth(cardsBefore).waitFor();
    assert.match(await page.locator('.ac-adaptiveCard').last().innerText(), /^Ada Lovelace – [\s\S]*Sent · single invitation[\s\S]*Ada Lovelace · ada@example\.com/);

    const mail = await waitForMail('ada@example.com', /\/redeem\?code=/);
    const link = /(https?:\/\/\S+\/redeem\?code=[A-Z0-9-]+)/.exec(mail.text)?.[1];
    assert.ok(link, `no redeem link in the mail:\n${mail.text}`);
    assert.equal(new URL(link).origin, s.service.url);

    const visitor = await openContext(s.browser);
    try {
      await visitor.page.goto(link);
      await createPasswordAndAccept(visitor.page, PASSWORD);
      await visitor.page.getByText('Customer').first().waitFor();
      assert.deepEqual(visitor.blocked, []);
      assert.deepEqual(visitor.dialogs, []);
    } finally {
      await visitor.context.close();
    }

    const notice = await card(page, 'Invitation redeemed', 20_000);
    assert.match(await notice.innerText(), /Ada Lovelace redeemed/);
    s.assertOnlyPlaygroundAssetsBlocked();
  });

  it('asks for approval of a group invitation, another staff member approves it, and the Playground user sees it sent', async () => {
    const { page } = s.tab;
    await say(page, 'invite group');
    const form = await card(page, 'Invite a group');
    await form.getByLabel(/^Contacts, one per line/).fill('Grace Hopper <grace@example.com>\nalan@example.com');
    await form.getByLabel('How many may redeem').fill('5');
    await form.getByLabel('Company (the redeemer\'s account; created if new)').fill('Contoso');
    await pickRole(page, form, 'Customer');
    await form.getByRole('button', { name: 'Ask for approval' }).click();

    await card(page, /Waiting for approval · group invitation/);
    const invitationId = (JSON.parse(await s.cli('--json', 'invite', 'list', '--status', 'pending-approval')) as { items: { id: string }[] }).items[0]?.id;
    assert.ok(invitationId, 'the group invitation waits for approval');

    // The Playground user (an admin, and the requester) lists the approvals: the approval card, waiting,
    // without buttons (nobody approves their own request).
    await say(page, 'approvals');
    const approval = await card(page, 'waiting for an approver');
    assert.ok((await approval.innerText()).includes('Contoso – '), await approval.innerText());
    assert.doesNotMatch(await approval.innerText(), /Approve\b/);
    let cardId: string | undefined;
    for (let i = 0; i < 50 && !(cardId = s.activityIdWith(invitationId, 'approval.refresh')); i++) await sleep(100);
    assert.ok(cardId, `no approval card activity among the Playground's WebSocket frames:\n${s.frames.slice(-3).join('\n')}`);

    // The Playground cannot switch its current user, so the approver's Approve press on that card is the
    // invoke activity Teams would send, posted to the bot endpoint, with the Playground's connector as
    // serviceUrl: the bot answers with the card, and a job then edits every copy of it in place (updateActivity).
    const response = await fetch(`${s.service.url}/api/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'invoke', name: 'adaptiveCard/action', id: `invoke-${Date.now()}`, replyToId: cardId, channelId: 'msteams', timestamp: new Date().toISOString(),
        serviceUrl: `${s.playground.url}/_connector`,
        from: { id: APPROVER.id, name: APPROVER.name, aadObjectId: APPROVER.aadObjectId },
        recipient: { id: '00000000-0000-0000-0000-000000000011', name: 'Invite Desk' },
        conversation: { id: PLAYGROUND_CONVERSATION_ID, conversationType: 'personal', tenantId: PLAYGROUND_TENANT_ID },
        channelData: { tenant: { id: PLAYGROUND_TENANT_ID } },
        value: { action: { type: 'Action.Execute', verb: 'approval.approve', data: { invitationId } }, trigger: 'manual' },
      }),
    });
    const body = await response.text();
    assert.equal(response.status, 200, body);
    assert.match(body, new RegExp(`approved by ${APPROVER.name}`), body);

    // The card in the Playground chat now shows the decision.
    await card(page, `approved by ${APPROVER.name}`);

    await say(page, 'status grace@example.com');
    const sent = await card(page, /Sent · group invitation/);
    assert.match(await sent.innerText(), /Grace Hopper · grace@example\.com/);
    s.assertOnlyPlaygroundAssetsBlocked();
  });
});
