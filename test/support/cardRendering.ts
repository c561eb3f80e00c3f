import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';

const SDK_SOURCE = readFileSync(createRequire(import.meta.url).resolve('adaptivecards/dist/adaptivecards.js'), 'utf8');

/**
 * A host config close to Teams' light theme (Segoe UI, 14 px text, Teams' purple accent, bold fact
 * titles at most 150 px wide, up to six actions side by side), so a card renders as Teams lays it out.
 */
export const TEAMS_HOST_CONFIG = {
  fontFamily: '"Segoe UI", system-ui, -apple-system, "Helvetica Neue", sans-serif',
  supportsInteractivity: true,
  spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#E0E0E0' },
  fontSizes: { small: 12, default: 14, medium: 16, large: 18, extraLarge: 24 },
  fontWeights: { lighter: 300, default: 400, bolder: 600 },
  containerStyles: {
    default: {
      backgroundColor: '#FFFFFF',
      foregroundColors: {
        default: { default: '#242424', subtle: '#616161' }, accent: { default: '#5B5FC7', subtle: '#5B5FC7' },
        good: { default: '#237B4B', subtle: '#237B4B' }, warning: { default: '#835C00', subtle: '#835C00' },
        attention: { default: '#C4314B', subtle: '#C4314B' }, dark: { default: '#242424', subtle: '#616161' }, light: { default: '#FFFFFF', subtle: '#FFFFFF' },
      },
    },
    emphasis: { backgroundColor: '#F5F5F5', foregroundColors: { default: { default: '#242424', subtle: '#616161' } } },
  },
  actions: {
    maxActions: 6, spacing: 'default', buttonSpacing: 8, actionsOrientation: 'horizontal', actionAlignment: 'left',
    showCard: { actionMode: 'inline', inlineTopMargin: 12, style: 'emphasis' },
  },
  factSet: { title: { weight: 'bolder', size: 'default', wrap: true, maxWidth: 150 }, value: { wrap: true }, spacing: 12 },
  inputs: { label: { requiredInputs: { weight: 'bolder', suffix: ' *', suffixColor: 'attention' }, optionalInputs: { weight: 'bolder' } } },
};

const PAGE_STYLE = `
  html, body { margin: 0; background: #F5F5F5; }
  #frame { box-sizing: border-box; padding: 8px; }
  #card { background: #FFFFFF; border: 1px solid #E0E0E0; border-radius: 6px; overflow: visible; }
  .ac-pushButton { border: 1px solid #D1D1D1; background: #FFFFFF; color: #242424; border-radius: 4px; padding: 5px 12px;
    font: 600 14px "Segoe UI", system-ui, sans-serif; cursor: pointer; min-height: 32px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .ac-fact-title { padding-right: 12px; }
  .ac-pushButton.expanded { background: #EBEBEB; }
  .ac-pushButton.style-destructive { color: #C4314B; }
  .ac-input, .ac-input input, .ac-input select, .ac-input textarea { box-sizing: border-box; max-width: 100%; font: 14px "Segoe UI", system-ui, sans-serif; }
  .ac-textInput, .ac-multichoiceInput { width: 100%; min-height: 32px; border: 1px solid #D1D1D1; border-radius: 4px; padding: 4px 8px; }
`;

type SdkWindow = {
  AdaptiveCards: {
    AdaptiveCard: (new () => { hostConfig: unknown; parse(json: unknown): void; render(): unknown }) & { onProcessMarkdown?: (text: string, result: { didProcess: boolean; outputHtml?: string }) => void };
    HostConfig: new (json: unknown) => unknown;
  };
};

export type RenderedCard = {
  /** Elements that reach past the right edge of the viewport (tag, class and text, for the message), and buttons whose title is cut short. */
  overflowing: string[];
  /** The page's scroll width against its viewport width. */
  scrollWidth: number;
  /** A picture of the card, when asked for. */
  png?: Buffer;
};

/**
 * Renders a card with the Adaptive Cards SDK in a page `width` px wide with the Teams-like host
 * config. Teams' markdown is reduced to what our cards send (backslash escapes, paragraphs);
 * `{{DATE()}}`/`{{TIME()}}` are formatted by the SDK in the page's zone. `open` presses the
 * ShowCard buttons with these titles first; `picture` takes a PNG of the card.
 */
export async function renderCardInBrowser(browser: Browser, card: unknown, width: number, options: { open?: readonly string[]; picture?: boolean } = {}): Promise<RenderedCard> {
  const context = await browser.newContext({ viewport: { width, height: 600 }, deviceScaleFactor: options.picture ? 2 : 1, timezoneId: 'Europe/Copenhagen', locale: 'en-GB' });
  try {
    const page = await context.newPage();
    await page.setContent(`<!doctype html><html><head><style>${PAGE_STYLE}</style></head><body><div id="frame"><div id="card"></div></div></body></html>`);
    await page.addScriptTag({ content: SDK_SOURCE });
    await page.evaluate(({ json, hostConfig }) => {
      const { AdaptiveCards } = globalThis as unknown as SdkWindow;
      AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
        const unescaped = text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
        const html = unescaped.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`).split(/\n{2,}/).map((p) => `<p style="margin:0">${p}</p>`).join('');
        result.outputHtml = html;
        result.didProcess = true;
      };
      const adaptiveCard = new AdaptiveCards.AdaptiveCard();
      adaptiveCard.hostConfig = new AdaptiveCards.HostConfig(hostConfig);
      adaptiveCard.parse(json);
      const element = adaptiveCard.render();
      if (!element) throw new Error('the SDK rendered nothing');
      (globalThis as unknown as { document: { getElementById(id: string): { appendChild(e: unknown): void } } }).document.getElementById('card').appendChild(element);
    }, { json: card, hostConfig: TEAMS_HOST_CONFIG });
    for (const title of options.open ?? []) await page.getByRole('button', { name: title, exact: true }).first().click();
    return { ...(await measure(page, width)), ...(options.picture ? { png: await page.locator('#frame').screenshot() } : {}) };
  } finally {
    await context.close();
  }
}

async function measure(page: Page, width: number): Promise<Omit<RenderedCard, 'png'>> {
  return page.evaluate((viewport) => {
    const doc = (globalThis as unknown as { document: { documentElement: { scrollWidth: number }; querySelectorAll(s: string): ArrayLike<{ getBoundingClientRect(): { right: number; width: number }; tagName: string; className: string; textContent: string | null }> } }).document;
    const describe = (element: { tagName: string; className: string; textContent: string | null }) => `${element.tagName.toLowerCase()}.${String(element.className)}: ${(element.textContent ?? '').slice(0, 60)}`;
    const overflowing = Array.from(doc.querySelectorAll('#card *'))
      .filter((element) => element.getBoundingClientRect().width > 0 && element.getBoundingClientRect().right > viewport + 0.5)
      .map(describe);
    const truncated = Array.from(doc.querySelectorAll('#card button, #card button *')).filter((button) => (button as unknown as { scrollWidth: number; clientWidth: number }).scrollWidth > (button as unknown as { clientWidth: number }).clientWidth + 1)
      .map((button) => `button cut short: ${button.textContent ?? ''}`);
    return { overflowing: [...overflowing, ...truncated], scrollWidth: doc.documentElement.scrollWidth };
    return { overflowing, scrollWidth: doc.documentElement.scrollWidth };
  }, width);
}
