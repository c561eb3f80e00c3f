import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Contact } from '../../src/domain/contact.ts';
import { DomainError } from '../../src/domain/errors.ts';
import type { Logger } from '../../src/logger.ts';
import type { Services } from '../../src/services/index.ts';
import { isMessageKey } from './i18n.ts';
import type { MicrosoftSignIn } from './microsoftSignIn.ts';
import { renderPage } from './render.ts';
import { safeRedirect } from './redirects.ts';

/** What the site's routes share. */
export type SiteContext = {
  services: Services;
  logger: Logger;
  publicBaseUrl: string;
  redirectAllowlist: readonly string[];
  openRegistration: boolean;
  microsoft: MicrosoftSignIn | null;
  csrfToken: (req: Request) => string;
};

export type Handler = (req: Request, res: Response, next: NextFunction) => Promise<void> | void;

/** Runs an async handler, passing a rejection to Express's error handling. */
export function route(handler: Handler) {
  return (req: Request, res: Response, next: NextFunction) => {
    Promise.resolve(handler(req, res, next)).catch(next);
  };
}

export function field(req: Request, name: string): string {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.slice(0, 2000) : '';
}

export function query(req: Request, name: string): string {
  const value = req.query[name];
  return typeof value === 'string' ? value.slice(0, 2000) : '';
}

/** Renders a page with what every page needs: the CSRF token, the organisation, the signed-in visitor. */
export function page(ctx: SiteContext, req: Request, res: Response, view: string, data: Record<string, unknown>, status = 200): void {
  const { t } = res.locals;
  renderPage(req, res, view, {
    title: data.heading ?? t(`${view}.heading`),
    organisation: res.locals.organisation,
    csrfToken: ctx.csrfToken(req),
    microsoft: Boolean(ctx.microsoft),
    ...data,
  }, status);
}

/**
 * An exposed domain error as the visitor's-language message and its status; anything else is
 * rethrown to become the generic error page.
 */
export function explain(res: Response, error: unknown): { message: string; status: number; code: string } {
  if (!(error instanceof DomainError) || !error.expose) throw error;
  const { t } = res.locals;
  return { message: isMessageKey(error.code) ? t(error.code) : error.message, status: error.status, code: error.code };
}

/** This browser session's secret, made on first use: a mailed link completes a request only in the session that made it. */
export function sessionNonce(req: Request): string {
  req.session.proofNonce ??= randomBytes(24).toString('base64url');
  return req.session.proofNonce;
}

/** What the customer services need to know about the visit. */
export function visitContext(req: Request, redirect?: string) {
  return { ...clientInfo(req), sessionNonce: sessionNonce(req), locale: req.session.locale ?? req.res?.locals.locale ?? null, redirect: redirect ?? null };
}

export function clientInfo(req: Request) {
  return { ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null };
}

/** Where to go after redeeming: the invitation's redirect or the visitor's `redirect`, if safe; else the profile. */
export function afterRedemption(ctx: SiteContext, ...candidates: unknown[]): string {
  for (const candidate of candidates) {
    const safe = safeRedirect(candidate, ctx.publicBaseUrl, ctx.redirectAllowlist);
    if (safe) return safe;
  }
  return '/profile?welcome=1';
}

/**
 * Signs the visitor in as the contact, in a fresh session (the old id is never reused). The session
 * remembers the contact's session generation: once that moves on (a password reset, a reset
 * redemption), the session no longer signs anyone in.
 */
export function signInAs(req: Request, contact: Pick<Contact, 'id' | 'sessionGeneration'>, via: string | null): Promise<void> {
  const { locale } = req.session;
  return new Promise((resolve, reject) => {
    req.session.regenerate((error) => {
      if (error) return reject(error as Error);
      req.session.contactId = contact.id;
      req.session.sessionGeneration = contact.sessionGeneration ?? 0;
      req.session.signedInVia = via ?? undefined;
      if (locale) req.session.locale = locale;
      req.session.save((saveError) => (saveError ? reject(saveError as Error) : resolve()));
    });
  });
}
