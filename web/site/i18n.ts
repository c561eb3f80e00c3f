import type { NextFunction, Request, Response } from 'express';
import { readCookie } from './cookies.ts';
import { da } from './messages.da.ts';
import { en, type MessageKey } from './messages.en.ts';
import { holdsSession } from './sessionStore.ts';

export const SITE_LOCALES = ['en', 'da'] as const;
export type SiteLocale = (typeof SITE_LOCALES)[number];
const CATALOGUES: Record<SiteLocale, Record<MessageKey, string>> = { en, da };

export type Translate = (key: string, values?: Record<string, string>) => string;

export function translator(locale: SiteLocale): Translate {
  return (key, values = {}) => {
    const text = CATALOGUES[locale][key as MessageKey] ?? CATALOGUES.en[key as MessageKey] ?? key;
    return text.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
  };
}

export function isMessageKey(key: string): key is MessageKey {
  return key in en;
}

const LANGUAGE_COOKIE = 'invitedesk.lang';
const isSiteLocale = (value: unknown): value is SiteLocale => typeof value === 'string' && (SITE_LOCALES as readonly string[]).includes(value);

/**
 * Picks the language: `?lang=` (the switcher, remembered in the session when the visitor has one,
 * else in a cookie: a page view must not store a session), then what was remembered, then
 * Accept-Language, then English. Sets `res.locals.locale` and `res.locals.t`.
 */
export function chooseLocale(req: Request, res: Response, next: NextFunction): void {
  const asked = isSiteLocale(req.query.lang) ? req.query.lang : null;
  if (asked && holdsSession(req)) req.session.locale = asked;
  else if (asked) res.cookie(LANGUAGE_COOKIE, asked, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', maxAge: 365 * 24 * 60 * 60_000 });
  const remembered = req.session?.locale ?? readCookie(req, LANGUAGE_COOKIE);
  const locale = asked ?? (isSiteLocale(remembered) ? remembered : null) ?? (req.acceptsLanguages(...SITE_LOCALES) || 'en') as SiteLocale;
  res.locals.locale = locale;
  res.locals.t = translator(locale);
  next();
}
