import type { Request, Response } from 'express';
import type { Contact } from '../../src/domain/contact.ts';
import type { DomainError } from '../../src/domain/errors.ts';
import type { AccessOutcome, PendingInvitation } from '../../src/services/customerAccounts.ts';
import { afterRedemption, clientInfo, explain, page, signInAs, type SiteContext } from './siteContext.ts';

/** The page after a customer's request: signed in (and where to), or "check your mail". */
export async function finishAccess(ctx: SiteContext, req: Request, res: Response, outcome: AccessOutcome, redirect: string): Promise<void> {
  const { t } = res.locals;
  if (outcome.kind === 'check-mail') {
    return page(ctx, req, res, 'message', { heading: t('checkMail.heading'), text: t('checkMail.text', { email: outcome.email }), link: '/', linkText: t('tabs.signIn') });
  }
  if (outcome.kind === 'need-email') return page(ctx, req, res, 'microsoft-email', { heading: t('microsoftEmail.heading') });
  await signInAs(req, outcome.contact, outcome.via);
  if (outcome.kind === 'signed-in') return res.redirect(303, '/profile');
  res.redirect(303, afterRedemption(ctx, outcome.invitation.redirectUrl, redirect));
}

/**
 * Signs the visitor in and accepts the invitation that waited for the sign-in, as the contact now
 * signed in, then goes where it leads. If it cannot be accepted the visitor stays signed in and the
 * profile says why; nothing but an exposed domain error is shown.
 */
export async function signInAndRedeem(ctx: SiteContext, req: Request, res: Response, contact: Contact, via: string | null, pending: PendingInvitation | null, redirect: string): Promise<void> {
  await signInAs(req, contact, via);
  if (!pending) return res.redirect(303, '/profile');
  const { customers } = ctx.services;
  try {
    const { invitation } = await customers.redeemAs(contact, pending, clientInfo(req));
    res.redirect(303, afterRedemption(ctx, invitation.redirectUrl, redirect));
  } catch (error) {
    explain(res, error);
    req.session.notice = (error as DomainError).code;
    res.redirect(303, '/profile');
  }
}
