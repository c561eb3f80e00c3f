import { displayName } from '../../domain/contact.ts';
import { PermanentJobError } from '../../domain/jobOutcomes.ts';
import { renderParts } from '../../mail/templateEngine.ts';
import { activeTemplate } from '../../mail/templates.ts';
import type { JobHandler } from '../worker.ts';
import { payloadString, type HandlerDeps } from './deps.ts';
import { invitationMailData } from './invitationMail.ts';
import { reminderStillDue } from './reminder.ts';

/**
 * Reminds one invited contact of an invitation that expires soon, to their primary e-mail only,
 * through the same mailer (and pacing) as every mail. Checked again at send time: nothing goes
 * for an invitation closed or extended meanwhile, or to a contact who has redeemed it.
 */
export function reminderMailHandler(deps: HandlerDeps): JobHandler {
  return async (job) => {
    const expiresAt = payloadString(job.payload, 'expiresAt');
    const invitation = await deps.store.invitations.get(payloadString(job.payload, 'invitationId'));
    if (!reminderStillDue(invitation, expiresAt, deps.clock())) {
      deps.logger.info({ jobId: job.id }, 'reminder mail not sent: the invitation is closed or has another expiry');
      return;
    }
    const contact = await deps.store.contacts.get(payloadString(job.payload, 'contactId'));
    if (!contact) throw new PermanentJobError('The invited contact no longer exists.');
    if (!contact.primaryEmail) throw new PermanentJobError(`${displayName(contact)} has no primary e-mail; the reminder was not sent to them.`);
    if ((await deps.store.invitations.redemptionsOf(contact.id)).some((r) => r.invitationId === invitation.id)) return;

    const template = await activeTemplate(deps.store.templates, 'invitation-reminder', invitation.locale);
    const rendered = renderParts(template, await invitationMailData(deps, invitation, contact));
    await deps.mailer.send({ from: deps.mailSender, to: { address: contact.primaryEmail, name: displayName(contact) }, ...rendered, deliveryId: job.id });
  };
}
