import { Router } from 'express';
import type { DevMail } from '../src/domain/devMail.ts';
import type { Store } from '../src/store/port.ts';
import { escapeHtml } from './html.ts';
import { noStore } from './noStore.ts';

/**
 * The dev mailbox: mail that would have gone through Graph, readable at /dev/mail (a page) and
 * /dev/mail.json. Mounted only without Graph settings and outside production. Each mail's HTML
 * part is shown in a sandboxed frame (no scripts, no same origin, its own CSP), its text part with
 * its links made clickable.
 */
export function devMailRouter(store: Store): Router {
  const router = Router();
  router.use(['/dev/mail', '/dev/mail.json', '/dev/mail/:id/html'], noStore);
  router.get('/dev/mail.json', async (req, res) => {
    const page = await store.devMail.list({ limit: 100, after: typeof req.query.after === 'string' ? req.query.after : null });
    res.json(page);
  });
  router.get('/dev/mail/:id/html', async (req, res) => {
    const mail = await findMail(store, req.params.id);
    if (!mail) return void res.status(404).type('text/plain').send('No such mail.');
    // What a mail client allows: styles and images, nothing that runs; a sandbox even when opened directly.
    res.set('Content-Security-Policy', "default-src 'none'; img-src * data:; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox allow-popups allow-popups-to-escape-sandbox");
    res.type('html').send(mail.html);
  });
  router.get('/dev/mail', async (_req, res) => {
    const page = await store.devMail.list({ limit: 100 });
    const items = page.items.map((mail) => `
      <article class="devmail">
        <h2>${escapeHtml(mail.subject)}</h2>
        <p>To <strong>${escapeHtml(mail.to)}</strong> from ${escapeHtml(mail.from)}, ${escapeHtml(mail.at.toISOString())}</p>
        <iframe class="mail-html" src="/dev/mail/${encodeURIComponent(mail.id)}/html" sandbox="allow-popups allow-popups-to-escape-sandbox" title="HTML of “${escapeHtml(mail.subject)}”" width="640" height="560"></iframe>
        <h3>Text</h3>
        <pre class="mail">${linkedText(mail.text)}</pre>
      </article>`).join('\n');
    res.type('html').send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Dev mailbox</title>
<link rel="stylesheet" href="/static/site.css">
</head><body><main class="wide"><h1>Dev mailbox</h1><p>Mail kept here instead of being sent, newest first (${page.items.length} shown).</p>
${items || '<p>No mail yet.</p>'}</main></body></html>`);
  });
  return router;
}

/** A kept mail by id, looked for among the newest few thousand (it is a development tool). */
async function findMail(store: Store, id: string): Promise<DevMail | null> {
  let after: string | null = null;
  for (let pages = 0; pages < 50; pages++) {
    const page = await store.devMail.list({ limit: 100, after });
    const mail = page.items.find((item) => item.id === id);
    if (mail) return mail;
    if (!page.next) return null;
    after = page.next;
  }
  return null;
}

const URL_IN_TEXT = /https?:\/\/[^\s<>"']+/g;

/** The text escaped, with each http(s) address in it a link (trailing punctuation left out). */
export function linkedText(text: string): string {
  let html = '';
  let from = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const url = match[0].replace(/[.,;:!?)\]]+$/, '');
    html += escapeHtml(text.slice(from, match.index)) + `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
    from = match.index + url.length;
  }
  return html + escapeHtml(text.slice(from));
}
