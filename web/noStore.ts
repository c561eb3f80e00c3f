import type { RequestHandler } from 'express';

/** For answers that carry personal data, codes or tokens: no browser or proxy cache may keep them. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};
