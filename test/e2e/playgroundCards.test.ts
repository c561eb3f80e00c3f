import assert from 'node:assert/strict';
import { say } from '../support/playground.ts';
import { usePlaygroundSession } from '../support/playgroundSession.ts';

/**
 * The status and list cards' Action.Execute buttons in the Playground's own Adaptive Cards client:
 * pressed there, each card is replaced in place by the bot's answer, not followed by a new message.
 */
describe('status and list cards in Microsoft 365 Agents Playground, driven in Chromium', function () {
  this.timeout(90_000);
  const s = usePlaygroundSession(async (cli) => {
    await cli('contacts', 'add', '--first', 'Ada', '--last', 'Lovelace', '--email', 'ada@example.com');
    await cli('invite', 'create', '--contact', 'ada@example.com', '--name', 'For Ada', '--expires', '7d');
  });

  it('list → Status shows the status card in place; Revoke asks first, then revokes in place and says so', async () => {
    const { page } = s.tab;
    await say(page, 'list');
    const list = await s.card(page, 'Newest first');
    assert.match(await list.innerText(), /For Ada[\s\S]*Ada Lovelace · sent/);
    const cardsBefore = await page.locator('.ac-adaptiveCard').count();
    await list.getByRole('button', { name: 'Status', exact: true }).click();

    const status = await s.card(page, /Sent · single invitation/);
    assert.match(await status.innerText(), /Ada Lovelace · ada@example\.com/);
    assert.match(await status.innerText(), /Requested by\s+the admin CLI/);
    assert.equal(await page.locator('.ac-adaptiveCard', { hasText: 'Newest first' }).count(), 0, 'the list was replaced by the status card');

    await status.getByRole('button', { name: 'Revoke', exact: true }).click();
    await status.getByLabel('Why (kept in the audit trail)').fill('sent to the wrong person');
    await status.getByRole('button', { name: 'Confirm revoke' }).click();
    const revoked = await s.card(page, /Revoked · single invitation/);
    assert.match(await revoked.innerText(), /"For Ada" is revoked and can no longer be redeemed\./);
    assert.equal(await page.locator('.ac-adaptiveCard').count(), cardsBefore, 'answered in place, no new message');
    s.assertOnlyPlaygroundAssetsBlocked();
  });
});
