import assert from 'node:assert/strict';
import { createPasswordAndAccept } from '../browser/pages.ts';
import { openContext } from '../support/browser.ts';
import { say } from '../support/playground.ts';
import { usePlaygroundSession } from '../support/playgroundSession.ts';

const LINK = '[Open the portal](https://evil.example/login)';
const COMPANY = '**Urgent** <b>Fabrikam</b> & _co_';

/** What customers typed, as a client that renders Adaptive Card markdown (the Playground, in Chromium) shows it. */
describe('names and companies customers typed show as typed in the Playground, never as markdown', function () {
  this.timeout(90_000);
  const s = usePlaygroundSession();

  it('a customer named like a link is no link in the inviter\'s redeemed notice; a company with markup shows its characters', async () => {
    const { page } = s.tab;
    await say(page, 'invite mallory@example.com');
    const form = await s.card(page, 'Invite a customer');
    await form.getByLabel('First name (for a new contact)').fill(LINK);
    await form.getByLabel('Company (the redeemer\'s account; created if new)').fill(COMPANY);
    await s.pickRole(page, form, 'Customer');
    await form.getByRole('button', { name: 'Send invitation' }).click();

    const status = await s.card(page, /Sent · single invitation/);
    assert.ok((await status.innerText()).includes(COMPANY), await status.innerText());
    assert.equal(await status.locator('a, strong, em, b').count(), 0, 'no link or emphasis on the status card');

    const mail = await s.waitForMail('mallory@example.com', /\/redeem\?code=/);
    const link = /(https?:\/\/\S+\/redeem\?code=[A-Z0-9-]+)/.exec(mail.text)?.[1];
    assert.ok(link, mail.text);
    const visitor = await openContext(s.browser);
    try {
      await visitor.page.goto(link);
      await createPasswordAndAccept(visitor.page, 'correct horse battery staple');
      await visitor.page.getByText('Customer').first().waitFor();
    } finally {
      await visitor.context.close();
    }

    const notice = await s.card(page, 'Invitation redeemed', 20_000);
    assert.ok((await notice.innerText()).includes(`${LINK} redeemed the invitation`), await notice.innerText());
    assert.equal(await notice.locator('a').count(), 0, 'the name is no link');
    s.assertOnlyPlaygroundAssetsBlocked();
  });
});
