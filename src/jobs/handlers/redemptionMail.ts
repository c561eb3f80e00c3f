import { displayName } from '../../domain/contact.ts';
import type { RedemptionMailData } from '../../mail/templateData.ts';
import { renderParts } from '../../mail/templateEngine.ts';
import { activeTemplate } from '../../mail/templates.ts';
import { PermanentJobError } from '../../domain/jobOutcomes.ts';
import type { JobHandler } from '../worker.ts';
import { frameFor, payloadString, type HandlerDeps } from './deps.ts';

/** Confirms a redemption to the redeemer: what they were given and where their profile is. */
export function redemptionMailHandler(deps: HandlerDeps): JobHandler {
  return async (job) => {
    const invitation = await deps.store.invitations.get(payloadString(job.payload, 'invitationId'));
    const contact = await deps.store.contacts.get(payloadString(job.payload, 'contactId'));
    if (!invitation || !contact) throw new PermanentJobError('The invitation or the contact no longer exists.');
    if (!contact.primaryEmail) throw new PermanentJobError(`${displayName(contact)} has no primary e-mail.`);
    const account = invitation.assignToAccountId ? await deps.store.accounts.get(invitation.assignToAccountId) : null;
    const roles = await deps.store.webRoles.getMany(invitation.webRoleIds);
    const data: RedemptionMailData = {
      ...(await frameFor(deps, invitation.locale)),
      invitationName: invitation.name || null,
      contact: { firstName: contact.firstName, lastName: contact.lastName, name: displayName(contact) },
      account: account?.name ?? null,
      webRoles: roles.map((role) => role.name),
      profileUrl: `${deps.publicBaseUrl}/profile`,
    };
    const rendered = renderParts(await activeTemplate(deps.store.templates, 'redemption-confirmation', invitation.locale), data);
    await deps.mailer.send({ from: deps.mailSender, to: { address: contact.primaryEmail, name: displayName(contact) }, ...rendered, deliveryId: job.id });
  };
}
