import assert from 'node:assert/strict';
import { mailTestbed } from '../support/mailTestbed.ts';

describe('mail templates', () => {
  let t: ReturnType<typeof mailTestbed>;
  beforeEach(() => { t = mailTestbed(); });
  afterEach(() => t.store.close());

  const problems = async (parts: { subject: string; html: string; text: string }, name = 'invitation') => {
    try {
      await t.services.templates.save('cli', name, 'en', parts);
    } catch (error) {
      return (error as { problems: { field: string; message: string }[] }).problems.map((p) => `${p.field}: ${p.message}`);
    }
    return [];
  };
  const good = { subject: 'Hi {{contact.firstName}}', html: '<a href="{{redeemUrl}}">go</a>', text: '{{redeemUrl}}' };

  it('lists every template in en and da, built-in until replaced', async () => {
    const list = await t.services.templates.list('cli');
    assert.equal(list.length, 10, 'five templates (the invitation, its reminder, and three more) in two languages');
    assert.ok(list.every((entry) => !entry.custom));
    await t.services.templates.save('cli', 'invitation', 'da', good);
    assert.deepEqual((await t.services.templates.list('cli')).filter((e) => e.custom).map((e) => `${e.name}/${e.locale}/${e.updatedBy}`), ['invitation/da/cli']);
    assert.equal((await t.services.templates.show('cli', 'invitation', 'da')).subject, good.subject);
    assert.equal(await t.services.templates.reset('cli', 'invitation', 'da'), true);
    assert.match((await t.services.templates.show('cli', 'invitation', 'da')).subject, /inviterer dig/);
  });

  it('refuses a broken template when it is saved, with the reason, and keeps the old one', async () => {
    assert.deepEqual(await problems({ ...good, html: '<p>{{#if code}}</p>' }), [
      "html: Parse error on line 1: <p>{{#if code}}</p> -------------------^ Expecting 'OPEN_INVERSE_CHAIN', 'INVERSE', 'OPEN_ENDBLOCK', got 'EOF'",
    ]);
    assert.deepEqual(await problems({ ...good, subject: 'Hi {{contact.nickname}}' }), ['subject: "nickname" not defined - 1:5']);
    assert.deepEqual(await problems({ ...good, html: '<p>{{{code}}}</p>' }), ['html: uses raw output ({{{ }}} or {{& }}); values are always escaped, use {{ }}']);
    assert.deepEqual(await problems({ ...good, text: 'Your code is {{code}}' }), ['text: must contain {{redeemUrl}}']);
    assert.deepEqual(await problems({ subject: '', html: good.html, text: good.text }), ['subject: is empty']);
    assert.deepEqual(await problems({ subject: '{{#unless organisation}}x{{/unless}}', html: '<p>{{organisation}}</p>', text: '{{organisation}}' }, 'redemption-confirmation'),
      ['subject: renders as empty']);
    await assert.rejects(t.services.templates.save('cli', 'welcome', 'fr', good), { message: 'name: must be one of invitation, invitation-reminder, password-reset, redemption-confirmation, email-confirmation; locale: must be one of en, da' });
    assert.equal((await t.services.templates.list('cli')).filter((e) => e.custom).length, 0);
  });

  it('keeps the subject to one line, whatever a value holds', async () => {
    const preview = await t.services.templates.preview('cli', 'invitation', 'en', { ...good, subject: 'Hi\r\nBcc: evil@example.com {{contact.name}}' });
    assert.equal(preview.subject, 'Hi Bcc: evil@example.com Ada Lovelace');
  });

  it('previews the template in use with example data', async () => {
    const preview = await t.services.templates.preview('cli', 'password-reset', 'da');
    assert.equal(preview.subject, 'Nulstil din adgangskode til Contoso');
    assert.match(preview.text, /password\/reset\?token=example-token/);
  });
});
