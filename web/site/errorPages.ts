import type { Request, RequestHandler, Response, Router } from 'express';
import { renderPage } from './render.ts';

/**
 * The site's error pages: each in the layout, in the visitor's language, with a title, a heading
 * and a way back to the start page.
 */
const PAGES: Readonly<Record<number, { heading: string; text: string }>> = {
  404: { heading: 'error.notFound.heading', text: 'error.notFound' },
  405: { heading: 'error.methodNotAllowed.heading', text: 'error.methodNotAllowed' },
  413: { heading: 'error.tooLarge.heading', text: 'error.tooLarge' },
  429: { heading: 'error.rateLimited.heading', text: 'error.rateLimited' },
  500: { heading: 'error.server.heading', text: 'error.generic' },
  503: { heading: 'error.server.heading', text: 'error.busy' },
};
const OTHER_REFUSAL = { heading: 'error.heading', text: 'error.generic' };

export function errorPage(req: Request, res: Response, status: number, textKey?: string): void {
  const { t } = res.locals;
  const keys = PAGES[status] ?? OTHER_REFUSAL;
  const heading = t(keys.heading);
  renderPage(req, res, 'message', { title: heading, heading, text: t(textKey ?? keys.text), isError: true, link: '/', linkText: t('error.back') }, status);
}

export const notFoundPage: RequestHandler = (req, res) => errorPage(req, res, 404);

type RouteLayer = { route?: { methods: Record<string, boolean> }; match(path: string): boolean };

/** The methods the site answers at `path`, read from the routers' own route tables. */
function allowedMethods(routers: readonly Router[], path: string): Set<string> {
  const methods = new Set<string>();
  for (const router of routers) {
    for (const layer of router.stack as unknown as RouteLayer[]) {
      if (!layer.route || !layer.match(path)) continue;
      for (const method of Object.keys(layer.route.methods)) methods.add(method.toUpperCase());
    }
  }
  if (methods.has('GET')) methods.add('HEAD');
  return methods;
}

/** A page of the site asked for with a method it does not take: 405 with `Allow`, before any CSRF check. */
export function methodNotAllowed(routers: readonly Router[]): RequestHandler {
  return (req, res, next) => {
    const allowed = allowedMethods(routers, req.path);
    if (!allowed.size || allowed.has(req.method)) return next();
    res.set('Allow', [...allowed].join(', '));
    errorPage(req, res, 405);
  };
}
