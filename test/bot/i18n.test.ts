import assert from 'node:assert/strict';
import { localeOf } from '../../bot/i18n/locale.ts';
import { da } from '../../bot/i18n/messages.da.ts';
import { en } from '../../bot/i18n/messages.en.ts';
import { phrasesDa } from '../../bot/i18n/phrases.da.ts';
import { botPhrase, botText, cardTexts, noticeTexts, placeholders } from '../../bot/i18n/translate.ts';
import { PHRASES, type PhraseKey } from '../../src/domain/phrases.ts';
import type { Invitation } from '../../src/domain/invitation.ts';
import type { Job } from '../../src/domain/job.ts';
import type { NoticeMessage } from '../../src/domain/notice.ts';
import { decisionNotice } from '../../src/services/notices/approvals.ts';
import { batchDecisionNotice } from '../../src/services/notices/batchApprovals.ts';
import { expiredUnusedNotice } from '../../src/services/notices/expiredUnused.ts';
import { redeemedNotice } from '../../src/services/notices/redeemed.ts';
import { redemptionResetNotice } from '../../src/services/notices/redemptionReset.ts';
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

  it('has every phrase of the product (errors, rejected lines) in Danish, with the same {placeholders} but the English-only {what}', () => {
    assert.deepEqual(Object.keys(phrasesDa).sort(), Object.keys(PHRASES).sort());
    for (const [key, text] of Object.entries(PHRASES)) {
      const english = placeholders(text).filter((name) => name !== 'what');
      assert.deepEqual(placeholders(phrasesDa[key as PhraseKey]).sort(), english.sort(), key);
    }
    assert.equal(botPhrase('da', { key: 'invitation.cannotExtend', values: { status: 'revoked' } }), 'En invitation med status "annulleret" kan ikke forlænges.');
    assert.equal(botPhrase('en', { key: 'invitation.cannotExtend', values: { status: 'revoked' } }), 'A revoked invitation cannot be extended.');
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

  it('words each notice from its message key as the service words it in English, and in Danish', () => {
    const now = new Date('2026-06-10T12:00:00Z');
    const IVY = 'bbbbbbbb-0000-4000-8000-000000000002';
    const invitation = { id: 'i1', name: 'Spring *partners*', type: 'group', createdBy: IVY, ownerId: null, expiresAt: new Date('2026-06-09T12:00:00Z'), lifecycle: 'sent', redemptions: [], maxRedemptions: 2, remaining: 2, invitedCount: 3 } as unknown as Invitation;
    const contact = { id: 'c1', firstName: 'Ada', lastName: 'Lovelace', primaryEmail: 'ada@example.com' };
    const jobs = [
      redeemedNotice(invitation, contact, 'a1', now), redeemedNotice({ ...invitation, type: 'single' }, contact, 'a1', now),
      redemptionResetNotice(invitation, contact, { id: 'r1', actor: 'cli', actorName: 'Abe', reason: 'wrong person', reissued: true }, now),
      redemptionResetNotice(invitation, contact, { id: 'r1', actor: 'cli', actorName: 'Abe', reason: null, reissued: false }, now),
      ...decisionNotice(invitation, 'Abe', null, now), ...decisionNotice(invitation, 'Abe', 'not yet', now),
      ...batchDecisionNotice({ id: 'b1', requestedBy: IVY } as never, 'Abe', null, 12, now), ...batchDecisionNotice({ id: 'b1', requestedBy: IVY } as never, 'Abe', 'no', 12, now),
      expiredUnusedNotice(invitation, now),
    ] as (Job | null)[];
    assert.equal(jobs.filter(Boolean).length, jobs.length);
    for (const job of jobs as Job[]) {
      const { title, text, message } = job.payload as { title: string; text: string; message: NoticeMessage & { values: Record<string, string> } };
      const worded = (locale: 'en' | 'da') => {
        const key = `notice.${message.key}`;
        assert.ok(`${key}.title` in en, key);
        return { title: botText(locale, `${key}.title` as keyof typeof en, message.values), text: botText(locale, `${key}.text` as keyof typeof en, message.values) };
      };
      assert.deepEqual(worded('en'), { title, text }, message.key);
      assert.deepEqual(noticeTexts('da', { title, text }, message), worded('da'));
      assert.notDeepEqual(worded('da'), { title, text }, message.key);
    }
    assert.deepEqual(noticeTexts('da', { title: 'T', text: 'x' }, { key: 'from-a-newer-version', values: {} }), { title: 'T', text: 'x' });
  });
});
