import type { Request, Response } from 'express';
import type { AccessOutcome } from '../../src/services/customerAccounts.ts';
import { afterRedemption, page, signInAs, type SiteContext } from './siteContext.ts';

/** The page after a customer's request: signed in (and where to), or "check your mail". */
export async function finishAccess(ctx: SiteContext, req: Request, res: Response, outcome: AccessOutcome, redirect: string): Promise<void> {
  const t = res.locals.t as (key: string, values?: Record<string, string>) => string;
  if (outcome.kind === 'check-mail') {
    return page(ctx, req, res, 'message', { heading: t('checkMail.heading'), text: t('checkMail.text', { email: outcome.email }), link: '/', linkText: t('tabs.signIn') });
  }
  if (outcome.kind === 'need-email') return page(ctx, req, res, 'microsoft-email', { heading: t('microsoftEmail.heading') });
  await signInAs(req, outcome.contact, outcome.via);
  if (outcome.kind === 'signed-in') return res.redirect(303, '/profile');
  res.redirect(303, afterRedemption(ctx, outcome.invitation.redirectUrl, redirect));
}
