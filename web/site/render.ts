import { readdirSync, readFileSync } from 'node:fs';
import type { Request, Response } from 'express';
import type Handlebars from 'handlebars';
import { handlebars } from '../../src/mail/handlebars.ts';
import { lazy } from '../../src/lazy.ts';
import type { Translate } from './i18n.ts';
import { SITE_LOCALES } from './i18n.ts';

/**
 * Server-rendered pages: Handlebars views in `views/` inside `layout.hbs`. Every `{{value}}` is
 * HTML-escaped; the only raw output is the rendered page body placed in the layout.
 */
const VIEWS = new URL('./views/', import.meta.url);
/** Made by the first page (Handlebars is loaded then, not at start). */
const pageViews = lazy(() => {
  const engine = handlebars().create();
  const views = new Map<string, Handlebars.TemplateDelegate>();
  for (const file of readdirSync(VIEWS)) {
    const name = file.replace(/\.hbs$/, '');
    const source = readFileSync(new URL(file, VIEWS), 'utf8');
    engine.registerPartial(name, source);
    views.set(name, engine.compile(source, { strict: false }));
  }
  engine.registerHelper('t', function (this: unknown, key: string, options: Handlebars.HelperOptions) {
    return (options.data.root.t as Translate)(key, options.hash as Record<string, string>);
  });
  return views;
});

const LANGUAGE_NAMES = { en: 'English', da: 'Dansk' } as const;

export function renderPage(req: Request, res: Response, view: string, data: Record<string, unknown> = {}, status = 200): void {
  const views = pageViews();
  const template = views.get(view);
  if (!template) throw new Error(`no view named ${view}`);
  const locals = { ...res.locals, ...data, langLinks: languageLinks(req, res.locals.locale) };
  const body = template(locals);
  res.status(status).type('html').send(views.get('layout')!({ ...locals, body }));
}

/** Links to this page in each language; everything but `lang` in the query is kept (the code, say). */
function languageLinks(req: Request, current: string) {
  // A path such as `//%00/x` is not a URL at all: its links go to the home page instead.
  const readable = URL.canParse(req.originalUrl, 'http://site.invalid');
  return SITE_LOCALES.map((code) => {
    if (req.method !== 'GET' || !readable) return { code, label: LANGUAGE_NAMES[code], current: code === current, href: `/?lang=${code}` };
    const url = new URL(req.originalUrl, 'http://site.invalid');
    url.searchParams.set('lang', code);
    return { code, label: LANGUAGE_NAMES[code], current: code === current, href: `${url.pathname}${url.search}` };
  });
}
