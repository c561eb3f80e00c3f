import { linkKey, newLinkToken, RESET_NAMESPACE, RESET_TOKEN_TTL_MS } from '../../customers/mailedLinks.ts';
import { displayName } from '../../domain/contact.ts';
import type { Locale } from '../../domain/invitation.ts';
import { localDateTime } from '../../domain/dateText.ts';
import type { PasswordResetMailData } from '../../mail/templateData.ts';
import { renderParts } from '../../mail/templateEngine.ts';
import { activeTemplate } from '../../mail/templates.ts';
import { PermanentJobError } from '../../domain/jobOutcomes.ts';
import type { JobHandler } from '../worker.ts';
import { frameFor, payloadString, type HandlerDeps } from './deps.ts';

/**
 * Mails a password reset link. The token is made here, at send time, and only its hash is kept,
 * so no usable token ever sits in the outbox; a retried job simply makes a new one. The link dies
 * with the contact's current session generation: a completed reset voids every older link.
 */
export function passwordResetMailHandler(deps: HandlerDeps): JobHandler {
  return async (job) => {
    const contact = await deps.store.contacts.get(payloadString(job.payload, 'contactId'));
    if (!contact?.primaryEmail) throw new PermanentJobError('The contact no longer exists or has no primary e-mail.');
    const token = newLinkToken();
    const expiresAt = new Date(deps.clock().getTime() + RESET_TOKEN_TTL_MS);
    // The link is void once the contact's sessions are ended (by this or any newer reset).
    await deps.store.ephemeral.put(RESET_NAMESPACE, linkKey(token), { contactId: contact.id, generation: contact.sessionGeneration ?? 0 }, expiresAt);
    // The visitor's language when they asked (jobs queued before it was kept: English).
    const locale: Locale = job.payload.locale === 'da' ? 'da' : 'en';
    const data: PasswordResetMailData = {
      ...(await frameFor(deps, locale)),
      contact: { firstName: contact.firstName, lastName: contact.lastName, name: displayName(contact) },
      resetUrl: `${deps.publicBaseUrl}/password/reset?token=${token}`,
      expiresAt: localDateTime(expiresAt, locale),
    };
    const rendered = renderParts(await activeTemplate(deps.store.templates, 'password-reset', locale), data);
    await deps.mailer.send({ from: deps.mailSender, to: { address: contact.primaryEmail, name: displayName(contact) }, ...rendered, deliveryId: job.id });
  };
}
