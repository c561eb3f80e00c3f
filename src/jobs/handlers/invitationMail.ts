import { displayName, type Contact } from '../../domain/contact.ts';
import { localDateTime } from '../../domain/dateText.ts';
import { invitationStatus, type Invitation } from '../../domain/invitation.ts';
import { formatCode } from '../../domain/inviteCode.ts';
import type { InvitationMailData } from '../../mail/templateData.ts';
import { renderParts } from '../../mail/templateEngine.ts';
import { activeTemplate } from '../../mail/templates.ts';
import { PermanentJobError } from '../../domain/jobOutcomes.ts';
import { eventIdFor, invitationEventJob } from '../../domain/webhookEvent.ts';
import type { JobHandler } from '../worker.ts';
import { frameFor, payloadString, type HandlerDeps } from './deps.ts';

/** Sends one invited contact their invitation, to their primary e-mail only. */
export function invitationMailHandler(deps: HandlerDeps): JobHandler {
  return async (job) => {
    const invitation = await deps.store.invitations.get(payloadString(job.payload, 'invitationId'));
    if (!invitation) throw new PermanentJobError('The invitation no longer exists.');
    const status = invitationStatus(invitation, deps.clock());
    if (status !== 'sent') {
      deps.logger.info({ jobId: job.id, invitationId: invitation.id, status }, 'invitation mail not sent: the invitation cannot be redeemed any more');
      return;
    }
    const contact = await deps.store.contacts.get(payloadString(job.payload, 'contactId'));
    if (!contact) throw new PermanentJobError('The invited contact no longer exists.');
    if (!contact.primaryEmail) throw new PermanentJobError(`${displayName(contact)} has no primary e-mail; the invitation was not sent to them.`);

    const template = await activeTemplate(deps.store.templates, 'invitation', invitation.locale);
    const rendered = renderParts(template, await invitationMailData(deps, invitation, contact));
    await deps.mailer.send({ from: deps.mailSender, to: { address: contact.primaryEmail, name: displayName(contact) }, ...rendered, deliveryId: job.id });
    // After the mail: a crash in between runs this job again (its mail keeps its delivery id), and the event's id is this job's.
    await deps.store.jobs.enqueue(invitationEventJob('invitation.sent', invitation, { id: eventIdFor(`sent:${job.id}`), at: deps.clock(), actor: 'system', contacts: [contact] }));
  };
}

/** What the invitation's mails (the invitation, its reminder) are filled with for one contact. */
export async function invitationMailData(deps: HandlerDeps, invitation: Invitation, contact: Contact): Promise<InvitationMailData> {
  const code = formatCode(deps.vault.open(invitation.codeSealed));
  const redeemPageUrl = `${deps.publicBaseUrl}/redeem`;
  const [inviter, account, roles] = await Promise.all([
    inviterName(deps, invitation),
    invitation.assignToAccountId ? deps.store.accounts.get(invitation.assignToAccountId) : null,
    Promise.all(invitation.webRoleIds.map((id) => deps.store.webRoles.get(id))),
  ]);
  return {
    ...(await frameFor(deps, invitation.locale)),
    contact: { firstName: contact.firstName, lastName: contact.lastName, name: displayName(contact) },
    inviter,
    invitationName: invitation.name,
    account: account?.name ?? null,
    webRoles: roles.flatMap((role) => (role ? [role.name] : [])),
    expiresAt: invitation.expiresAt ? localDateTime(invitation.expiresAt, invitation.locale) : null,
    redeemUrl: `${redeemPageUrl}?code=${encodeURIComponent(code)}`,
    redeemPageUrl,
    code,
  };
}

async function inviterName(deps: HandlerDeps, invitation: Invitation): Promise<{ name: string } | null> {
  if (invitation.inviterContactId) {
    const inviter = await deps.store.contacts.get(invitation.inviterContactId);
    if (inviter) return { name: displayName(inviter) };
  }
  if (invitation.ownerId) {
    const owner = await deps.store.staff.get(invitation.ownerId);
    if (owner) return { name: owner.displayName };
  }
  return null;
}
