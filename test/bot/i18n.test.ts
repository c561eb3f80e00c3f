import assert from 'node:assert/strict';
import { localeOf } from '../../bot/i18n/locale.ts';
import { da } from '../../bot/i18n/messages.da.ts';
import { en } from '../../bot/i18n/messages.en.ts';
import { botText, cardTexts, placeholders } from '../../bot/i18n/translate.ts';
import { BOT_COMMANDS } from '../../src/domain/botCommands.ts';
import { EXPIRY_HELP } from '../../src/domain/expiry.ts';

describe('bot: languages', () => {
  it('speaks Danish to da and da-*, English to anyone else', () => {
    for (const locale of ['da', 'da-DK', 'DA-dk', 'da_DK']) assert.equal(localeOf(locale), 'da', locale);
    for (const locale of ['en-US', 'en', 'de-DE', 'nb-NO', 'dan', '', undefined, null, 42]) assert.equal(localeOf(locale), 'en', String(locale));
  });

  it('has every English text in Danish, with the same {placeholders}', () => {
    assert.deepEqual(Object.keys(da).sort(), Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) {
      assert.deepEqual(placeholders(da[key as keyof typeof en]).sort(), placeholders(text).sort(), key);
      assert.notEqual(da[key as keyof typeof en].trim(), '', key);
    }
  });

  it('keeps the command table the English source of the command texts', () => {
    for (const command of BOT_COMMANDS) {
      assert.equal(botText('en', `command.${command.name}.description`), command.description);
      assert.equal(botText('en', `command.${command.name}.usage`), command.usage);
    }
    assert.equal(botText('en', 'change.expiryHelp'), EXPIRY_HELP, 'the expiry forms as the domain words them');
  });

  it('gives a card its own texts with the data filled in', () => {
    const texts = cardTexts('da', 'invitationStatus', { name: 'Forår *hej*', count: 3 });
    assert.equal(texts.revokeQuestion, 'Annuller "Forår *hej*"? Koden holder op med at virke med det samme; det kan ikke fortrydes.');
    assert.equal(texts.extend, 'Forlæng');
    assert.equal(cardTexts('en', 'invitationStatus', {}).extend, 'Extend');
  });
});
