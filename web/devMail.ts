import { Router } from 'express';
import type { Store } from '../src/store/port.ts';
import { escapeHtml } from './html.ts';
import { noStore } from './noStore.ts';

/**
 * The dev mailbox: mail that would have gone through Graph, readable at /dev/mail (a page) and
 * /dev/mail.json. Mounted only without Graph settings and outside production.
 */
export function devMailRouter(store: Store): Router {
  const router = Router();
  router.use(['/dev/mail', '/dev/mail.json'], noStore);
  router.get('/dev/mail.json', async (req, res) => {
    const page = await store.devMail.list({ limit: 100, after: typeof req.query.after === 'string' ? req.query.after : null });
    res.json(page);
  });
  router.get('/dev/mail', async (_req, res) => {
    const page = await store.devMail.list({ limit: 100 });
    const items = page.items.map((mail) => `
      <article>
        <h2>${escapeHtml(mail.subject)}</h2>
        <p>To <strong>${escapeHtml(mail.to)}</strong> from ${escapeHtml(mail.from)}, ${escapeHtml(mail.at.toISOString())}</p>
        <pre class="mail">${escapeHtml(mail.text)}</pre>
      </article>`).join('\n');
    res.type('html').send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Dev mailbox</title>
<link rel="stylesheet" href="/static/site.css">
</head><body><main><h1>Dev mailbox</h1><p>Mail kept here instead of being sent, newest first (${page.items.length} shown).</p>
${items || '<p>No mail yet.</p>'}</main></body></html>`);
  });
  return router;
}
