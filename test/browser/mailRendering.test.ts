import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import type { Branding } from '../../src/domain/branding.ts';
import { LOCALES } from '../../src/domain/invitation.ts';
import { TEMPLATE_NAMES } from '../../src/domain/mailTemplate.ts';
import { mailFrame } from '../../src/mail/mailFrame.ts';
import { sampleData } from '../../src/mail/templateData.ts';
import { renderParts } from '../../src/mail/templateEngine.ts';
import { builtInTemplate } from '../../src/mail/templates.ts';
import { assertAccessible, launchBrowser, openContext } from '../support/browser.ts';

/** The logo, inline so that the page reaches nothing. */
const LOGO = `data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" viewBox="0 0 40 40"><rect width="40" height="40" rx="8" fill="#7a1f5c"/><path d="M10 30V10l20 20V10" fill="none" stroke="#fff" stroke-width="4" stroke-linejoin="round"/></svg>').toString('base64')}`;
const HOSTILE = '<img src=x onerror=alert(1)> Wide&Long-Organisation-Name-Without-Spaces-That-Must-Wrap';
const BRANDED: Branding = {
  organisationName: HOSTILE, logo: null, colour: '#7a1f5c', supportEmail: 'a-very-long-support-address-for-customers@northwind-traders.example',
  portalUrl: null, privacyUrl: 'https://northwind.example/privacy', termsUrl: 'https://northwind.example/terms',
};

/**
 * Each mail template in each language, as a mail client shows it: at 600 px (desktop clients) and
 * 320 px (the narrowest phones), with the organisation's look and hostile names; axe finds nothing
 * serious and nothing is wider than the screen.
 */
describe('mail in Chromium: every template in both languages at 600 and 320 px', function () {
  this.timeout(120_000);
  let browser: Browser | null = null;
  before(async function () {
    browser = await launchBrowser();
    if (!browser) this.skip();
  });
  after(async () => { await browser?.close(); });

  for (const name of TEMPLATE_NAMES) {
    for (const locale of LOCALES) {
      it(`${name} (${locale})`, async () => {
        const frame = mailFrame(BRANDED, 'https://invites.example.com', locale);
        const data = {
          ...sampleData(name, locale), ...frame, brand: { ...frame.brand, logoUrl: LOGO }, organisation: HOSTILE,
          invitationName: '<script>alert(1)</script> Spring partners', contact: { firstName: 'Ada', lastName: 'Lovelace', name: 'Ada Lovelace-Byron-King-Noel-of-Wentworth' },
        };
        const mail = renderParts(builtInTemplate(name, locale), data);
        assert.ok(!mail.html.includes('<img src=x') && !mail.html.includes('<script>'));
        const visitor = await openContext(browser!);
        for (const width of [600, 320]) {
          await visitor.page.setViewportSize({ width, height: 900 });
          await visitor.page.setContent(mail.html);
          assert.equal(await visitor.page.getAttribute('html', 'lang'), locale);
          const overflow = await visitor.page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
          assert.ok(overflow <= 0, `${name} (${locale}) is ${overflow} px wider than ${width} px`);
          const button = visitor.page.locator('a[style*="background-color:#7a1f5c"]');
          assert.equal(await button.count(), 1, 'one button in the organisation\'s colour');
          assert.equal(await visitor.page.locator('img[alt]').first().getAttribute('src'), LOGO);
          await assertAccessible(visitor.page, `the ${name} mail (${locale}) at ${width} px`);
        }
        assert.deepEqual(visitor.blocked, []);
        await visitor.context.close();
      });
    }
  }

  // The pictures in docs/ (UPDATE_SCREENSHOTS=1): the invitation mail with an ordinary name, as a reader expects it.
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    it('draws the invitation mail for the docs at 600 and 320 px', async () => {
      const branding = { ...BRANDED, organisationName: 'Northwind Traders', supportEmail: 'help@northwind.example' };
      const frame = mailFrame(branding, 'https://invites.example.com', 'en');
      const data = { ...sampleData('invitation', 'en'), ...frame, brand: { ...frame.brand, logoUrl: LOGO }, organisation: branding.organisationName, invitationName: 'Spring partners' };
      const visitor = await openContext(browser!);
      for (const width of [600, 320]) {
        await visitor.page.setViewportSize({ width, height: 900 });
        await visitor.page.setContent(renderParts(builtInTemplate('invitation', 'en'), data).html);
        writeFileSync(`docs/mail-invitation-${width}.png`, await visitor.page.screenshot({ fullPage: true }));
      }
      await visitor.context.close();
    });
  }
});
