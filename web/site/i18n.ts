import type { NextFunction, Request, Response } from 'express';
import { da } from './messages.da.ts';
import { en, type MessageKey } from './messages.en.ts';

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

/**
 * Picks the language: `?lang=` (the switcher, remembered in the session), then the session, then
 * Accept-Language, then English. Sets `res.locals.locale` and `res.locals.t`.
 */
export function chooseLocale(req: Request, res: Response, next: NextFunction): void {
  const asked = typeof req.query.lang === 'string' && (SITE_LOCALES as readonly string[]).includes(req.query.lang) ? (req.query.lang as SiteLocale) : null;
  if (asked && req.session) req.session.locale = asked;
  const locale = asked ?? req.session?.locale ?? (req.acceptsLanguages(...SITE_LOCALES) || 'en') as SiteLocale;
  res.locals.locale = locale;
  res.locals.t = translator(locale);
  next();
}
