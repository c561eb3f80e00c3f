/**
 * Renders the bot's invitation cards in Chromium (Adaptive Cards SDK, a Teams-like host config) at
 * Teams' narrow and usual chat widths and saves them as PNGs under docs/cards/, for the docs and to
 * look at after a card changes: `node scripts/renderCards.ts`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { expandCard, type CardName } from '../bot/cards/render.ts';
import { launchBrowser } from '../test/support/browser.ts';
import { renderCardInBrowser } from '../test/support/cardRendering.ts';
import { CARD_SAMPLES } from '../test/support/cardSamples.ts';

const SHOTS: { file: string; card: CardName; open?: string[] }[] = [
  { file: 'status', card: 'invitationStatus' },
  { file: 'status-revoke', card: 'invitationStatus', open: ['Revoke'] },
  { file: 'list', card: 'invitationList' },
  { file: 'invite-form', card: 'inviteForm' },
  { file: 'invite-many-form', card: 'inviteManyForm' },
  { file: 'invite-many-preview', card: 'inviteManyPreview' },
  { file: 'approval', card: 'approval' },
  { file: 'batch-approval', card: 'batchApproval' },
  { file: 'help', card: 'help' },
];
const WIDTHS = [340, 450];

const out = new URL('../docs/cards/', import.meta.url);
mkdirSync(out, { recursive: true });
const browser = await launchBrowser();
if (!browser) process.exit(1);
try {
  for (const shot of SHOTS) {
    for (const width of WIDTHS) {
      const rendered = await renderCardInBrowser(browser, expandCard(shot.card, CARD_SAMPLES[shot.card]), width, { open: shot.open, picture: true });
      writeFileSync(new URL(`${shot.file}-${width}.png`, out), rendered.png!);
      const problem = rendered.overflowing.length ? ` OVERFLOWS: ${rendered.overflowing.slice(0, 3).join(' | ')}` : '';
      process.stdout.write(`docs/cards/${shot.file}-${width}.png${problem}\n`);
    }
  }
} finally {
  await browser.close();
}
