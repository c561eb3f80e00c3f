import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { CARD_NAMES, expandCard } from '../../bot/cards/render.ts';
import { launchBrowser } from '../support/browser.ts';
import { renderCardInBrowser } from '../support/cardRendering.ts';
import { CARD_SAMPLES, DANISH_CARD_SAMPLES } from '../support/cardSamples.ts';

/** Teams' narrowest chat column (mobile) and a usual desktop one. */
const WIDTHS = [340, 450];

describe('bot cards in a browser (Adaptive Cards SDK, Teams-like host config)', function () {
  this.timeout(60_000);
  let browser: Browser | null;
  before(async () => { browser = await launchBrowser(); });
  after(() => browser?.close());

  for (const name of CARD_NAMES) {
    it(`${name}: nothing reaches past the chat column at ${WIDTHS.join(' and ')} px`, async function () {
      if (!browser) return this.skip();
      for (const width of WIDTHS) {
        const rendered = await renderCardInBrowser(browser, expandCard(name, CARD_SAMPLES[name]), width);
        assert.deepEqual(rendered.overflowing, [], `${name} at ${width} px`);
        assert.ok(rendered.scrollWidth <= width, `${name} at ${width} px scrolls sideways (${rendered.scrollWidth} px)`);
      }
    });
  }

  for (const name of CARD_NAMES) {
    it(`${name} in Danish (longer words): nothing reaches past the chat column at ${WIDTHS.join(' and ')} px`, async function () {
      if (!browser) return this.skip();
      for (const width of WIDTHS) {
        const rendered = await renderCardInBrowser(browser, expandCard(name, DANISH_CARD_SAMPLES[name], 'da'), width);
        assert.deepEqual(rendered.overflowing, [], `${name} at ${width} px`);
        assert.ok(rendered.scrollWidth <= width, `${name} at ${width} px scrolls sideways (${rendered.scrollWidth} px)`);
      }
    });
  }

  it('the Danish status card with its Annuller (revoke) confirmation open fits too', async function () {
    if (!browser) return this.skip();
    for (const width of WIDTHS) {
      const rendered = await renderCardInBrowser(browser, expandCard('invitationStatus', DANISH_CARD_SAMPLES.invitationStatus, 'da'), width, { open: ['Annuller'] });
      assert.deepEqual(rendered.overflowing, [], `at ${width} px`);
    }
  });

  it('the status card with its Revoke confirmation open fits too', async function () {
    if (!browser) return this.skip();
    for (const width of WIDTHS) {
      const rendered = await renderCardInBrowser(browser, expandCard('invitationStatus', CARD_SAMPLES.invitationStatus), width, { open: ['Revoke'] });
      assert.deepEqual(rendered.overflowing, [], `at ${width} px`);
    }
  });

  it('the check notices a card wider than the column (an unbreakable address in a fact)', async function () {
    if (!browser) return this.skip();
    const wide = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'FactSet', facts: [{ title: 'Invited', value: `ada.lovelace@${'x'.repeat(60)}.example.com` }] }] };
    assert.notDeepEqual((await renderCardInBrowser(browser, wide, 340)).overflowing, []);
  });

  it('the check notices buttons cut short (four long titles side by side at 340 px)', async function () {
    if (!browser) return this.skip();
    const crowded = { type: 'AdaptiveCard', version: '1.5', body: [], actions: ['Extend', 'Resend', 'Revoke', 'Reset redemption'].map((title) => ({ type: 'Action.Submit', title })) };
    assert.ok((await renderCardInBrowser(browser, crowded, 340)).overflowing.some((problem) => problem.startsWith('button cut short')));
  });
});
