import request from 'supertest';
import { createApp } from '../../web/app.ts';
import type { SiteSettings } from '../../web/site/index.ts';
import { mailTestbed, silentLogger } from './mailTestbed.ts';
import { seedDirectory } from './services.ts';

/** The site's settings in tests. */
export const TEST_SITE: SiteSettings = {
  organisationName: 'Contoso', publicBaseUrl: 'http://127.0.0.1', redirectAllowlist: [], openRegistration: false,
  sessionSecret: 'test-session-secret-test-session-secret', microsoft: null,
};

/**
 * The redeem site over an in-memory store with the dev mailbox and a worker the test drains, plus
 * a cookie-keeping agent that reads CSRF tokens from the pages it gets.
 */
export async function siteTestbed(settings: Partial<SiteSettings> = {}) {
  const bed = mailTestbed();
  const seed = await seedDirectory(bed.services, 3);
  const app = createApp({
    store: bed.store, services: bed.services, logger: silentLogger, devMailbox: true,
    site: { ...TEST_SITE, redirectAllowlist: ['portal.contoso.com'], ...settings },
  });
  return { ...bed, seed, app, visitor: () => visitor(app) };
}

export function visitor(app: Parameters<typeof request.agent>[0]) {
  const agent = request.agent(app);
  let csrf = '';
  const remember = (res: request.Response) => {
    const token = /name="_csrf" value="([^"]+)"/.exec(res.text ?? '');
    if (token) csrf = token[1]!;
    return res;
  };
  return {
    agent,
    get: async (path: string, headers: Record<string, string> = {}) => remember(await agent.get(path).set(headers)),
    post: async (path: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
      remember(await agent.post(path).set(headers).type('form').send({ _csrf: csrf, ...form })),
    postWithoutToken: (path: string, form: Record<string, string>) => agent.post(path).type('form').send(form),
  };
}

/** The alert text on a page, without tags. */
export function alertText(html: string): string | null {
  const match = /role="alert"[^>]*>([\s\S]*?)<\/(div|p)>/.exec(html);
  return match ? match[1]!.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"').trim() : null;
}
