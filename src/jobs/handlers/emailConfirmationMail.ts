import { linkKey, newLinkToken, PROOF_LINK_NAMESPACE, PROOF_LINK_TTL_MS, PROOF_NAMESPACE } from '../../customers/mailedLinks.ts';
import { localDateTime } from '../../domain/dateText.ts';
import { isLocale } from '../../domain/invitation.ts';
import type { EmailConfirmationMailData } from '../../mail/templateData.ts';
import { renderParts } from '../../mail/templateEngine.ts';
import { activeTemplate } from '../../mail/templates.ts';
import { PermanentJobError } from '../../domain/jobOutcomes.ts';
import type { JobHandler } from '../worker.ts';
import { frameFor, payloadString, type HandlerDeps } from './deps.ts';

/**
 * Mails the link that proves a visitor controls an address. The waiting request (what to bind,
 * which invitation) stays in the store under its id; the link's token is made here, at send time,
 * and only its hash is kept. A retried job makes a new link; each works once, for fifteen minutes.
 */
export function emailConfirmationMailHandler(deps: HandlerDeps): JobHandler {
  return async (job) => {
    const proofId = payloadString(job.payload, 'proofId');
    const proof = await deps.store.ephemeral.get(PROOF_NAMESPACE, proofId, deps.clock());
    if (!proof || typeof proof.email !== 'string') throw new PermanentJobError('The confirmation request has expired before its mail could be sent.');
    const token = newLinkToken();
    const expiresAt = new Date(deps.clock().getTime() + PROOF_LINK_TTL_MS);
    await deps.store.ephemeral.put(PROOF_LINK_NAMESPACE, linkKey(token), { proofId }, expiresAt);
    const locale = typeof proof.locale === 'string' && isLocale(proof.locale) ? proof.locale : 'en';
    // A known address is greeted by its contact's own name, never by what whoever asked typed.
    const known = await deps.store.contacts.findByPrimaryEmail(proof.email);
    const firstName = known ? known.firstName : (typeof proof.firstName === 'string' ? proof.firstName : '');
    const lastName = known ? known.lastName : (typeof proof.lastName === 'string' ? proof.lastName : '');
    const name = `${firstName} ${lastName}`.trim() || proof.email;
    const data: EmailConfirmationMailData = {
      ...(await frameFor(deps, locale)),
      contact: { firstName, lastName, name },
      invitationName: typeof proof.invitationName === 'string' ? proof.invitationName : null,
      confirmUrl: `${deps.publicBaseUrl}/confirm?token=${token}`,
      expiresAt: localDateTime(expiresAt, locale),
    };
    const rendered = renderParts(await activeTemplate(deps.store.templates, 'email-confirmation', locale), data);
    await deps.mailer.send({ from: deps.mailSender, to: { address: proof.email, name }, ...rendered, deliveryId: job.id });
  };
}
